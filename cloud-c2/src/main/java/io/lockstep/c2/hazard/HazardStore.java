package io.lockstep.c2.hazard;

import io.lockstep.c2.api.Ids;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.NodeHazard;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fleet's live hazards, as the nodes report them on their heartbeats (each node: its own finds and what
 * its peers shared). One entry per hazard id ({@code sender/hazardId}) however many nodes report it. Bounded
 * whatever the nodes send: at most {@value #MAX_PER_REPORT} hazards taken from one report, at most
 * {@value #MAX_HAZARDS} in all (when full, the one expiring soonest makes room), at most
 * {@value #MAX_REPORTERS} reporting nodes listed per hazard; every entry left out is counted. A hazard goes
 * when it expires (the sender's issue time plus its time to live), when no node reports it any more, or when
 * no report mentioned it for {@value #STALE_AFTER_MS} ms (its nodes went quiet).
 *
 * <p>Kept in memory per C2 instance: hazards live for minutes and every node re-reports its whole set each
 * heartbeat, so a restarted C2 has them again within a heartbeat. Changes are numbered, and the last
 * {@value #CHANGE_LOG} are kept for the live stream.
 */
@ApplicationScoped
public class HazardStore {

    public static final int MAX_PER_REPORT = 64;
    public static final int MAX_HAZARDS = 2048;
    public static final int MAX_REPORTERS = 16;
    public static final long STALE_AFTER_MS = 60_000;
    /** A hazard issued further in the sender's future than this is refused (clocks are NTP-synchronised). */
    static final long MAX_FUTURE_MS = 30_000;
    static final int MAX_RADIUS_MM = 1_000_000;
    static final int MAX_TTL_MS = 3_600_000;
    static final int CHANGE_LOG = 4096;
    private static final Set<String> KINDS = Set.of("DETECTION", "OBSTACLE", "OPERATOR");

    private record Change(long seq, String id) {
    }

    private final Map<String, FleetHazard> hazards = new HashMap<>();
    private final Map<String, Set<String>> byNode = new HashMap<>();
    private final ArrayDeque<Change> changes = new ArrayDeque<>();
    private long seq;
    private final Map<String, Long> counters = new LinkedHashMap<>();

    public HazardStore() {
        for (String name : List.of("reports", "accepted", "dropped_over_bound", "dropped_malformed",
                "dropped_expired", "omitted_by_nodes", "evicted")) {
            counters.put(name, 0L);
        }
    }

    /** Takes one node's heartbeat: its hazard set replaces what it reported before. Older nodes: nothing. */
    public synchronized void report(String nodeId, Heartbeat heartbeat, long nowMs) {
        if (!heartbeat.getHazardsReported()) {
            return;
        }
        count("reports", 1);
        count("omitted_by_nodes", heartbeat.getHazardsOmitted());
        List<NodeHazard> listed = heartbeat.getHazardsList();
        if (listed.size() > MAX_PER_REPORT) {
            count("dropped_over_bound", listed.size() - MAX_PER_REPORT);
            listed = listed.subList(0, MAX_PER_REPORT);
        }
        Set<String> now = new HashSet<>();
        for (NodeHazard h : listed) {
            String id = h.getSender() + "/" + Integer.toUnsignedString(h.getHazardId());
            if (!valid(h, nowMs)) {
                count("dropped_malformed", 1);
            } else if (h.getIssuedAtMs() + h.getTtlMs() <= nowMs) {
                count("dropped_expired", 1);
            } else if (now.add(id)) {
                count("accepted", 1);
                upsert(nodeId, id, h, nowMs);
            }
        }
        Set<String> before = byNode.put(nodeId, now);
        if (before != null) {
            for (String id : before) {
                if (!now.contains(id)) {
                    forget(nodeId, id);
                }
            }
        }
        if (now.isEmpty()) {
            byNode.remove(nodeId);
        }
    }

    /** The live hazards (expired and stale ones removed first), ordered by id. */
    public synchronized List<FleetHazard> live(long nowMs) {
        sweep(nowMs);
        List<FleetHazard> out = new ArrayList<>(hazards.values());
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    /** Removes expired and stale hazards (each a numbered change). */
    public synchronized void sweep(long nowMs) {
        List<String> gone = new ArrayList<>();
        hazards.forEach((id, h) -> {
            if (h.expiresAtMs() <= nowMs || h.lastReportMs() + STALE_AFTER_MS <= nowMs) {
                gone.add(id);
            }
        });
        gone.forEach(this::remove);
    }

    public synchronized long lastSeq() {
        return seq;
    }

    /** What changed after change number {@code after} (see {@link HazardChanges}). */
    public synchronized HazardChanges changesAfter(long after, long nowMs) {
        sweep(nowMs);
        long oldest = changes.isEmpty() ? seq + 1 : changes.peekFirst().seq();
        if (after < oldest - 1) {
            return new HazardChanges(seq, true, live(nowMs), List.of());
        }
        Set<String> touched = new TreeSet<>();
        for (Change change : changes) {
            if (change.seq() > after) {
                touched.add(change.id());
            }
        }
        List<FleetHazard> upserts = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String id : touched) {
            FleetHazard h = hazards.get(id);
            if (h == null) {
                removed.add(id);
            } else {
                upserts.add(h);
            }
        }
        return new HazardChanges(seq, false, upserts, removed);
    }

    public synchronized Map<String, Long> counters() {
        return Map.copyOf(counters);
    }

    public synchronized int size() {
        return hazards.size();
    }

    private void upsert(String nodeId, String id, NodeHazard h, long nowMs) {
        FleetHazard known = hazards.get(id);
        TreeSet<String> reporters = new TreeSet<>(known == null ? List.of() : known.reportedBy());
        if (reporters.size() < MAX_REPORTERS || reporters.contains(nodeId)) {
            reporters.add(nodeId);
        }
        // The sender's own report decides where the hazard is; others only add that they know it.
        boolean fromSender = known == null || nodeId.equals(h.getSender());
        FleetHazard next = fromSender
                ? new FleetHazard(id, h.getSender(), Integer.toUnsignedLong(h.getHazardId()), h.getMissionId(),
                        h.getKind().toLowerCase(java.util.Locale.ROOT), h.getXMm() / 1000.0, h.getYMm() / 1000.0,
                        h.getRadiusMm() / 1000.0, h.getIssuedAtMs(), h.getIssuedAtMs() + h.getTtlMs(),
                        List.copyOf(reporters), known == null ? nowMs : known.firstSeenMs(), nowMs)
                : new FleetHazard(id, known.sender(), known.hazardId(), known.missionId(), known.kind(), known.xM(),
                        known.yM(), known.radiusM(), known.issuedAtMs(), known.expiresAtMs(), List.copyOf(reporters),
                        known.firstSeenMs(), nowMs);
        if (known == null && hazards.size() >= MAX_HAZARDS) {
            hazards.values().stream().min((a, b) -> Long.compare(a.expiresAtMs(), b.expiresAtMs()))
                    .ifPresent(soonest -> {
                        remove(soonest.id());
                        count("evicted", 1);
                    });
        }
        hazards.put(id, next);
        if (known == null || !sameButFreshness(known, next)) {
            changed(id);
        }
    }

    private void forget(String nodeId, String id) {
        FleetHazard known = hazards.get(id);
        if (known == null || !known.reportedBy().contains(nodeId)) {
            return;
        }
        List<String> reporters = known.reportedBy().stream().filter(n -> !n.equals(nodeId)).toList();
        if (reporters.isEmpty()) {
            remove(id);
            return;
        }
        hazards.put(id, new FleetHazard(id, known.sender(), known.hazardId(), known.missionId(), known.kind(),
                known.xM(), known.yM(), known.radiusM(), known.issuedAtMs(), known.expiresAtMs(), reporters,
                known.firstSeenMs(), known.lastReportMs()));
        changed(id);
    }

    private void remove(String id) {
        if (hazards.remove(id) != null) {
            changed(id);
        }
    }

    private void changed(String id) {
        changes.addLast(new Change(++seq, id));
        while (changes.size() > CHANGE_LOG) {
            changes.removeFirst();
        }
    }

    private static boolean sameButFreshness(FleetHazard a, FleetHazard b) {
        return a.xM() == b.xM() && a.yM() == b.yM() && a.radiusM() == b.radiusM() && a.expiresAtMs() == b.expiresAtMs()
                && a.kind().equals(b.kind()) && a.missionId().equals(b.missionId())
                && a.reportedBy().equals(b.reportedBy());
    }

    private static boolean valid(NodeHazard h, long nowMs) {
        return Ids.isValid(h.getSender()) && (h.getMissionId().isEmpty() || Ids.isValid(h.getMissionId()))
                && KINDS.contains(h.getKind()) && h.getRadiusMm() >= 1 && h.getRadiusMm() <= MAX_RADIUS_MM
                && h.getTtlMs() >= 1 && h.getTtlMs() <= MAX_TTL_MS && h.getIssuedAtMs() > 0
                && h.getIssuedAtMs() <= nowMs + MAX_FUTURE_MS;
    }

    private void count(String name, long by) {
        counters.merge(name, by, Long::sum);
    }
}
