package io.lockstep.c2.module;

import io.lockstep.c2.redis.JsonCodec;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.set.SetCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Content-addressed bytes as files on C2's disk ({@code <dir>/<sha256>}) plus a JSON metadata record and
 * an index entry in Redis, so large blobs never sit in Redis memory. The file is written (to a temporary
 * name, synced, then renamed) before the metadata, so a visible record always has its bytes; storing the
 * same content twice is a no-op. Bytes stored in Redis by an older C2 ({@code …:bytes} keys) are still
 * served and moved to disk on first read.
 */
final class BlobStore<R> {

    /** KEYS: metadata, index set. ARGV: metadata JSON, sha256. Record and index entry appear together. */
    private static final String PUT = """
            if redis.call('SETNX', KEYS[1], ARGV[1]) == 0 then return 0 end
            redis.call('SADD', KEYS[2], ARGV[2])
            return 1""";

    private final RedisDataSource redis;
    private final ValueCommands<String, byte[]> legacyBytes;
    private final ValueCommands<String, String> meta;
    private final SetCommands<String, String> index;
    private final JsonCodec json;
    private final Class<R> recordType;
    private final Function<String, String> metaKey;
    private final Function<String, String> legacyBytesKey;
    private final String indexKey;
    private final Path dir;

    BlobStore(RedisDataSource redis, JsonCodec json, Class<R> recordType, Function<String, String> metaKey,
            Function<String, String> legacyBytesKey, String indexKey, Path dir) {
        this.redis = redis;
        this.legacyBytes = redis.value(byte[].class);
        this.meta = redis.value(String.class);
        this.index = redis.set(String.class);
        this.json = json;
        this.recordType = recordType;
        this.metaKey = metaKey;
        this.legacyBytesKey = legacyBytesKey;
        this.indexKey = indexKey;
        this.dir = dir;
    }

    Stored<R> put(String sha256, byte[] data, R record) {
        Optional<R> existing = get(sha256);
        if (existing.isPresent() && bytes(sha256).isPresent()) {
            return new Stored<>(existing.get(), false);
        }
        write(sha256, data);
        boolean created = redis.execute("EVAL", PUT, "2", metaKey.apply(sha256), indexKey, json.write(record), sha256)
                .toLong() == 1;
        return created ? new Stored<>(record, true) : new Stored<>(get(sha256).orElseThrow(), false);
    }

    Optional<R> get(String sha256) {
        String stored = meta.get(metaKey.apply(sha256));
        return stored == null ? Optional.empty() : Optional.of(json.read(stored, recordType));
    }

    Optional<byte[]> bytes(String sha256) {
        try {
            return Optional.of(Files.readAllBytes(file(sha256)));
        } catch (NoSuchFileException e) {
            return migrateLegacy(sha256);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read blob " + sha256 + " in " + dir, e);
        }
    }

    /**
     * At most {@code maxBytes} of the blob from {@code offset} on, read from its file without loading the rest
     * (chunked delivery to nodes); an offset at or past the end gives an empty piece.
     */
    Optional<BlobRange> range(String sha256, long offset, int maxBytes) {
        Path file = file(sha256);
        if (!Files.isRegularFile(file) && migrateLegacy(sha256).isEmpty()) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long total = channel.size();
            int length = (int) Math.max(0, Math.min(maxBytes, total - Math.min(offset, total)));
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(length);
            long position = offset;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position);
                if (read < 0) {
                    break;
                }
                position += read;
            }
            return Optional.of(new BlobRange(total, buffer.array()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read blob " + sha256 + " in " + dir, e);
        }
    }

    /** Every stored digest (from the Redis index). */
    List<String> digests() {
        return List.copyOf(index.smembers(indexKey));
    }

    /** Removes the record, its index entry and its file. */
    void delete(String sha256) {
        redis.withTransaction(tx -> {
            tx.key().del(metaKey.apply(sha256), legacyBytesKey.apply(sha256));
            tx.set(String.class).srem(indexKey, sha256);
        });
        try {
            Files.deleteIfExists(file(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete blob " + sha256 + " in " + dir, e);
        }
    }

    private Optional<byte[]> migrateLegacy(String sha256) {
        byte[] legacy = legacyBytes.get(legacyBytesKey.apply(sha256));
        if (legacy == null) {
            return Optional.empty();
        }
        write(sha256, legacy);
        index.sadd(indexKey, sha256);
        redis.key().del(legacyBytesKey.apply(sha256));
        return Optional.of(legacy);
    }

    private void write(String sha256, byte[] data) {
        Path target = file(sha256);
        try {
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, sha256, ".part");
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    channel.write(java.nio.ByteBuffer.wrap(data));
                    channel.force(true);
                }
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store blob " + sha256 + " in " + dir, e);
        }
    }

    private Path file(String sha256) {
        if (!Sha256.isDigest(sha256)) {
            throw new IllegalArgumentException("not a sha256 digest: " + sha256);
        }
        return dir.resolve(sha256);
    }
}
