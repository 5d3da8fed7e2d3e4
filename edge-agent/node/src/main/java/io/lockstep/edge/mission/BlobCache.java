package io.lockstep.edge.mission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Wasm modules and ONNX models on disk, named by the lower-case hex sha256 of their bytes. Content
 * is verified on the way in (a blob whose digest differs from its name is refused) and on the way
 * out (a file damaged on disk is deleted and treated as missing, so it is fetched again).
 */
public final class BlobCache {

    private static final Logger LOG = Logger.getLogger(BlobCache.class);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;

    public BlobCache(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create blob cache " + dir, e);
        }
    }

    /** Checks that {@code sha256} is a digest and not, say, a path: it becomes a file name. */
    public static String requireDigest(String sha256) {
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex sha256: " + abbreviate(sha256));
        }
        return sha256;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JVM", e);
        }
    }

    public Optional<byte[]> get(String sha256) {
        Path file = dir.resolve(requireDigest(sha256));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] data = Files.readAllBytes(file);
            if (!sha256Hex(data).equals(sha256)) {
                LOG.warnf("blob %s is damaged on disk; deleting it so it is fetched again", sha256);
                Files.deleteIfExists(file);
                return Optional.empty();
            }
            return Optional.of(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + file, e);
        }
    }

    /**
     * Stores {@code data} under {@code sha256} after checking that it is its digest.
     *
     * @throws DigestMismatchException when it is not
     */
    public void put(String sha256, byte[] data) {
        requireDigest(sha256);
        String actual = sha256Hex(data);
        if (!actual.equals(sha256)) {
            throw new DigestMismatchException(sha256, actual);
        }
        Path file = dir.resolve(sha256);
        Path tmp = dir.resolve(sha256 + ".part");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write blob " + tmp, e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store blob " + file, e);
        }
    }

    /** Bytes of a blob received so far in chunks ({@code <sha256>.partial}); 0 when none. */
    public long partialSize(String sha256) {
        Path file = dir.resolve(requireDigest(sha256) + ".partial");
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Appends a verified chunk at {@code offset}, which must be {@link #partialSize}; durable when it returns. */
    public void appendPartial(String sha256, long offset, byte[] data) {
        Path file = dir.resolve(requireDigest(sha256) + ".partial");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (out.size() != offset) {
                throw new IllegalStateException("chunk at " + offset + " of a partial blob of " + out.size() + " bytes");
            }
            ByteBuffer buf = ByteBuffer.wrap(data);
            long position = offset;
            while (buf.hasRemaining()) {
                position += out.write(buf, position);
            }
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The assembled blob, once every chunk is in: its SHA-256 is checked and it moves into the cache.
     *
     * @throws DigestMismatchException when the whole does not match (the partial file is deleted)
     */
    public byte[] completePartial(String sha256) {
        Path file = dir.resolve(requireDigest(sha256) + ".partial");
        try {
            byte[] data = Files.readAllBytes(file);
            Files.deleteIfExists(file);
            put(sha256, data);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Deletes a partial blob (a chunk that cannot be right, or a blob given up). */
    public void discardPartial(String sha256) {
        try {
            Files.deleteIfExists(dir.resolve(requireDigest(sha256) + ".partial"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete a partial blob " + sha256, e);
        }
    }
}
