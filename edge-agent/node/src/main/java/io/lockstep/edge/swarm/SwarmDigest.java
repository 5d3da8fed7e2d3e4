package io.lockstep.edge.swarm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The agreement digest of a node's allocation inputs: sha256 over the plan version, the members in
 * order and the covered bitmap, first 16 bytes as lower-case hex. Two nodes with the same digest
 * compute the same owners.
 */
public final class SwarmDigest {

    private static final Pattern HEX_32 = Pattern.compile("[0-9a-f]{32}");

    private SwarmDigest() {
    }

    public static String of(long planVersion, List<String> members, BitSet covered) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("v" + planVersion + "\n" + String.join("\n", members) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(covered.toByteArray());
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A peer's digest message: {@code <plan version> <32 hex digits>}, ASCII. */
    public static String encode(long planVersion, String digest) {
        return planVersion + " " + digest;
    }

    /** The digest of a peer's message for the plan {@code planVersion}. */
    public static String decode(byte[] data, long planVersion) throws MalformedSwarmMessageException {
        if (data == null || data.length > 64) {
            throw new MalformedSwarmMessageException("digest message of " + (data == null ? 0 : data.length)
                    + " bytes");
        }
        String text = new String(data, StandardCharsets.US_ASCII);
        int space = text.indexOf(' ');
        if (space < 0 || !text.substring(0, space).equals(Long.toString(planVersion))
                || !HEX_32.matcher(text.substring(space + 1)).matches()) {
            throw new MalformedSwarmMessageException("digest message '" + printable(text)
                    + "' is not '<plan version " + planVersion + "> <32 hex digits>'");
        }
        return text.substring(space + 1);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
