package io.lockstep.c2.security.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One entry of C2's audit trail. {@code hash} is the SHA-256 (lower-case hex) of {@link #canonicalBytes()}:
 * every other field, {@code prevHash} included, so each record seals the one before it.
 *
 * @param seq      1, 2, 3, ... without gaps
 * @param time     ISO-8601 instant C2 recorded it
 * @param user     who acted ({@code anonymous} when the request carried no valid token)
 * @param action   what was asked, e.g. {@code login} or {@code POST /api/v1/missions/{id}/dispatch}
 * @param target   what it was asked of: the request path, or the user name of a login
 * @param outcome  {@code success}, {@code refused} (4xx) or {@code failed} (5xx)
 * @param status   the HTTP status answered
 * @param traceId  the W3C trace id of the request's span (32 hex digits; empty when none)
 * @param prevHash the previous record's hash; 64 zeros for the first
 */
public record AuditRecord(long seq, String time, String user, String action, String target, String outcome,
        int status, String traceId, String prevHash, String hash) {

    public static final String GENESIS = "0".repeat(64);
    private static final JsonFactory JSON = new JsonFactory();

    /** A record sealed onto the chain after {@code prevHash}. */
    public static AuditRecord seal(long seq, String time, String user, String action, String target, String outcome,
            int status, String traceId, String prevHash) {
        AuditRecord unsealed = new AuditRecord(seq, time, user, action, target, outcome, status, traceId, prevHash, "");
        return new AuditRecord(seq, time, user, action, target, outcome, status, traceId, prevHash,
                unsealed.computeHash());
    }

    /**
     * The bytes the hash covers: a compact UTF-8 JSON object of every field but {@code hash}, in the order
     * seq, time, user, action, target, outcome, status, traceId, prevHash (null strings as empty strings).
     */
    public byte[] canonicalBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("seq", seq);
            json.writeStringField("time", text(time));
            json.writeStringField("user", text(user));
            json.writeStringField("action", text(action));
            json.writeStringField("target", text(target));
            json.writeStringField("outcome", text(outcome));
            json.writeNumberField("status", status);
            json.writeStringField("traceId", text(traceId));
            json.writeStringField("prevHash", text(prevHash));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public String computeHash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
