package io.lockstep.swarm.peer;

import io.lockstep.swarm.agreement.AgreementDigest;
import io.lockstep.swarm.agreement.DivergenceAlert;
import io.lockstep.swarm.agreement.DivergenceDetector;
import io.lockstep.swarm.allocation.Allocation;
import io.lockstep.swarm.allocation.Allocator;
import io.lockstep.swarm.allocation.Member;
import io.lockstep.swarm.allocation.MemberAnnouncement;
import io.lockstep.swarm.allocation.MembershipView;
import io.lockstep.swarm.allocation.NodeIds;
import io.lockstep.swarm.cells.CellPlan;
import io.lockstep.swarm.codec.AgreementDigestCodec;
import io.lockstep.swarm.codec.CoverageCodec;
import io.lockstep.swarm.codec.MalformedMessageException;
import io.lockstep.swarm.codec.MemberCodec;
import io.lockstep.swarm.coverage.CoverageMessage;
import io.lockstep.swarm.coverage.CoverageSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The coordination side of one node for one mission: feeds peers' bytes (coverage, digests,
 * announcements) and membership changes in, answers who works on what. Every inbound method decodes
 * and validates; a bad message is counted ({@link #drops()}), logged, and dropped; none of them throws
 * on peer input. Time is passed in by the caller (ticks or injected-clock milliseconds). Not
 * thread-safe: drive it from one loop.
 */
public final class SwarmPeer {

    private static final System.Logger LOG = System.getLogger(SwarmPeer.class.getName());
    /** Log lines per drop reason before only every 1000th is logged. */
    private static final long LOUD_DROPS = 20;

    private final String selfId;
    private final Member self;
    private final long incarnation;
    private final CellPlan plan;
    private final DivergenceDetector detector;
    private final EnumMap<DropReason, Long> drops = new EnumMap<>(DropReason.class);
    private final Map<String, Long> incarnations = new TreeMap<>(NodeIds.ORDER);
    private final Map<String, Integer> capabilities = new TreeMap<>(NodeIds.ORDER);
    private final Map<String, Integer> claims = new TreeMap<>(NodeIds.ORDER);
    private MembershipView view;
    private CoverageSet completed;
    private int workingCell = -1;
    private long digestSequence;
    private Allocation allocation;

    /**
     * @param settleWindow how long, in the caller's time unit, a disagreement with a peer may last before
     *                     it raises a {@link DivergenceAlert}
     */
    public SwarmPeer(Member self, long incarnation, CellPlan plan, long settleWindow) {
        this.self = self;
        this.selfId = self.nodeId();
        this.incarnation = incarnation;
        this.plan = plan;
        this.detector = new DivergenceDetector(selfId, settleWindow);
        this.view = MembershipView.of(List.of(self));
        this.completed = CoverageSet.empty(plan);
    }

    public String selfId() {
        return selfId;
    }

    public CellPlan plan() {
        return plan;
    }

    // ---- membership -------------------------------------------------------------------------------

    /**
     * A node became live (its liveliness token appeared), with the capability of its last announcement
     * (1 until one arrives). Liveliness alone decides presence; the local node is always a member.
     */
    public void memberUp(String nodeId) {
        memberUp(new Member(nodeId, capabilities.getOrDefault(nodeId, 1)));
    }

    /** A node became live with a known capability. */
    public void memberUp(Member member) {
        if (!member.nodeId().equals(selfId)) {
            capabilities.put(member.nodeId(), member.capability());
            changeView(view.with(member));
        }
    }

    /** A node was lost (liveliness token gone, or a graceful leave). Its claim goes with it. */
    public void memberDown(String nodeId) {
        if (nodeId.equals(selfId)) {
            return;
        }
        claims.remove(nodeId);
        detector.forget(nodeId);
        changeView(view.without(nodeId));
    }

    /**
     * A peer's {@code MemberCodec} announcement; {@code fromNode} is the node the key names, or null. It
     * records the node's capability (updating the view if the node is live) and removes a node that
     * announces it is leaving; it never adds a node, so a late copy cannot resurrect a lost one.
     */
    public boolean onMemberAnnouncement(byte[] bytes, String fromNode) {
        MemberAnnouncement a;
        try {
            a = MemberCodec.decode(bytes);
        } catch (MalformedMessageException e) {
            return drop(DropReason.MALFORMED, "membership announcement", fromNode, e.getMessage());
        }
        String node = a.member().nodeId();
        if (fromNode != null && !fromNode.equals(node)) {
            return drop(DropReason.FORGED_SENDER, "membership announcement", fromNode, "names " + node);
        }
        if (node.equals(selfId)) {
            return false;
        }
        Long known = incarnations.get(node);
        if (known != null && a.incarnation() < known) {
            return drop(DropReason.STALE, "membership announcement", node, "incarnation " + a.incarnation()
                    + " < " + known);
        }
        incarnations.put(node, a.incarnation());
        if (a.leaving()) {
            memberDown(node);
        } else {
            capabilities.put(node, a.member().capability());
            if (view.contains(node)) {
                changeView(view.with(a.member()));
            }
        }
        return true;
    }

    // ---- coverage ---------------------------------------------------------------------------------

    /** A peer's {@code CoverageCodec} message: merges its completed set and records its claim. */
    public boolean onCoverage(byte[] bytes, String fromNode) {
        CoverageMessage m;
        try {
            m = CoverageCodec.decode(bytes);
        } catch (MalformedMessageException e) {
            return drop(DropReason.MALFORMED, "coverage", fromNode, e.getMessage());
        }
        if (fromNode != null && !fromNode.equals(m.senderId())) {
            return drop(DropReason.FORGED_SENDER, "coverage", fromNode, "names " + m.senderId());
        }
        if (!m.coverage().samePlan(completed)) {
            return drop(DropReason.OTHER_PLAN, "coverage", m.senderId(), m.coverage().describePlan());
        }
        CoverageSet merged = completed.merge(m.coverage());
        boolean changed = merged != completed;
        completed = merged;
        if (!m.senderId().equals(selfId)) {
            Integer previous = m.workingCell() < 0 ? claims.remove(m.senderId())
                    : claims.put(m.senderId(), m.workingCell());
            changed |= previous == null ? m.workingCell() >= 0 : previous != m.workingCell();
        }
        if (changed) {
            allocation = null;
        }
        return true;
    }

    /** Marks {@code cell} completed by this node. */
    public void complete(int cell) {
        CoverageSet next = completed.with(cell);
        if (next != completed) {
            completed = next;
            allocation = null;
        }
        if (workingCell == cell) {
            workingCell = -1;
        }
    }

    /** The cell this node now works on: its current one while it still owns it, else its next owned one. */
    public OptionalInt nextCell() {
        OptionalInt next = allocation().nextCell(selfId, workingCell);
        int cell = next.orElse(-1);
        if (cell != workingCell) {
            workingCell = cell;
            allocation = null;
        }
        return next;
    }

    public int workingCell() {
        return workingCell;
    }

    public CoverageSet completed() {
        return completed;
    }

    public MembershipView view() {
        return view;
    }

    /** This node's coverage message, to publish. */
    public byte[] coverageMessage() {
        return CoverageCodec.encode(new CoverageMessage(selfId, workingCell, completed));
    }

    /** This node's announcement, to publish. */
    public byte[] announcement() {
        return MemberCodec.encode(new MemberAnnouncement(self, incarnation, false));
    }

    // ---- agreement --------------------------------------------------------------------------------

    /** This node's next agreement digest, to publish (also recorded locally at {@code now}). */
    public byte[] digestMessage(long now) {
        AgreementDigest d = AgreementDigest.of(selfId, digestSequence++, view, completed);
        detector.local(d, now);
        return AgreementDigestCodec.encode(d);
    }

    public boolean onDigest(byte[] bytes, String fromNode, long now) {
        AgreementDigest d;
        try {
            d = AgreementDigestCodec.decode(bytes);
        } catch (MalformedMessageException e) {
            return drop(DropReason.MALFORMED, "agreement digest", fromNode, e.getMessage());
        }
        if (fromNode != null && !fromNode.equals(d.nodeId())) {
            return drop(DropReason.FORGED_SENDER, "agreement digest", fromNode, "names " + d.nodeId());
        }
        if (!d.missionId().equals(plan.missionId())) {
            return drop(DropReason.OTHER_PLAN, "agreement digest", d.nodeId(), "mission " + d.missionId());
        }
        if (!view.contains(d.nodeId())) {
            // digests of nodes this side does not see are meaningless to compare (partition)
            return false;
        }
        detector.peer(d, now);
        return true;
    }

    /** Re-evaluates agreement at {@code now}; returns alerts raised now. */
    public List<DivergenceAlert> checkAgreement(long now) {
        AgreementDigest current = AgreementDigest.of(selfId, digestSequence, view, completed);
        detector.local(current, now);
        return detector.check(now);
    }

    public List<DivergenceAlert> activeAlerts() {
        return detector.active();
    }

    public long alertsRaised() {
        return detector.raisedTotal();
    }

    // ---- state ------------------------------------------------------------------------------------

    public Allocation allocation() {
        if (allocation == null) {
            Map<String, Integer> all = new TreeMap<>(NodeIds.ORDER);
            all.putAll(claims);
            if (workingCell >= 0) {
                all.put(selfId, workingCell);
            }
            allocation = Allocator.allocate(plan, view, completed, all);
        }
        return allocation;
    }

    public DropCounters drops() {
        return new DropCounters(drops);
    }

    public PeerState state() {
        Map<String, Integer> all = new TreeMap<>(NodeIds.ORDER);
        all.putAll(claims);
        if (workingCell >= 0) {
            all.put(selfId, workingCell);
        }
        return new PeerState(selfId, plan, view, completed, all, allocation(), workingCell, drops());
    }

    private void changeView(MembershipView next) {
        if (!next.equals(view)) {
            view = next;
            claims.keySet().retainAll(view.members().stream().map(Member::nodeId).toList());
            allocation = null;
        }
    }

    private boolean drop(DropReason reason, String what, String from, String detail) {
        long n = drops.merge(reason, 1L, Long::sum);
        if (n <= LOUD_DROPS || n % 1000 == 0) {
            LOG.log(System.Logger.Level.WARNING, "{0}: dropped {1} from {2} ({3}, {4} so far): {5}", selfId, what,
                    from == null ? "?" : from, reason, n, detail);
        }
        return false;
    }
}
