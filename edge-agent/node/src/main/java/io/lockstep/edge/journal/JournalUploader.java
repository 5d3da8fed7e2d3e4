package io.lockstep.edge.journal;

import com.google.protobuf.ByteString;
import io.lockstep.edge.mission.BlobCache;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.JournalUploadAck;
import io.lockstep.proto.v1.JournalUploadChunk;
import io.lockstep.proto.v1.JournalUploadOffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Sends finished missions' journals to C2 (docs/journal-upload.md), one journal at a time, one chunk in
 * flight: offer (size + SHA-256 of the whole), then a chunk at exactly the offset C2's last
 * {@link JournalUploadAck} names, each with its own SHA-256. After a link drop the journal is offered again
 * and C2's answer says how much it already holds, so the upload resumes there. Reads the file a chunk at a
 * time, on its own thread (never a gRPC thread); nothing is written to the journal.
 */
public final class JournalUploader implements AutoCloseable {

    /** Hands a message to the live link; false when the link is down. */
    @FunctionalInterface
    public interface Sender {
        boolean send(EdgeToC2 message);
    }

    private static final Logger LOG = Logger.getLogger(JournalUploader.class);
    public static final int DEFAULT_CHUNK_BYTES = 256 * 1024;

    private record Upload(String missionId, Path file, long size, String sha256) {
    }

    private final Sender sender;
    private final Function<String, Path> journalOf;
    private final int chunkBytes;
    private final ExecutorService worker;
    /** Guarded by this. */
    private final Deque<String> queued = new ArrayDeque<>();
    /** Guarded by this. */
    private Upload current;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong chunksSent = new AtomicLong();

    /**
     * @param journalOf  where this node keeps a mission's journal
     * @param chunkBytes largest chunk to send (C2 may ask for smaller ones)
     */
    public JournalUploader(Sender sender, Function<String, Path> journalOf, int chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be >= 1");
        }
        this.sender = sender;
        this.journalOf = journalOf;
        this.chunkBytes = chunkBytes;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "journal-upload");
            t.setDaemon(true);
            return t;
        });
    }

    /** A mission ended (or C2 asked for its journal): upload it after the ones already waiting. */
    public void upload(String missionId) {
        execute(() -> {
            synchronized (this) {
                if ((current == null || !current.missionId().equals(missionId)) && !queued.contains(missionId)) {
                    queued.add(missionId);
                }
            }
            startNext();
        });
    }

    /** The link is (back) up: offer the journal in progress again; C2 answers with the offset it holds. */
    public void onLinkUp() {
        execute(() -> {
            Upload upload;
            synchronized (this) {
                upload = current;
            }
            if (upload != null) {
                offer(upload);
            } else {
                startNext();
            }
        });
    }

    /** C2 answered an offer or a chunk. */
    public void onAck(JournalUploadAck ack) {
        execute(() -> handle(ack));
    }

    /** Runs on the upload thread; a journal that cannot be read is given up with a log line, never a crash. */
    private void execute(Runnable task) {
        worker.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                Upload failed;
                synchronized (this) {
                    failed = current;
                    current = null;
                }
                LOG.errorf(e, "journal upload%s failed", failed == null ? "" : " of mission " + failed.missionId());
                startNext();
            }
        });
    }

    public long completed() {
        return completed.get();
    }

    public long refused() {
        return refused.get();
    }

    public long chunksSent() {
        return chunksSent.get();
    }

    /** The mission whose journal is being uploaded, if any. */
    public synchronized Optional<String> inProgress() {
        return Optional.ofNullable(current).map(Upload::missionId);
    }

    private void handle(JournalUploadAck ack) {
        Upload upload;
        synchronized (this) {
            upload = current;
        }
        if (upload == null || !upload.missionId().equals(ack.getMissionId())) {
            LOG.debugf("ignoring a journal ack for mission %s (not uploading it)", ack.getMissionId());
            return;
        }
        switch (ack.getState()) {
            case JOURNAL_RECEIVING -> {
                if (!ack.getError().isEmpty()) {
                    LOG.warnf("C2 refused a piece of the journal of mission %s: %s; resending from %d",
                            upload.missionId(), ack.getError(), ack.getOffset());
                }
                sendChunk(upload, ack.getOffset(), ack.getMaxChunkBytes());
            }
            case JOURNAL_COMPLETE -> {
                LOG.infof("journal of mission %s is on C2 (%d bytes, sha256 %s)", upload.missionId(), upload.size(),
                        upload.sha256());
                completed.incrementAndGet();
                finish(upload);
            }
            default -> {
                LOG.warnf("C2 refused the journal of mission %s: %s", upload.missionId(), ack.getError());
                refused.incrementAndGet();
                finish(upload);
            }
        }
    }

    private void finish(Upload upload) {
        synchronized (this) {
            if (current == upload) {
                current = null;
            }
        }
        startNext();
    }

    private void startNext() {
        Upload next = null;
        synchronized (this) {
            while (current == null && !queued.isEmpty()) {
                String missionId = queued.poll();
                Path file = journalOf.apply(missionId);
                if (!Files.isRegularFile(file)) {
                    LOG.warnf("no journal of mission %s on this node (%s); nothing to upload", missionId, file);
                    continue;
                }
                current = describe(missionId, file);
                next = current;
            }
        }
        if (next != null) {
            offer(next);
        }
    }

    private void offer(Upload upload) {
        sender.send(EdgeToC2.newBuilder().setJournalOffer(JournalUploadOffer.newBuilder()
                .setMissionId(upload.missionId()).setTotalBytes(upload.size()).setSha256(upload.sha256())).build());
        // When the link is down the offer is lost; onLinkUp offers again.
    }

    private void sendChunk(Upload upload, long offset, int maxChunkBytes) {
        if (offset < 0 || offset >= upload.size()) {
            LOG.warnf("C2 asked for the journal of mission %s from offset %d of %d; offering it again",
                    upload.missionId(), offset, upload.size());
            return;
        }
        int limit = maxChunkBytes > 0 ? Math.min(chunkBytes, maxChunkBytes) : chunkBytes;
        int length = (int) Math.min(limit, upload.size() - offset);
        byte[] data = read(upload.file(), offset, length);
        if (sender.send(EdgeToC2.newBuilder().setJournalChunk(JournalUploadChunk.newBuilder()
                .setMissionId(upload.missionId()).setOffset(offset).setData(ByteString.copyFrom(data))
                .setSha256(BlobCache.sha256Hex(data))).build())) {
            chunksSent.incrementAndGet();
        }
    }

    private static byte[] read(Path file, long offset, int length) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            long position = offset;
            while (buffer.hasRemaining()) {
                int n = in.read(buffer, position);
                if (n < 0) {
                    throw new IOException("journal shrank below " + (offset + length) + " bytes");
                }
                position += n;
            }
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Size and SHA-256 of the whole journal, read as a stream. */
    private static Upload describe(String missionId, Path file) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                size = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return new Upload(missionId, file, size, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JVM", e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
