package io.lockstep.c2.api;

/**
 * Makes untrusted text (anything a node or a REST client sent) safe to put into a log line or an error
 * message: quoted, control characters, line and paragraph separators escaped, and cut to a length, so it
 * can neither forge a log line nor flood the log.
 */
public final class LogText {

    /** Characters of untrusted text shown in a log line or error message. */
    public static final int MAX_SHOWN = 64;

    private LogText() {
    }

    /** {@code text} quoted and escaped, at most {@link #MAX_SHOWN} characters of it. */
    public static String quote(String text) {
        return quote(text, MAX_SHOWN);
    }

    public static String quote(String text, int maxChars) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("'");
        int total = text.codePointCount(0, text.length());
        text.codePoints().limit(maxChars).forEach(c -> {
            if (c == '\\' || c == '\'') {
                out.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029) {
                out.append(c <= 0xFF ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        out.append('\'');
        if (total > maxChars) {
            out.append("...(").append(total).append(" characters)");
        }
        return out.toString();
    }
}
