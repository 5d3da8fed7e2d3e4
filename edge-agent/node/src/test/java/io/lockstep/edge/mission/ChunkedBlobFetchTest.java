package io.lockstep.edge.mission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.lockstep.proto.v1.Blob;
import io.lockstep.proto.v1.BlobKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunked blob delivery on the node: checks per chunk and for the whole, resumption from disk, bad chunks. */
class ChunkedBlobFetchTest {

    @TempDir
    Path dir;

    private static final byte[] DATA = new byte[1000];

    static {
        for (int i = 0; i < DATA.length; i++) {
            DATA[i] = (byte) (i * 31 + 7);
        }
    }

    private static final String SHA = BlobCache.sha256Hex(DATA);
    private final List<Long> asked = new ArrayList<>();

    private static Blob chunk(long offset, int length, byte[] whole, String chunkSha) {
        byte[] piece = Arrays.copyOfRange(whole, (int) offset, (int) offset + length);
        return Blob.newBuilder().setKind(BlobKind.ONNX_MODEL).setSha256(SHA).setChunked(true).setOffset(offset)
                .setTotalBytes(whole.length).setData(ByteString.copyFrom(piece))
                .setChunkSha256(chunkSha == null ? BlobCache.sha256Hex(piece) : chunkSha).build();
    }

    private BlobFetcher fetcher(BlobCache cache) {
        return new BlobFetcher(cache, (kind, sha, offset, max) -> asked.add(offset), 400);
    }

    @Test
    void chunksAreAssembledOnDiskAndAFetcherOfARestartedNodeResumesFromThem() throws Exception {
        BlobCache cache = new BlobCache(dir);
        BlobFetcher first = fetcher(cache);
        CompletableFuture<byte[]> f = first.fetch(BlobKind.ONNX_MODEL, SHA);
        first.onBlob(chunk(0, 400, DATA, null));
        assertEquals(List.of(0L, 400L), asked);
        assertEquals(400, cache.partialSize(SHA));
        assertFalse(f.isDone());

        // A new fetcher (the node restarted) asks from what is on disk.
        BlobFetcher second = fetcher(cache);
        CompletableFuture<byte[]> g = second.fetch(BlobKind.ONNX_MODEL, SHA);
        assertEquals(400L, asked.get(2));
        second.onBlob(chunk(0, 400, DATA, null)); // a late duplicate: ignored
        second.onBlob(chunk(400, 400, DATA, null));
        second.onBlob(chunk(800, 200, DATA, null));
        assertArrayEquals(DATA, g.get());
        assertEquals(0, cache.partialSize(SHA));
        assertArrayEquals(DATA, cache.get(SHA).orElseThrow());
    }

    @Test
    void aChunkFailingItsChecksumIsAskedForAgainAndRepeatedFailuresGiveUp() {
        BlobCache cache = new BlobCache(dir);
        BlobFetcher fetcher = fetcher(cache);
        CompletableFuture<byte[]> f = fetcher.fetch(BlobKind.ONNX_MODEL, SHA);
        fetcher.onBlob(chunk(0, 400, DATA, "0".repeat(64)));
        assertEquals(List.of(0L, 0L), asked, "asked again for the same piece");
        assertEquals(0, cache.partialSize(SHA), "nothing of it stored");
        for (int i = 0; i < BlobFetcher.MAX_BAD_CHUNKS; i++) {
            fetcher.onBlob(chunk(0, 400, DATA, "0".repeat(64)));
        }
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertInstanceOf(BlobUnavailableException.class, e.getCause());
    }

    @Test
    void aWholeThatDoesNotMatchIsRefusedAndItsPartialDeleted() throws Exception {
        BlobCache cache = new BlobCache(dir);
        BlobFetcher fetcher = fetcher(cache);
        CompletableFuture<byte[]> f = fetcher.fetch(BlobKind.ONNX_MODEL, SHA);
        byte[] other = DATA.clone();
        other[999] ^= 1;
        fetcher.onBlob(chunk(0, 400, other, null));
        fetcher.onBlob(chunk(400, 400, other, null));
        fetcher.onBlob(chunk(800, 200, other, null));
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertInstanceOf(DigestMismatchException.class, e.getCause());
        assertFalse(Files.exists(dir.resolve(SHA + ".partial")));
        assertTrue(cache.get(SHA).isEmpty());
    }

    @Test
    void floodsAreRefused() {
        BlobCache cache = new BlobCache(dir);
        BlobFetcher fetcher = fetcher(cache);
        CompletableFuture<byte[]> huge = fetcher.fetch(BlobKind.ONNX_MODEL, SHA);
        fetcher.onBlob(chunk(0, 400, DATA, null).toBuilder().setTotalBytes(BlobFetcher.MAX_BLOB_BYTES + 1).build());
        assertTrue(huge.isCompletedExceptionally());

        CompletableFuture<byte[]> past = fetcher.fetch(BlobKind.ONNX_MODEL, SHA);
        fetcher.onBlob(chunk(0, 400, DATA, null).toBuilder().setTotalBytes(300).build());
        assertTrue(past.isCompletedExceptionally(), "more bytes than announced");
        assertEquals(0, cache.partialSize(SHA));
    }
}
