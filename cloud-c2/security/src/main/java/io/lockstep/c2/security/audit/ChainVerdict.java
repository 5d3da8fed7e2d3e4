package io.lockstep.c2.security.audit;

/**
 * The result of verifying an audit chain: how many records were checked and, when the chain is broken,
 * the seq of the first bad record (or where one is missing) and what is wrong with it.
 */
public record ChainVerdict(long records, boolean verified, long badSeq, String problem) {

    static ChainVerdict ok(long records) {
        return new ChainVerdict(records, true, 0, "");
    }

    static ChainVerdict broken(long records, long badSeq, String problem) {
        return new ChainVerdict(records, false, badSeq, problem);
    }

    /** One line for a person: "verified N records" or the first problem. */
    public String describe() {
        return verified ? "verified " + records + " audit records" : "audit chain broken at seq " + badSeq + ": " + problem;
    }
}
