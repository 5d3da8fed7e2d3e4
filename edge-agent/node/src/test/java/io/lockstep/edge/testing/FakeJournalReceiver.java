package io.lockstep.edge.testing;

import io.lockstep.edge.mission.BlobCache;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.JournalUploadAck;
import io.lockstep.proto.v1.JournalUploadState;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * C2's side of the journal upload for {@link FakeC2}: keeps what it was sent, answers offers with the offset it
 * holds and chunks with the new offset; can stop acknowledging (an ack lost with the link) to test resumption.
 */
public final class FakeJournalReceiver implements Function<EdgeToC2, Optional<C2ToEdge>> {

    private final int maxChunkBytes;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private volatile String sha256 = "";
    private volatile long total;
    private final AtomicInteger acksLeft = new AtomicInteger(Integer.MAX_VALUE);
    /** The offset each offer was answered with. */
    public final List<Long> offerAnswers = new CopyOnWriteArrayList<>();
    /** The offset of every chunk received. */
    public final List<Long> chunkOffsets = new CopyOnWriteArrayList<>();
    private volatile boolean complete;

    public FakeJournalReceiver(int maxChunkBytes) {
        this.maxChunkBytes = maxChunkBytes;
    }

    /** Stores chunks but acknowledges only {@code count} more of them. */
    public void ackOnly(int count) {
        acksLeft.set(count);
    }

    public boolean complete() {
        return complete;
    }

    public synchronized byte[] bytes() {
        return held.toByteArray();
    }

    @Override
    public synchronized Optional<C2ToEdge> apply(EdgeToC2 m) {
        if (m.hasJournalOffer()) {
            if (!m.getJournalOffer().getSha256().equals(sha256)) {
                held.reset();
                sha256 = m.getJournalOffer().getSha256();
                total = m.getJournalOffer().getTotalBytes();
            }
            offerAnswers.add((long) held.size());
            return answer(m.getJournalOffer().getMissionId(), complete ? JournalUploadState.JOURNAL_COMPLETE
                    : JournalUploadState.JOURNAL_RECEIVING);
        }
        var chunk = m.getJournalChunk();
        chunkOffsets.add(chunk.getOffset());
        byte[] data = chunk.getData().toByteArray();
        if (chunk.getOffset() == held.size() && BlobCache.sha256Hex(data).equals(chunk.getSha256())
                && held.size() + data.length <= total) {
            held.writeBytes(data);
        }
        if (held.size() == total && BlobCache.sha256Hex(held.toByteArray()).equals(sha256)) {
            complete = true;
        }
        if (acksLeft.getAndDecrement() <= 0) {
            return Optional.empty();
        }
        return answer(chunk.getMissionId(), complete ? JournalUploadState.JOURNAL_COMPLETE
                : JournalUploadState.JOURNAL_RECEIVING);
    }

    private Optional<C2ToEdge> answer(String missionId, JournalUploadState state) {
        return Optional.of(C2ToEdge.newBuilder().setJournalAck(JournalUploadAck.newBuilder().setMissionId(missionId)
                .setOffset(held.size()).setState(state).setMaxChunkBytes(maxChunkBytes)).build());
    }
}
