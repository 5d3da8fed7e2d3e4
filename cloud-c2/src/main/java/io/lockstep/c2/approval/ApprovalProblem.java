package io.lockstep.c2.approval;

/**
 * A refused simulation, approval or dispatch, answered as problem+json {@code urn:lockstep:problem:<type>}
 * with {@code status} (io.lockstep.c2.api.ApprovalProblemMapper).
 */
public class ApprovalProblem extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;

    public ApprovalProblem(int status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    static ApprovalProblem conflict(String type, String title, String detail) {
        return new ApprovalProblem(409, type, title, detail);
    }
}
