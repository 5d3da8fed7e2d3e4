package io.lockstep.c2.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Journals as files: {@code <dir>/<mission id>/<node id>.part} while uploading, {@code <node id>.journal}
 * when complete. Ids are in the id grammar (letters, digits, {@code _ . -}, never starting with a dot), so
 * they are safe path segments.
 */
public final class FilesystemJournalStore implements JournalStore {

    private final Path dir;

    public FilesystemJournalStore(Path dir) {
        this.dir = dir;
    }

    private Path partial(JournalKey key) {
        return dir.resolve(key.missionId()).resolve(key.nodeId() + ".part");
    }

    private Path completeFile(JournalKey key) {
        return dir.resolve(key.missionId()).resolve(key.nodeId() + ".journal");
    }

    @Override
    public long partialSize(JournalKey key) {
        try {
            Path file = partial(key);
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + partial(key), e);
        }
    }

    @Override
    public void append(JournalKey key, long offset, byte[] data) {
        Path file = partial(key);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                if (out.size() != offset) {
                    throw new IllegalStateException("append at " + offset + " to a partial of " + out.size() + " bytes");
                }
                ByteBuffer buffer = ByteBuffer.wrap(data);
                long position = offset;
                while (buffer.hasRemaining()) {
                    position += out.write(buffer, position);
                }
                // Acknowledged bytes must survive a crash: the node resumes after them.
                out.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    @Override
    public String partialSha256(JournalKey key) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JVM", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(partial(key)), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + partial(key), e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Override
    public void complete(JournalKey key) {
        try {
            Files.move(partial(key), completeFile(key), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete " + partial(key), e);
        }
    }

    @Override
    public void discardPartial(JournalKey key) {
        try {
            Files.deleteIfExists(partial(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + partial(key), e);
        }
    }

    @Override
    public void delete(JournalKey key) {
        try {
            Files.deleteIfExists(partial(key));
            Files.deleteIfExists(completeFile(key));
            Path missionDir = completeFile(key).getParent();
            try (var left = Files.list(missionDir)) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(missionDir);
                }
            }
        } catch (java.nio.file.NoSuchFileException | java.nio.file.DirectoryNotEmptyException gone) {
            // no directory (nothing was uploaded) or another node's journal arrived meanwhile: nothing to do
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the journal " + completeFile(key), e);
        }
    }

    @Override
    public InputStream open(JournalKey key) {
        try {
            return Files.newInputStream(completeFile(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + completeFile(key), e);
        }
    }

    @Override
    public <T> T withLocalFile(JournalKey key, Function<Path, T> use) {
        return use.apply(completeFile(key));
    }
}
