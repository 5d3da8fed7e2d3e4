package io.lockstep.mesh.testing;

import io.lockstep.mesh.api.Sample;
import java.util.List;

/** Samples as the tests compare them: {@code "PUT node/a"}, {@code "DELETE node/a"}. */
public final class SampleEvents {
    private SampleEvents() {
    }

    public static List<String> events(List<Sample> samples) {
        return samples.stream().map(s -> s.kind() + " " + s.keyExpr()).toList();
    }
}
