package io.lockstep.swarm.agreement;

/** The parts of an {@link AgreementDigest}, in the order an alert lists them. */
public enum Component {
    MISSION,
    PLAN_VERSION,
    ALLOCATOR_VERSION,
    MEMBERSHIP,
    COVERAGE
}
