package io.lockstep.edge.mission;

import io.lockstep.proto.v1.Blob;
import io.lockstep.proto.v1.BlobKind;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Gets blobs a mission needs: from the {@link BlobCache} when present, else by asking C2
 * (BlobRequest) and waiting for its Blob. Requests still open when the link comes back are asked
 * again, since C2 may never have seen them.
 */
public final class BlobFetcher {

    /** Sends a BlobRequest; returns false when the link is down. */
    @FunctionalInterface
    public interface Requester {
        boolean request(BlobKind kind, String sha256);
    }

    private static final Logger LOG = Logger.getLogger(BlobFetcher.class);

    private record Wanted(BlobKind kind, CompletableFuture<byte[]> result) {
    }

    private final BlobCache cache;
    private final Requester requester;
    private final Map<String, Wanted> wanted = new ConcurrentHashMap<>();

    public BlobFetcher(BlobCache cache, Requester requester) {
        this.cache = cache;
        this.requester = requester;
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
        Wanted w = wanted.computeIfAbsent(sha256, k -> new Wanted(kind, new CompletableFuture<>()));
        w.result().whenComplete((data, error) -> wanted.remove(sha256, w));
        requester.request(kind, sha256);
        return w.result();
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
            byte[] data = blob.getData().toByteArray();
            cache.put(blob.getSha256(), data);
            w.result().complete(data);
        } catch (RuntimeException e) {
            w.result().completeExceptionally(e);
        }
    }

    /** The link is (back) up: ask again for everything still missing. */
    public void onLinkUp() {
        wanted.forEach((sha, w) -> requester.request(w.kind(), sha));
    }

    public int outstanding() {
        return wanted.size();
    }
}
