package io.lockstep.c2.api;

/** Ends a request with the given problem. */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final java.util.Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, java.util.Map.of());
    }

    /** With response headers, such as Retry-After on a 429. */
    public ProblemException(Problem problem, java.util.Map<String, String> headers) {
        super(problem.detail());
        this.problem = problem;
        this.headers = java.util.Map.copyOf(headers);
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    public Problem problem() {
        return problem;
    }
}
