package io.lockstep.edge.swarm;

import io.lockstep.runtime.EmittedMessage;
import io.lockstep.runtime.TickInputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Runs a cell mission's share of the swarm on the mission's tick thread. Before each tick it turns what
 * changed (membership after the settle window, cells peers covered) into journaled host events, and, when
 * this node's cells change, the {@code swarm.cells} event the agents act on. After each tick it takes the
 * cells the agents report covered and gossips the coverage and the agreement digest to the peers.
 */
public final class SwarmCoordinator {

    private static final Logger LOG = Logger.getLogger(SwarmCoordinator.class);
    /** Coverage and digest are re-sent this often even when nothing changed (lost packets, late joiners). */
    static final long GOSSIP_MILLIS = 500;
    /** A peer's mesh link may take a moment at mission start: nobody is lost before this. */
    static final long START_GRACE_MILLIS = 10_000;
    private static final int LOGGED_DROPS = 20;

    private final String missionId;
    private final String self;
    private final SwarmChannel channel;
    private final LongSupplier clockMillis;
    private final SwarmState state;
    private final MembershipTracker tracker;
    private final DivergenceDetector divergence;
    private final AtomicLong dropped = new AtomicLong();

    private boolean journaledMembers;
    private byte[] lastCells;
    private long lastGossip = Long.MIN_VALUE;
    private boolean coverageChanged = true;
    private String digest = "";
    private String divergenceText = "";
    private volatile byte[] coverageAnswer;
    private volatile SwarmView view;

    public SwarmCoordinator(String missionId, CellMap map, String self, CellAllocator allocator, SwarmChannel channel,
            long settleMillis, LongSupplier clockMillis) {
        this.missionId = missionId;
        this.self = self;
        this.channel = channel;
        this.clockMillis = clockMillis;
        this.state = new SwarmState(map, self, allocator);
        long now = clockMillis.getAsLong();
        this.tracker = new MembershipTracker(map.nodes(), self, settleMillis, now, START_GRACE_MILLIS);
        this.divergence = new DivergenceDetector(settleMillis, Math.max(4 * GOSSIP_MILLIS, 2 * settleMillis));
        this.coverageAnswer = CoverageCodec.encode(map.version(), map.size(), new BitSet());
        publishView();
    }

    /** Joins the mission's coverage exchange (and asks the peers what they have covered). */
    public void start() {
        channel.join(missionId, () -> coverageAnswer);
    }

    public void stop() {
        channel.leave(missionId);
    }

    /** Adds this tick's swarm inputs, in a fixed order: members, cells peers covered, this node's cells. */
    public void beforeTick(TickInputs.Builder inputs) {
        long now = clockMillis.getAsLong();
        tracker.observe(channel.liveMemberKeys(), channel::memberKey, now);
        List<String> members = tracker.members();
        if (state.applyMembers(members) || !journaledMembers) {
            journaledMembers = true;
            inputs.hostEvent(SwarmEvents.MEMBERS, SwarmEvents.members(members));
            coverageChanged = true;
        }
        List<Integer> fromPeers = new ArrayList<>();
        for (SwarmChannel.Received r : channel.drainCoverage(missionId)) {
            try {
                fromPeers.addAll(CoverageCodec.decode(r.data(), state.map().version(), state.map().size()));
            } catch (MalformedSwarmMessageException e) {
                drop("coverage", r.peer(), e.getMessage());
            }
        }
        List<Integer> fresh = state.applyCovered(fromPeers.stream().sorted().distinct().toList());
        if (!fresh.isEmpty()) {
            inputs.hostEvent(SwarmEvents.COVERED, SwarmEvents.covered(fresh));
            coverageChanged = true;
        }
        for (SwarmChannel.Received r : channel.drainDigests(missionId)) {
            try {
                divergence.heard(r.peer(), SwarmDigest.decode(r.data(), state.map().version()), now);
            } catch (MalformedSwarmMessageException e) {
                drop("digest", r.peer(), e.getMessage());
            }
        }
        byte[] cells = SwarmEvents.cells(state);
        if (!Arrays.equals(cells, lastCells)) {
            lastCells = cells;
            inputs.hostEvent(SwarmEvents.CELLS, cells);
        }
    }

    /** Takes the cells this tick's agents reported covered, then gossips when due; true when the view changed. */
    public boolean afterTick(List<EmittedMessage> emitted) {
        for (EmittedMessage m : emitted) {
            if (m.topic().startsWith(SwarmEvents.COVERED_TOPIC_PREFIX)) {
                int cell = SwarmEvents.coveredIndex(m.data());
                if (state.coveredBySelf(cell)) {
                    coverageChanged = true;
                } else {
                    LOG.warnf("mission %s: agent reported cell %d covered, not a cell of this plan", missionId, cell);
                }
            }
        }
        long now = clockMillis.getAsLong();
        boolean changed = coverageChanged;
        if (coverageChanged) {
            BitSet covered = state.covered();
            coverageAnswer = CoverageCodec.encode(state.map().version(), state.map().size(), covered);
            digest = SwarmDigest.of(state.map().version(), state.members(), covered);
        }
        if (coverageChanged || now - lastGossip >= GOSSIP_MILLIS) {
            lastGossip = now;
            coverageChanged = false;
            channel.publishCoverage(missionId, coverageAnswer);
            channel.publishDigest(missionId, SwarmDigest.encode(state.map().version(), digest)
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        String diverged = divergence.evaluate(digest, now).orElse("");
        if (!diverged.equals(divergenceText)) {
            if (!diverged.isEmpty()) {
                LOG.warnf("mission %s: swarm divergence: %s", missionId, diverged);
            }
            divergenceText = diverged;
            changed = true;
        }
        if (changed || view.dropped() != dropped.get()) {
            publishView();
        }
        return changed;
    }

    public boolean complete() {
        return state.complete();
    }

    public SwarmView view() {
        return view;
    }

    public Optional<String> divergence() {
        return divergenceText.isEmpty() ? Optional.empty() : Optional.of(divergenceText);
    }

    private void drop(String what, String peer, String why) {
        long n = dropped.incrementAndGet();
        if (n <= LOGGED_DROPS || n % 100 == 0) {
            LOG.warnf("mission %s: dropped %s from %s (%d dropped so far): %s", missionId, what, peer, n, why);
        }
    }

    private void publishView() {
        view = new SwarmView(state.map().version(), state.map().size(), state.coveredCount(),
                boxed(state.ownedUnfinished()), state.coveredBySelf().stream().boxed().toList(), state.members(),
                List.copyOf(state.lost()), state.takenOver().stream().boxed().toList(), digest, divergenceText,
                dropped.get());
    }

    private static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
