package io.lockstep.c2.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.c2.api.Ids;
import io.lockstep.c2.api.LogText;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A message a stream client may send: {@code {"type":"ping"}} or
 * {@code {"type":"subscribe","nodes":["node-1", …]}} ({@code "nodes": null} or absent: every node). Anything
 * else is refused with a reason the client is told; the connection stays open.
 */
record ClientRequest(Kind kind, List<String> nodes) {
    /** Most node ids one subscription may name (the default fleet limit). */
    static final int MAX_NODES = 1000;
    /** Longest message read at all; the server closes the connection on frames above its own limit first. */
    static final int MAX_CHARS = 65_536;

    enum Kind {
        PING,
        SUBSCRIBE
    }

    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    static ClientRequest parse(ObjectMapper mapper, String text) throws Invalid {
        if (text.length() > MAX_CHARS) {
            throw new Invalid("message too long: " + text.length() + " characters, at most " + MAX_CHARS);
        }
        JsonNode json;
        try {
            json = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Invalid("not JSON: " + LogText.quote(e.getOriginalMessage()));
        }
        if (json == null || !json.isObject()) {
            throw new Invalid("a message must be a JSON object with a \"type\"");
        }
        JsonNode type = json.get("type");
        if (type == null || !type.isTextual()) {
            throw new Invalid("\"type\" must be a string: \"ping\" or \"subscribe\"");
        }
        Iterator<String> fields = json.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("type") && !field.equals("nodes")) {
                throw new Invalid("unknown field " + LogText.quote(field));
            }
        }
        return switch (type.asText()) {
            case "ping" -> new ClientRequest(Kind.PING, null);
            case "subscribe" -> new ClientRequest(Kind.SUBSCRIBE, nodes(json.get("nodes")));
            default -> throw new Invalid("unknown type " + LogText.quote(type.asText()) + ": \"ping\" or \"subscribe\"");
        };
    }

    private static List<String> nodes(JsonNode nodes) throws Invalid {
        if (nodes == null || nodes.isNull()) {
            return null;
        }
        if (!nodes.isArray()) {
            throw new Invalid("\"nodes\" must be an array of node ids or null");
        }
        if (nodes.size() > MAX_NODES) {
            throw new Invalid("\"nodes\" names " + nodes.size() + " nodes, at most " + MAX_NODES);
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : nodes) {
            if (!id.isTextual()) {
                throw new Invalid("\"nodes\" must hold strings");
            }
            var problem = Ids.problem("nodes[" + ids.size() + "]", id.asText());
            if (problem.isPresent()) {
                throw new Invalid(problem.get());
            }
            ids.add(id.asText());
        }
        return ids;
    }
}
