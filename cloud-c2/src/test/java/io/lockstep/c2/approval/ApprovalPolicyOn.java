package io.lockstep.c2.approval;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The approval policy as deployed (on); the rest of the C2 tests run with it off to exercise other things. */
public class ApprovalPolicyOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        // A first request can take seconds on a loaded machine (module validation, simulator warm-up); the test
        // profile's 3 s idle timeout (for the slow-body tests) would close its connection before the answer.
        return Map.of("lockstep.c2.approval.enabled", "true", "lockstep.c2.approval.required-approvals", "1",
                "quarkus.http.idle-timeout", "60s", "quarkus.http.read-timeout", "60s");
    }
}
