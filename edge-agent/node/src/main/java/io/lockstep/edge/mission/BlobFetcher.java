package io.lockstep.edge.mission;

import io.lockstep.proto.v1.Blob;
import io.lockstep.proto.v1.BlobKind;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Gets blobs a mission needs: from the {@link BlobCache} when present, else by asking C2 in chunks
 * (BlobRequest with an offset and a chunk size; docs/journal-upload.md). Each chunk's SHA-256 is checked
 * before it is appended to a partial file on disk; the whole blob's SHA-256 is checked when the last chunk
 * is in. Requests still open when the link comes back are asked again from the bytes already on disk, so
 * a transfer resumes instead of starting over (also across a node restart). A C2 that answers with the
 * whole blob in one message (an older C2) is understood too.
 */
public final class BlobFetcher {

    /** Sends a BlobRequest for the piece from {@code offset}; returns false when the link is down. */
    @FunctionalInterface
    public interface Requester {
        boolean request(BlobKind kind, String sha256, long offset, int maxChunkBytes);
    }

    public static final int DEFAULT_CHUNK_BYTES = 1024 * 1024;
    /** Largest blob a node takes (C2's model limit, 64 MiB, plus room). */
    static final long MAX_BLOB_BYTES = 80L * 1024 * 1024;
    /** Chunks whose checksum fails before the blob is given up. */
    static final int MAX_BAD_CHUNKS = 5;

    private static final Logger LOG = Logger.getLogger(BlobFetcher.class);

    private record Wanted(BlobKind kind, CompletableFuture<byte[]> result, AtomicInteger badChunks) {
    }

    private final BlobCache cache;
    private final Requester requester;
    private final int chunkBytes;
    private final Map<String, Wanted> wanted = new ConcurrentHashMap<>();

    public BlobFetcher(BlobCache cache, Requester requester) {
        this(cache, requester, DEFAULT_CHUNK_BYTES);
    }

    public BlobFetcher(BlobCache cache, Requester requester, int chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be >= 1");
        }
        this.cache = cache;
        this.requester = requester;
        this.chunkBytes = chunkBytes;
    }

    /**
     * The blob's verified bytes. Completes exceptionally with {@link DigestMismatchException} when C2
     * sends bytes that do not match, or {@link BlobUnavailableException} when C2 does not have it.
     */
    public CompletableFuture<byte[]> fetch(BlobKind kind, String sha256) {
        BlobCache.requireDigest(sha256);
        var cached = cache.get(sha256);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        Wanted w = wanted.computeIfAbsent(sha256, k -> new Wanted(kind, new CompletableFuture<>(), new AtomicInteger()));
        w.result().whenComplete((data, error) -> wanted.remove(sha256, w));
        ask(sha256, w);
        return w.result();
    }

    private void ask(String sha256, Wanted w) {
        requester.request(w.kind(), sha256, cache.partialSize(sha256), chunkBytes);
    }

    /** A Blob arrived from C2. */
    public void onBlob(Blob blob) {
        Wanted w = wanted.get(blob.getSha256());
        if (w == null) {
            LOG.debugf("ignoring unrequested blob %s", blob.getSha256());
            return;
        }
        if (!blob.getError().isEmpty()) {
            w.result().completeExceptionally(new BlobUnavailableException(blob.getSha256(), blob.getError()));
            return;
        }
        try {
            if (blob.getChunked()) {
                onChunk(blob, w);
            } else {
                byte[] data = blob.getData().toByteArray();
                cache.put(blob.getSha256(), data);
                w.result().complete(data);
            }
        } catch (RuntimeException e) {
            cache.discardPartial(blob.getSha256());
            w.result().completeExceptionally(e);
        }
    }

    private void onChunk(Blob blob, Wanted w) {
        String sha = blob.getSha256();
        long held = cache.partialSize(sha);
        long total = blob.getTotalBytes();
        int length = blob.getData().size();
        if (total < 1 || total > MAX_BLOB_BYTES) {
            throw new BlobUnavailableException(sha, "C2 announced a blob of " + Long.toUnsignedString(total)
                    + " bytes; this node takes 1 to " + MAX_BLOB_BYTES);
        }
        if (blob.getOffset() != held) {
            // A late answer to an earlier request; the one for `held` is outstanding.
            LOG.debugf("ignoring chunk of blob %s at offset %d (holding %d)", sha, blob.getOffset(), held);
            return;
        }
        if (length == 0 || held + length > total) {
            throw new BlobUnavailableException(sha, "C2 sent a chunk of " + length + " bytes at " + held
                    + " of a " + total + "-byte blob");
        }
        byte[] data = blob.getData().toByteArray();
        if (!BlobCache.sha256Hex(data).equals(blob.getChunkSha256())) {
            if (w.badChunks().incrementAndGet() >= MAX_BAD_CHUNKS) {
                throw new BlobUnavailableException(sha, MAX_BAD_CHUNKS + " chunks failed their sha256");
            }
            LOG.warnf("chunk of blob %s at offset %d failed its sha256; asking for it again", sha, held);
            ask(sha, w);
            return;
        }
        cache.appendPartial(sha, held, data);
        if (held + length < total) {
            ask(sha, w);
            return;
        }
        // Throws DigestMismatchException (and deletes the partial) when the whole is not what was asked for.
        w.result().complete(cache.completePartial(sha));
    }

    /** The link is (back) up: ask again for everything still missing, from what is already on disk. */
    public void onLinkUp() {
        wanted.forEach(this::ask);
    }

    public int outstanding() {
        return wanted.size();
    }
}
