package io.lockstep.mesh.api;

import io.lockstep.mesh.keyexpr.KeyExpr;
import io.lockstep.mesh.message.payload.Del;
import io.lockstep.mesh.message.payload.Encoding;
import io.lockstep.mesh.message.payload.Err;
import io.lockstep.mesh.message.payload.Put;
import io.lockstep.mesh.session.ReplySink;
import java.nio.charset.StandardCharsets;

/**
 * A query received by a queryable. Reply any number of times from inside the callback; the final-response
 * notification is sent when the callback returns.
 */
public final class Query {
    private final KeyExpr keyExpr;
    private final String parameters;
    private final byte[] payload;
    private final Encoding encoding;
    private final byte[] attachment;
    private final ReplySink sink;

    /** Built by the session for each matching queryable. */
    public Query(KeyExpr keyExpr, String parameters, byte[] payload, Encoding encoding, byte[] attachment, ReplySink sink) {
        this.keyExpr = keyExpr;
        this.parameters = parameters == null ? "" : parameters;
        this.payload = payload;
        this.encoding = encoding;
        this.attachment = attachment;
        this.sink = sink;
    }

    public String keyExpr() {
        return keyExpr.toString();
    }

    /** The selector as Zenoh prints it: key expression, then '?' and the parameters if any. */
    public String selector() {
        return parameters.isEmpty() ? keyExpr.toString() : keyExpr + "?" + parameters;
    }

    public String parameters() {
        return parameters;
    }

    /** The value sent with the get, or null. */
    public byte[] payload() {
        return payload;
    }

    public String payloadAsString() {
        return payload == null ? null : new String(payload, StandardCharsets.UTF_8);
    }

    public Encoding encoding() {
        return encoding;
    }

    public byte[] attachment() {
        return attachment;
    }

    public void reply(String key, String value) {
        reply(key, value.getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** Replies with a value; {@code key} must intersect the queried key expression. */
    public void reply(String key, byte[] value, Encoding encoding, byte[] attachment) {
        KeyExpr k = checked(key);
        sink.reply(k, new Put(null, encoding, null, attachment, value));
    }

    public void replyDelete(String key) {
        sink.reply(checked(key), new Del(null, null, null));
    }

    public void replyError(String message) {
        sink.error(new Err(null, null, message.getBytes(StandardCharsets.UTF_8)));
    }

    private KeyExpr checked(String key) {
        KeyExpr k = KeyExpr.autocanonize(key);
        if (!k.intersects(keyExpr)) {
            throw new IllegalArgumentException("reply key '" + key + "' does not intersect the query '" + keyExpr + "'");
        }
        return k;
    }
}
