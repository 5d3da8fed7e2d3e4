package io.lockstep.c2.module;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * ONNX models by SHA-256. C2 only stores and serves them; the node's inference runtime parses them, so
 * validation here is limited to "not empty" (the size limit is enforced by the upload endpoint).
 */
@ApplicationScoped
public class ModelStore {

    private final BlobStore<ModelRecord> blobs;
    private final Clock clock;

    public ModelStore(RedisDataSource redis, JsonCodec json, Clock clock, C2Config config) {
        this.blobs = new BlobStore<>(redis, json, ModelRecord.class, RedisKeys::modelMeta, RedisKeys::modelBytes,
                RedisKeys.models(), config.files().resolve("blobs").resolve("models"));
        this.clock = clock;
    }

    public Stored<ModelRecord> store(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("the model is empty");
        }
        String sha256 = Sha256.of(bytes);
        return blobs.put(sha256, bytes, new ModelRecord(sha256, bytes.length, clock.instant()));
    }

    public Optional<ModelRecord> find(String sha256) {
        return Sha256.isDigest(sha256) ? blobs.get(sha256) : Optional.empty();
    }

    /** A piece of the model's bytes for chunked delivery (see {@link BlobStore#range}). */
    public Optional<BlobRange> range(String sha256, long offset, int maxBytes) {
        return Sha256.isDigest(sha256) ? blobs.range(sha256, offset, maxBytes) : Optional.empty();
    }

    public Optional<byte[]> bytes(String sha256) {
        return Sha256.isDigest(sha256) ? blobs.bytes(sha256) : Optional.empty();
    }

    /** Every stored digest. */
    public List<String> digests() {
        return blobs.digests();
    }

    /** Deletes the model's record and bytes (retention of unreferenced blobs). */
    public void delete(String sha256) {
        if (Sha256.isDigest(sha256)) {
            blobs.delete(sha256);
        }
    }
}
