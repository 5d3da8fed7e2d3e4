package io.lockstep.c2.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads a JSON body that may be left out entirely (abort and e-stop take an optional reason), so
 * {@code curl -X POST .../abort} works without a Content-Type. A body that is present is read as
 * strictly as every other JSON body.
 */
@ApplicationScoped
public class OptionalJsonBody {

    private final ObjectMapper mapper;

    public OptionalJsonBody(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @return null when the body is empty */
    public <T> T read(String body, Class<T> type) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return null;
        }
        return mapper.readValue(body, type);
    }
}
