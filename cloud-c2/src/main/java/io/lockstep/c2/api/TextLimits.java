package io.lockstep.c2.api;

/**
 * Bounds on free text that crosses C2 (REST reasons, the node's status details, errors, versions). Every
 * such field ends up in Redis, in REST answers and in link messages; unbounded, one request could make a
 * message larger than the link accepts and poison a node's delivery for good.
 */
public final class TextLimits {

    /** Abort and e-stop reasons from the REST API (characters); longer is a 400. */
    public static final int MAX_REASON_CHARS = 1024;
    /** Free text a node reports (status detail, command error, agent state, journal path): longer is cut. */
    public static final int MAX_NODE_TEXT_CHARS = 4096;
    /** Short labels a node reports (software version, vehicle kind, host function and model names). */
    public static final int MAX_LABEL_CHARS = 256;

    private static final String CUT = "...[cut]";

    private TextLimits() {
    }

    /** {@code text} at most {@code maxChars} characters long, marked when it was cut (never splits a pair). */
    public static String truncate(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int end = maxChars - CUT.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + CUT;
    }

    public static boolean fits(String text, int maxChars) {
        return text == null || text.length() <= maxChars;
    }
}
