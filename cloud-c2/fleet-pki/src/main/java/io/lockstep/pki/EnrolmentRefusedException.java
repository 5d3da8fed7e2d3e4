package io.lockstep.pki;

/** An enrolment token that cannot be redeemed; {@link #reason()} says why, the message says it for people. */
public final class EnrolmentRefusedException extends Exception {

    /** Why a token was refused. */
    public enum Reason { UNKNOWN_TOKEN, ALREADY_USED, EXPIRED, OTHER_NODE }

    private final Reason reason;

    public EnrolmentRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
