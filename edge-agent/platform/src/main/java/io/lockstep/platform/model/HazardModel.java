package io.lockstep.platform.model;

import io.lockstep.platform.inference.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The example hazard model as generated at build time ({@link HazardModelGenerator}, written by
 * {@link HazardModelWriter}) and packaged at {@code /models/hazard.onnx}. Missions refer to it by
 * {@link #NAME} and {@link #sha256()}. Inputs: {@link HazardFeatures}; output: one hazard score in [0, 1].
 */
public final class HazardModel {

    /** The model name missions grant and agents pass to {@code infer}. */
    public static final String NAME = "hazard";
    public static final String RESOURCE = "/models/hazard.onnx";
    /** Hazard-scout's default decision threshold on the score. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private HazardModel() {
    }

    /** The ONNX bytes (a fresh copy). */
    public static byte[] bytes() {
        return Holder.BYTES.clone();
    }

    /** Lower-case hex sha256 of {@link #bytes()}: the model's identity. */
    public static String sha256() {
        return Holder.SHA256;
    }

    private static final class Holder {
        static final byte[] BYTES = load();
        static final String SHA256 = Digests.sha256Hex(BYTES);

        private static byte[] load() {
            try (InputStream in = HazardModel.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath: the build step "
                            + "HazardModelWriter (process-classes) did not run");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }
}
