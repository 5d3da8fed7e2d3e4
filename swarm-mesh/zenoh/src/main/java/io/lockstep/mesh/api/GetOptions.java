package io.lockstep.mesh.api;

import io.lockstep.mesh.message.payload.Encoding;
import java.time.Duration;

/** Options of a get. Defaults: 10 s timeout, AUTO consolidation, no payload. */
public record GetOptions(Duration timeout, ConsolidationMode consolidation, byte[] payload, Encoding encoding,
        byte[] attachment) {
    public static final GetOptions DEFAULT = new GetOptions(Duration.ofSeconds(10), ConsolidationMode.AUTO, null, null, null);

    public GetOptions withTimeout(Duration value) {
        return new GetOptions(value, consolidation, payload, encoding, attachment);
    }

    public GetOptions withConsolidation(ConsolidationMode value) {
        return new GetOptions(timeout, value, payload, encoding, attachment);
    }

    public GetOptions withPayload(byte[] value) {
        return new GetOptions(timeout, consolidation, value, encoding, attachment);
    }

    public GetOptions withEncoding(Encoding value) {
        return new GetOptions(timeout, consolidation, payload, value, attachment);
    }

    public GetOptions withAttachment(byte[] value) {
        return new GetOptions(timeout, consolidation, payload, encoding, value);
    }
}
