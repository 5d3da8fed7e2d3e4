package io.lockstep.mesh.api;

import io.lockstep.mesh.message.payload.Encoding;
import java.util.List;

/** Zenoh 1.x predefined encodings: the numeric ids and their textual names ("text/plain;charset=utf-8"). */
public final class EncodingNames {
    private static final List<String> NAMES = List.of(
            "zenoh/bytes", "zenoh/string", "zenoh/serialized", "application/octet-stream", "text/plain",
            "application/json", "text/json", "application/cdr", "application/cbor", "application/yaml", "text/yaml",
            "text/json5", "application/python-serialized-object", "application/protobuf",
            "application/java-serialized-object", "application/openmetrics-text", "image/png", "image/jpeg",
            "image/gif", "image/bmp", "image/webp", "application/xml", "application/x-www-form-urlencoded",
            "text/html", "text/xml", "text/css", "text/javascript", "text/markdown", "text/csv");

    public static final Encoding ZENOH_BYTES = new Encoding(0, null);
    public static final Encoding ZENOH_STRING = new Encoding(1, null);
    public static final Encoding TEXT_PLAIN = new Encoding(4, null);
    public static final Encoding APPLICATION_JSON = new Encoding(5, null);

    private EncodingNames() {
    }

    /** Parses "mime[;schema]"; an unknown mime becomes zenoh/bytes with the whole text as schema, as Zenoh does. */
    public static Encoding parse(String text) {
        int semi = text.indexOf(';');
        String mime = semi < 0 ? text : text.substring(0, semi);
        String schema = semi < 0 ? null : text.substring(semi + 1);
        int id = NAMES.indexOf(mime);
        if (id < 0) {
            return new Encoding(0, text);
        }
        return new Encoding(id, schema);
    }

    public static String format(Encoding encoding) {
        String base = encoding.id() < NAMES.size() ? NAMES.get(encoding.id()) : "unknown(" + encoding.id() + ")";
        return encoding.schema() == null ? base : base + ";" + encoding.schema();
    }
}
