package io.lockstep.swarm.sim.rightofway;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.swarm.cells.PointE7;
import io.lockstep.swarm.rightofway.Intent;
import io.lockstep.swarm.rightofway.IntentCodec;
import io.lockstep.swarm.rightofway.IntentTable;
import io.lockstep.swarm.rightofway.Manoeuvre;
import io.lockstep.swarm.rightofway.NegotiationDrops;
import io.lockstep.swarm.rightofway.RightOfWay;
import io.lockstep.swarm.rightofway.RightOfWayConfig;
import io.lockstep.swarm.rightofway.RightOfWayDecision;
import io.lockstep.swarm.rightofway.SenderBinding;
import io.lockstep.swarm.rightofway.ZoneClaim;
import io.lockstep.swarm.sim.LocalFrame;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Right of way in the fleet simulator: vehicle kinematics (a point on a lane, speed limited by acceleration and
 * braking) and the real protocol ({@link RightOfWay}, {@link IntentTable}, {@link IntentCodec}: every intent is
 * encoded, sent through a simulated mesh with seeded delays and partitions, and decoded) on simulated time.
 * The Wasm agents are left out: right of way lives below the agents (supervisor layer), and the kinematics make
 * 4 x 200 seeds run in seconds.
 *
 * <p>Each tick (100 ms): deliver the messages that are due (in delivery tick, then send order; none across a
 * partition); every live node in id order computes its claims (the zones its safety disc is in, and those its
 * lane enters within its look-ahead), decides, and publishes its intent (every 200 ms and on any change);
 * then every vehicle moves in id order. A vehicle holds its speed to what still stops {@value #MARGIN_M} m short
 * of the first claimed zone not cleared for it, and backs out of a zone when told to retreat. Under it sits a
 * simulated range-sensor guard: a move that would bring a vehicle closer to another than the safety distance
 * is not made (counted as a guard stop; the protocol alone should never need it outside a partition).
 */
public final class RightOfWaySimulator {

    static final int TICK_MS = 100;
    static final double DT = TICK_MS / 1000.0;
    static final double SAFETY_DISTANCE_M = 2.0;
    static final double RADIUS_M = SAFETY_DISTANCE_M / 2;
    static final double ACCEL_MPS2 = 3.0;
    static final double MARGIN_M = 0.5;
    static final int PUBLISH_EVERY_TICKS = 2;
    static final int MAX_TICKS = 1_500;
    static final long LEASE_MS = 1_000;
    static final long WAIT_TIMEOUT_MS = 60_000;

    static boolean TRACE = Boolean.getBoolean("row.trace");
    private final RowSetup setup;
    private final RightOfWayConfig config;
    private final Random random;
    private final LocalFrame frame = new LocalFrame(new PointE7(473_977_000, 85_456_000));
    private final Map<String, Node> nodes = new TreeMap<>(io.lockstep.swarm.allocation.NodeIds.ORDER);
    private final List<Message> inFlight = new ArrayList<>();
    private final MessageDigest digest;
    private long sent;
    private long lost;
    private int tick;

    private record Message(int deliverAt, long order, String from, String to, byte[] data) {
    }

    private final class Node {
        final RowSetup.VehicleSpec spec;
        final RightOfWay rightOfWay;
        final NegotiationDrops drops = new NegotiationDrops();
        final Map<Integer, double[]> intervals = new TreeMap<>();
        double s;
        double v;
        long sequence;
        boolean dead;
        int finishedTick = -1;
        Manoeuvre manoeuvre = Manoeuvre.GO;
        List<ZoneClaim> lastClaims = List.of();
        int lastPublish = -PUBLISH_EVERY_TICKS;
        long lastSentExpiry = -1;
        boolean blocked;
        int blockedSince;
        boolean blockAlerted;
        long guardAlerts;
        long retreats;

        Node(RowSetup.VehicleSpec spec) {
            this.spec = spec;
            this.rightOfWay = new RightOfWay(spec.nodeId(), config,
                    new IntentTable(spec.nodeId(), config.maxPeers(), SenderBinding.KEY_CHUNK, drops));
            for (ConflictZone z : setup.zones()) {
                double[] interval = spec.path().interval(z, RADIUS_M);
                if (interval != null) {
                    intervals.put(z.id(), interval);
                }
            }
        }

        Vec2 position() {
            return spec.path().at(s);
        }

        boolean active() {
            return !dead && finishedTick < 0;
        }
    }

    public RightOfWaySimulator(RowScenario scenario, long seed) {
        this.setup = RowSetup.of(scenario, seed);
        long settle = 2L * (PUBLISH_EVERY_TICKS + 1 + setup.maxDelayTicks()) * TICK_MS + TICK_MS;
        this.config = new RightOfWayConfig(LEASE_MS, settle, WAIT_TIMEOUT_MS, 16);
        this.random = new Random(seed ^ 0x5DEECE66DL);
        for (RowSetup.VehicleSpec spec : setup.vehicles()) {
            nodes.put(spec.nodeId(), new Node(spec));
        }
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public RowResult run() {
        double minSeparation = minSeparation();
        long guardStops = 0;
        boolean waitedForDead = false;
        int survivorEntered = -1;
        int deadLeaseEnd = -1;
        for (tick = 0; tick < MAX_TICKS && nodes.values().stream().anyMatch(Node::active); tick++) {
            deliver();
            long now = (long) tick * TICK_MS;
            for (Node n : nodes.values()) {
                if (!n.active()) {
                    continue;
                }
                List<ZoneClaim> claims = claims(n);
                int flags = n.spec.flags() | (n.manoeuvre == Manoeuvre.HOLD ? Intent.HOLDING : 0)
                        | (n.manoeuvre == Manoeuvre.RETREAT ? Intent.RETREATING : 0);
                PointE7 where = frame.toE7(n.position());
                Vec2 velocity = n.spec.path().at(n.s + 0.01).minus(n.position()).normalized().times(n.v);
                Intent intent = new Intent(n.spec.nodeId(), ++n.sequence, now, now + LEASE_MS, where.latE7(),
                        where.lonE7(), (int) Math.round(velocity.x() * 1000), (int) Math.round(velocity.y() * 1000),
                        flags, n.spec.priority(), claims);
                RightOfWayDecision d = n.rightOfWay.decide(intent, now);
                if (d.manoeuvre() == Manoeuvre.RETREAT && n.manoeuvre != Manoeuvre.RETREAT) {
                    n.retreats++;
                }
                n.manoeuvre = d.manoeuvre();
                if (TRACE) {
                    System.out.printf("t=%d %s s=%.2f v=%.2f claims=%s %s cleared=%s waiting=%s peers=%s%n", tick,
                            n.spec.nodeId(), n.s, n.v, claims, d.manoeuvre(), d.clearedZones(), d.waitingFor(),
                            n.rightOfWay.peers().live().stream().map(i -> i.nodeId() + i.claims()).toList());
                }
                if (setup.dies() != null && !n.spec.nodeId().equals(setup.dies()) && tick > 0
                        && d.waitingFor().contains(setup.dies()) && nodes.get(setup.dies()).dead) {
                    waitedForDead = true;
                }
                if (n.spec.nodeId().equals(setup.dies()) && diesNow(n, d)) {
                    n.dead = true;
                    n.v = 0;
                    deadLeaseEnd = (int) (n.lastSentExpiry / TICK_MS);
                    continue;
                }
                if (!claims.equals(n.lastClaims) || tick - n.lastPublish >= PUBLISH_EVERY_TICKS) {
                    publish(n, intent);
                }
                n.v = nextSpeed(n, d, tick >= n.spec.departTick());
            }
            for (Node n : nodes.values()) {
                if (!n.active()) {
                    continue;
                }
                boolean wasBlocked = n.blocked;
                move(n);
                if (n.blocked && !wasBlocked) {
                    guardStops++;
                }
                trackBlockedWait(n);
                if (n.s >= n.spec.path().length() - 1e-9) {
                    n.finishedTick = tick;
                }
                if (setup.dies() != null && !n.spec.nodeId().equals(setup.dies()) && survivorEntered < 0
                        && nodes.get(setup.dies()).dead && insideAnyZone(n)) {
                    survivorEntered = tick;
                }
            }
            minSeparation = Math.min(minSeparation, minSeparation());
            recordTick(now);
        }
        return result(minSeparation, guardStops, waitedForDead, survivorEntered, deadLeaseEnd);
    }

    /** The dying node dies at the first tick it has the zone cleared but is not yet inside: holding its claim. */
    private boolean diesNow(Node n, RightOfWayDecision d) {
        return n.intervals.entrySet().stream().anyMatch(e -> n.s < e.getValue()[0] && d.mayEnter(e.getKey()));
    }

    private List<ZoneClaim> claims(Node n) {
        List<Integer> inside = new ArrayList<>();
        List<Integer> ahead = new ArrayList<>();
        boolean parked = n.s <= 0 && tick < n.spec.departTick();
        // backing out or parked: only the zones it is physically in
        boolean onlyInside = n.manoeuvre == Manoeuvre.RETREAT || parked;
        double lookAhead = n.v * n.v / (2 * ACCEL_MPS2) + n.spec.maxSpeedMps() * config.settleMs() / 1000.0 + 4.0;
        n.intervals.forEach((zone, iv) -> {
            if (n.s >= iv[0] && n.s <= iv[1]) {
                inside.add(zone);
            } else if (!onlyInside && n.s < iv[0] && iv[0] - n.s <= lookAhead) {
                ahead.add(zone);
            }
        });
        return n.rightOfWay.claims(inside, ahead);
    }

    private double nextSpeed(Node n, RightOfWayDecision d, boolean departed) {
        double target;
        if (!departed) {
            target = 0;
        } else if (d.manoeuvre() == Manoeuvre.RETREAT) {
            double back = Double.POSITIVE_INFINITY;
            for (Map.Entry<Integer, double[]> e : n.intervals.entrySet()) {
                if (n.s >= e.getValue()[0] && n.s <= e.getValue()[1]) {
                    back = Math.min(back, e.getValue()[0] - MARGIN_M);
                }
            }
            target = back == Double.POSITIVE_INFINITY ? 0
                    : -Math.min(n.spec.maxSpeedMps() / 2, Math.sqrt(2 * ACCEL_MPS2 * Math.max(0, n.s - back)));
        } else {
            double limit = n.spec.path().length() + MARGIN_M;
            for (Map.Entry<Integer, double[]> e : n.intervals.entrySet()) {
                double start = e.getValue()[0];
                if (n.s < start && !d.mayEnter(e.getKey())) {
                    limit = Math.min(limit, start - MARGIN_M);
                }
            }
            double room = Math.max(0, limit - n.s);
            target = Math.min(n.spec.maxSpeedMps(), Math.min(Math.sqrt(2 * ACCEL_MPS2 * room), room / DT));
        }
        double step = ACCEL_MPS2 * DT;
        return Math.max(n.v - step, Math.min(n.v + step, target));
    }

    private void move(Node n) {
        double next = Math.max(0, Math.min(n.spec.path().length(), n.s + n.v * DT));
        Vec2 from = n.position();
        Vec2 to = n.spec.path().at(next);
        for (Node other : nodes.values()) {
            if (other == n) {
                continue;
            }
            Vec2 q = other.position();
            double after = to.distanceTo(q);
            if (after < SAFETY_DISTANCE_M + 0.05 && after < from.distanceTo(q)) {
                n.blocked = true;
                n.v = 0;
                return;
            }
        }
        n.blocked = false;
        n.s = next;
    }

    private void trackBlockedWait(Node n) {
        if (!n.blocked) {
            n.blockAlerted = false;
            n.blockedSince = -1;
            return;
        }
        if (n.blockedSince < 0) {
            n.blockedSince = tick;
        }
        if (!n.blockAlerted && (long) (tick - n.blockedSince) * TICK_MS >= WAIT_TIMEOUT_MS) {
            n.blockAlerted = true;
            n.guardAlerts++;
        }
    }

    private boolean insideAnyZone(Node n) {
        return n.intervals.values().stream().anyMatch(iv -> n.s >= iv[0] && n.s <= iv[1]);
    }

    private void publish(Node n, Intent intent) {
        n.lastPublish = tick;
        n.lastClaims = intent.claims();
        n.lastSentExpiry = intent.expiresAtMs();
        byte[] data = IntentCodec.encode(intent);
        for (Node to : nodes.values()) {
            if (to != n) {
                int delay = 1 + (setup.maxDelayTicks() == 0 ? 0 : random.nextInt(setup.maxDelayTicks() + 1));
                inFlight.add(new Message(tick + delay, sent++, n.spec.nodeId(), to.spec.nodeId(), data));
            }
        }
    }

    private void deliver() {
        List<Message> due = new ArrayList<>();
        inFlight.removeIf(m -> {
            if (m.deliverAt() <= tick) {
                due.add(m);
                return true;
            }
            return false;
        });
        due.sort((a, b) -> a.deliverAt() != b.deliverAt() ? Integer.compare(a.deliverAt(), b.deliverAt())
                : Long.compare(a.order(), b.order()));
        for (Message m : due) {
            Node to = nodes.get(m.to());
            if (to.dead || setup.partitioned(tick, m.from(), m.to())) {
                lost++;
                continue;
            }
            to.rightOfWay.peers().accept(m.from(), m.data(), (long) tick * TICK_MS);
        }
    }

    private double minSeparation() {
        double min = Double.POSITIVE_INFINITY;
        List<Node> all = new ArrayList<>(nodes.values());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                min = Math.min(min, all.get(i).position().distanceTo(all.get(j).position()));
            }
        }
        return min;
    }

    private void recordTick(long now) {
        ByteBuffer b = ByteBuffer.allocate(8 + nodes.size() * 20);
        b.putLong(now);
        for (Node n : nodes.values()) {
            b.putDouble(n.s).putDouble(n.v).putInt(n.manoeuvre.ordinal() | (n.dead ? 8 : 0) | (n.blocked ? 16 : 0));
        }
        digest.update(b.array());
    }

    private RowResult result(double minSeparation, long guardStops, boolean waitedForDead, int survivorEntered,
            int deadLeaseEnd) {
        Map<String, Integer> finish = new LinkedHashMap<>();
        Map<String, Long> alerts = new LinkedHashMap<>();
        List<String> deadlocked = new ArrayList<>();
        long yields = 0;
        long cycles = 0;
        long retreats = 0;
        long dropped = 0;
        for (Node n : nodes.values()) {
            finish.put(n.spec.nodeId(), n.finishedTick);
            long a = n.rightOfWay.alerts() + n.guardAlerts;
            alerts.put(n.spec.nodeId(), a);
            if (n.finishedTick < 0 && !n.dead && a == 0) {
                deadlocked.add(n.spec.nodeId());
            }
            yields += n.rightOfWay.yields();
            cycles += n.rightOfWay.cyclesBroken();
            retreats += n.retreats;
            dropped += n.drops.total();
        }
        String hex = HexFormat.of().formatHex(digest.digest(
                (finish + "|" + alerts + "|" + minSeparation).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return new RowResult(setup.scenario(), setup.seed(), minSeparation, SAFETY_DISTANCE_M, tick, guardStops,
                yields, cycles, retreats, finish, alerts, deadlocked, waitedForDead, survivorEntered, deadLeaseEnd,
                lost, dropped, hex);
    }
}
