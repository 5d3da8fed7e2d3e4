package io.lockstep.edge.swarm;

import io.lockstep.runtime.EmittedMessage;
import io.lockstep.runtime.TickInputs;
import io.lockstep.swarm.agreement.AgreementDigest;
import io.lockstep.swarm.agreement.DivergenceAlert;
import io.lockstep.swarm.agreement.DivergenceDetector;
import io.lockstep.swarm.codec.AgreementDigestCodec;
import io.lockstep.swarm.codec.CoverageCodec;
import io.lockstep.swarm.codec.MalformedMessageException;
import io.lockstep.swarm.coverage.CoverageMessage;
import io.lockstep.swarm.coverage.CoverageSet;
import io.lockstep.swarm.keys.SwarmKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs a cell mission's share of the swarm on the mission's tick thread. Before each tick it turns what
 * changed (membership after the settle window, cells peers covered) into journaled host events, and, when
 * this node's cells change, the {@code swarm.cells} event the agents act on. After each tick it takes the
 * cells the agents report covered and gossips the coverage and the agreement digest to the peers. A peer's
 * malformed, oversized or forged message is counted and dropped with a log line, never thrown.
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
    private long digestSequence;
    private String digestHex = "";
    private String divergenceText = "";
    private volatile byte[] coverageAnswer;
    private volatile SwarmView view;

    public SwarmCoordinator(String missionId, CellMap map, String self, SwarmChannel channel, long settleMillis,
            LongSupplier clockMillis) {
        this.missionId = missionId;
        this.self = self;
        this.channel = channel;
        this.clockMillis = clockMillis;
        this.state = new SwarmState(map, self);
        long now = clockMillis.getAsLong();
        this.tracker = new MembershipTracker(map.nodes(), self, settleMillis, now, START_GRACE_MILLIS);
        this.divergence = new DivergenceDetector(self, Math.max(1, settleMillis));
        this.coverageAnswer = coverageMessage();
        publishView();
    }

    private byte[] coverageMessage() {
        return CoverageCodec.encode(new CoverageMessage(self, -1, state.covered()));
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
            members.stream().filter(m -> !state.view().contains(m)).forEach(divergence::forget);
            state.lost().forEach(divergence::forget);
            coverageChanged = true;
        }
        List<Integer> fresh = new ArrayList<>();
        for (SwarmChannel.Received r : channel.drainCoverage(missionId)) {
            decodeCoverage(r).ifPresent(peers -> fresh.addAll(state.applyCovered(peers)));
        }
        if (!fresh.isEmpty()) {
            inputs.hostEvent(SwarmEvents.COVERED, SwarmEvents.covered(fresh.stream().sorted().toList()));
            coverageChanged = true;
        }
        for (SwarmChannel.Received r : channel.drainDigests(missionId)) {
            decodeDigest(r).ifPresent(d -> divergence.peer(d, now));
        }
        byte[] cells = SwarmEvents.cells(state);
        if (!Arrays.equals(cells, lastCells)) {
            lastCells = cells;
            inputs.hostEvent(SwarmEvents.CELLS, cells);
        }
    }

    private Optional<CoverageSet> decodeCoverage(SwarmChannel.Received r) {
        CoverageMessage m;
        try {
            m = CoverageCodec.decode(r.data());
        } catch (MalformedMessageException e) {
            return drop("coverage", r.peer(), "malformed: " + e.getMessage());
        }
        if (!SwarmKeys.chunk(m.senderId()).equals(r.peer())) {
            return drop("coverage", r.peer(), "forged: it names sender " + m.senderId());
        }
        if (!m.coverage().samePlan(state.covered())) {
            return drop("coverage", r.peer(), "for another plan: " + m.coverage().describePlan());
        }
        return Optional.of(m.coverage());
    }

    private Optional<AgreementDigest> decodeDigest(SwarmChannel.Received r) {
        AgreementDigest d;
        try {
            d = AgreementDigestCodec.decode(r.data());
        } catch (MalformedMessageException e) {
            return drop("digest", r.peer(), "malformed: " + e.getMessage());
        }
        if (!SwarmKeys.chunk(d.nodeId()).equals(r.peer())) {
            return drop("digest", r.peer(), "forged: it names node " + d.nodeId());
        }
        if (!d.missionId().equals(missionId) || !state.view().contains(d.nodeId())) {
            return drop("digest", r.peer(), "from outside this mission's members");
        }
        return Optional.of(d);
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
        if (coverageChanged || now - lastGossip >= GOSSIP_MILLIS) {
            lastGossip = now;
            coverageChanged = false;
            coverageAnswer = coverageMessage();
            AgreementDigest digest = AgreementDigest.of(self, digestSequence++, state.view(), state.covered());
            digestHex = HexFormat.of().formatHex(digest.membershipDigest(), 0, 8)
                    + HexFormat.of().formatHex(digest.coverageDigest(), 0, 8);
            divergence.local(digest, now);
            channel.publishCoverage(missionId, coverageAnswer);
            channel.publishDigest(missionId, AgreementDigestCodec.encode(digest));
        }
        divergence.check(now).forEach(alert -> LOG.warnf("mission %s: swarm divergence: %s", missionId, describe(alert)));
        String diverged = divergence.active().stream().map(SwarmCoordinator::describe).collect(Collectors.joining("; "));
        if (!diverged.equals(divergenceText)) {
            divergenceText = diverged;
            changed = true;
        }
        if (changed || view.dropped() != dropped.get()) {
            publishView();
        }
        return changed;
    }

    private static String describe(DivergenceAlert alert) {
        return String.join(" and ", alert.nodes()) + " disagree on " + alert.components().stream().map(Enum::name)
                .sorted().collect(Collectors.joining(", ")) + " since " + alert.since();
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

    /** Peers' messages dropped so far (malformed, oversized, forged, for another plan). */
    public long dropped() {
        return dropped.get();
    }

    private <T> Optional<T> drop(String what, String peer, String why) {
        long n = dropped.incrementAndGet();
        if (n <= LOGGED_DROPS || n % 100 == 0) {
            LOG.warnf("mission %s: dropped %s from %s (%d dropped so far): %s", missionId, what, peer, n, why);
        }
        return Optional.empty();
    }

    private void publishView() {
        view = new SwarmView(state.map().version(), state.map().size(), state.coveredCount(),
                boxed(state.ownedUnfinished()), state.coveredBySelf().stream().boxed().toList(), state.members(),
                List.copyOf(state.lost()), tracker.lostAtMillis(), state.takenOver().stream().boxed().toList(), digestHex, divergenceText,
                dropped.get());
    }

    private static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
