package io.lockstep.c2.module;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.runtime.ModuleSummary;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Agent modules by SHA-256, validated with the edge runtime's loader checks before they are stored. */
@ApplicationScoped
public class ModuleStore {

    private final BlobStore<ModuleRecord> blobs;
    private final Clock clock;

    public ModuleStore(RedisDataSource redis, JsonCodec json, Clock clock, C2Config config) {
        this.blobs = new BlobStore<>(redis, json, ModuleRecord.class, RedisKeys::moduleMeta, RedisKeys::moduleBytes,
                RedisKeys.modules(), config.files().resolve("blobs").resolve("modules"));
        this.clock = clock;
    }

    /** Validates and stores a module; storing one that is already there returns the existing record. */
    public Stored<ModuleRecord> store(byte[] bytes) throws InvalidModuleException {
        ModuleSummary summary = ModuleValidator.validate(bytes);
        String sha256 = Sha256.of(bytes);
        ModuleRecord record = new ModuleRecord(sha256, bytes.length, clock.instant(), summary.hostImports(),
                summary.exports(), summary.handlesMessages(), summary.minMemoryPages());
        return blobs.put(sha256, bytes, record);
    }

    public Optional<ModuleRecord> find(String sha256) {
        return Sha256.isDigest(sha256) ? blobs.get(sha256) : Optional.empty();
    }

    /** A piece of the module's bytes for chunked delivery (see {@link BlobStore#range}). */
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

    /** Deletes the module's record and bytes (retention of unreferenced blobs). */
    public void delete(String sha256) {
        if (Sha256.isDigest(sha256)) {
            blobs.delete(sha256);
        }
    }
}
