package io.lockstep.c2.journal;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where uploaded journal bytes live. An upload grows a <em>partial</em> object strictly by appending at its
 * current size; once its SHA-256 is checked the partial becomes the <em>complete</em> journal. Nothing here
 * holds a whole journal in memory: chunks go straight to storage and reads are streams.
 *
 * <p>The default is {@link FilesystemJournalStore}. An S3-compatible store implements the same calls
 * (docs/journal-upload.md): partial = a multipart upload or one object per chunk, complete = the final
 * object, {@link #withLocalFile} downloads to a temporary file for the replayer.
 */
public interface JournalStore {

    /** Bytes of the partial upload held durably (0 when there is none). */
    long partialSize(JournalKey key);

    /**
     * Appends {@code data} to the partial upload, durably, before returning.
     *
     * @throws IllegalStateException when {@code offset} is not the partial's size (C2 checks first)
     */
    void append(JournalKey key, long offset, byte[] data);

    /** The SHA-256 (lower-case hex) of the whole partial upload, read as a stream. */
    String partialSha256(JournalKey key);

    /** The checked partial becomes the complete journal (replacing an older complete one). */
    void complete(JournalKey key);

    /** Deletes the partial upload, if any (a failed checksum, a refused flood, a restarted upload). */
    void discardPartial(JournalKey key);

    /** Deletes the journal's partial and complete bytes (its mission was archived). */
    void delete(JournalKey key);

    /** The complete journal's bytes, streamed. */
    InputStream open(JournalKey key);

    /** Runs {@code use} with the complete journal as a local file (the replayer reads files). */
    <T> T withLocalFile(JournalKey key, Function<Path, T> use);
}
