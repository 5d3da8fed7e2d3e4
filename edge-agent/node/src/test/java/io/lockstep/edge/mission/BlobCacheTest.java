package io.lockstep.edge.mission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.lockstep.proto.v1.Blob;
import io.lockstep.proto.v1.BlobKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobCacheTest {

    @TempDir
    Path dir;

    private static final byte[] DATA = "module bytes".getBytes(StandardCharsets.UTF_8);
    private static final String SHA = BlobCache.sha256Hex(DATA);

    @Test
    void storesByDigestAndRefusesMismatches() {
        BlobCache cache = new BlobCache(dir);
        assertTrue(cache.get(SHA).isEmpty());
        cache.put(SHA, DATA);
        assertArrayEquals(DATA, cache.get(SHA).orElseThrow());
        String other = BlobCache.sha256Hex(new byte[] {1});
        assertThrows(DigestMismatchException.class, () -> cache.put(other, DATA));
        assertTrue(cache.get(other).isEmpty());
    }

    @Test
    void aFileDamagedOnDiskIsDroppedAndReportedMissing() throws Exception {
        BlobCache cache = new BlobCache(dir);
        cache.put(SHA, DATA);
        Files.write(dir.resolve(SHA), new byte[] {0});
        assertTrue(cache.get(SHA).isEmpty());
        assertTrue(Files.notExists(dir.resolve(SHA)));
    }

    @Test
    void digestsThatAreNotHexAreRefusedBeforeTouchingTheFileSystem() {
        BlobCache cache = new BlobCache(dir);
        assertThrows(IllegalArgumentException.class, () -> cache.get("../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> cache.get(SHA.toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> cache.put("", DATA));
        assertThrows(IllegalArgumentException.class, () -> BlobCache.requireDigest(null));
    }

    @Test
    void fetcherAsksC2OnceCachesTheAnswerAndReasksAfterReconnect() throws Exception {
        BlobCache cache = new BlobCache(dir);
        List<String> requests = new ArrayList<>();
        BlobFetcher fetcher = new BlobFetcher(cache, (kind, sha, offset, max) -> requests.add(kind + ":" + sha));
        CompletableFuture<byte[]> f = fetcher.fetch(BlobKind.WASM_MODULE, SHA);
        assertTrue(!f.isDone());
        fetcher.onLinkUp();
        assertTrue(requests.size() == 2 && requests.get(1).equals("WASM_MODULE:" + SHA));
        fetcher.onBlob(Blob.newBuilder().setKind(BlobKind.WASM_MODULE).setSha256(SHA)
                .setData(ByteString.copyFrom(DATA)).build());
        assertArrayEquals(DATA, f.get());
        assertArrayEquals(DATA, fetcher.fetch(BlobKind.WASM_MODULE, SHA).get());
        assertTrue(requests.size() == 2, "second fetch served from the cache");
    }

    @Test
    void fetcherFailsOnWrongBytesAndOnC2Errors() {
        BlobFetcher fetcher = new BlobFetcher(new BlobCache(dir), (kind, sha, offset, max) -> true);
        CompletableFuture<byte[]> wrong = fetcher.fetch(BlobKind.WASM_MODULE, SHA);
        fetcher.onBlob(Blob.newBuilder().setSha256(SHA).setData(ByteString.copyFromUtf8("tampered")).build());
        ExecutionException e = assertThrows(ExecutionException.class, wrong::get);
        assertInstanceOf(DigestMismatchException.class, e.getCause());

        CompletableFuture<byte[]> missing = fetcher.fetch(BlobKind.ONNX_MODEL, SHA);
        fetcher.onBlob(Blob.newBuilder().setSha256(SHA).setError("unknown blob").build());
        e = assertThrows(ExecutionException.class, missing::get);
        assertInstanceOf(BlobUnavailableException.class, e.getCause());
        assertTrue(fetcher.outstanding() == 0);
    }
}
