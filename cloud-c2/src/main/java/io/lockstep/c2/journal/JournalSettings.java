package io.lockstep.c2.journal;

import io.smallrye.config.WithDefault;

/** {@code lockstep.c2.journals.*}: where uploaded journals go and how much a node may send (docs/journal-upload.md). */
public interface JournalSettings {

    /** Where journal bytes are kept; only FILESYSTEM ships (an S3-compatible store plugs in behind {@link JournalStore}). */
    @WithDefault("filesystem")
    Storage storage();

    /** Largest journal C2 accepts, in bytes (the offer's total_bytes). */
    @WithDefault("1073741824")
    long maxBytes();

    /** Largest chunk C2 accepts and asks for, in bytes (below the link's 4 MiB inbound message limit). */
    @WithDefault("1048576")
    int maxChunkBytes();

    /** Uploads one node may have in progress at once; a further offer is refused until one ends. */
    @WithDefault("2")
    int maxConcurrentPerNode();

    /** Checksum failures (chunk or whole) after which an upload is given up (FAILED) until asked again. */
    @WithDefault("5")
    int maxChecksumFailures();

    /** Journal timelines ({@code GET .../journal/timeline}) read at once; a further request is a 503. */
    @WithDefault("2")
    int maxConcurrentTimelineReads();

    enum Storage {
        FILESYSTEM
    }
}
