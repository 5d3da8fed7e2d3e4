package io.lockstep.c2.module;

import io.lockstep.c2.redis.JsonCodec;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import java.util.Optional;
import java.util.function.Function;

/**
 * Content-addressed bytes plus a JSON metadata record in Redis. Writing the bytes before the metadata
 * means a visible record always has its bytes; storing the same content twice is a no-op.
 */
final class BlobStore<R> {

    private final ValueCommands<String, byte[]> bytes;
    private final ValueCommands<String, String> meta;
    private final JsonCodec json;
    private final Class<R> recordType;
    private final Function<String, String> metaKey;
    private final Function<String, String> bytesKey;

    BlobStore(RedisDataSource redis, JsonCodec json, Class<R> recordType, Function<String, String> metaKey,
            Function<String, String> bytesKey) {
        this.bytes = redis.value(byte[].class);
        this.meta = redis.value(String.class);
        this.json = json;
        this.recordType = recordType;
        this.metaKey = metaKey;
        this.bytesKey = bytesKey;
    }

    Stored<R> put(String sha256, byte[] data, R record) {
        Optional<R> existing = get(sha256);
        if (existing.isPresent()) {
            return new Stored<>(existing.get(), false);
        }
        bytes.set(bytesKey.apply(sha256), data);
        boolean created = meta.setnx(metaKey.apply(sha256), json.write(record));
        return created ? new Stored<>(record, true) : new Stored<>(get(sha256).orElseThrow(), false);
    }

    Optional<R> get(String sha256) {
        String stored = meta.get(metaKey.apply(sha256));
        return stored == null ? Optional.empty() : Optional.of(json.read(stored, recordType));
    }

    Optional<byte[]> bytes(String sha256) {
        return Optional.ofNullable(bytes.get(bytesKey.apply(sha256)));
    }
}
