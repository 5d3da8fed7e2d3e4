package io.lockstep.c2.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the optional JSON body of the commands that act at once (abort, e-stop). The request must say
 * {@code Content-Type: application/json} even when the body is empty: a browser can send a cross-site form
 * (text/plain, urlencoded, multipart) without asking, but not a JSON request, so requiring JSON keeps a
 * web page from aborting a mission. The body must be valid UTF-8 and is read as strictly as every other
 * JSON body; an empty body means "no fields".
 */
@ApplicationScoped
public class StrictJsonBody {

    private final ObjectMapper mapper;

    public StrictJsonBody(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @return null when the body is empty */
    public <T> T read(HttpHeaders headers, byte[] body, Class<T> type) throws JsonProcessingException {
        MediaType declared = headers.getMediaType();
        if (declared == null || !declared.isCompatible(MediaType.APPLICATION_JSON_TYPE) || declared.isWildcardType()
                || declared.isWildcardSubtype()) {
            throw new ProblemException(Problem.of(Status.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported Media Type", "this command needs Content-Type: application/json (the body may be"
                            + " empty), got " + (declared == null ? "none" : LogText.quote(declared.toString()))));
        }
        // JSON is UTF-8 (RFC 8259); a charset parameter some clients append is not trusted to say otherwise.
        String text = utf8(body);
        if (text.isBlank()) {
            return null;
        }
        return mapper.readValue(text, type);
    }

    private static String utf8(byte[] body) {
        if (body == null) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(Problem.of(Status.BAD_REQUEST, "invalid-utf8", "Body is not UTF-8",
                    "the request body is not valid UTF-8"));
        }
    }
}
