package io.lockstep.c2.approval;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.mission.MissionRecord;
import jakarta.enterprise.context.ApplicationScoped;

/** The approval policy ({@code lockstep.c2.approval.*}): on or off, and how many approvals a mission needs. */
@ApplicationScoped
public class ApprovalPolicy {

    private final C2Config config;

    public ApprovalPolicy(C2Config config) {
        this.config = config;
    }

    public boolean enabled() {
        return config.approval().enabled();
    }

    /** The mission's own {@code approval.required}, else the policy default. */
    public int requiredApprovals(MissionRecord mission) {
        if (mission.spec().approval() != null && mission.spec().approval().required() != null) {
            return mission.spec().approval().required();
        }
        return Math.max(1, config.approval().requiredApprovals());
    }
}
