package io.lockstep.edge.swarm;

import io.lockstep.edge.mission.LocalFrame;
import io.lockstep.platform.geometry.AxisAlignedRectangle;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.safety.SwarmDirective;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.runtime.TickInputs;
import io.lockstep.swarm.allocation.NodeIds;
import io.lockstep.swarm.rightofway.Intent;
import io.lockstep.swarm.rightofway.IntentCodec;
import io.lockstep.swarm.rightofway.IntentTable;
import io.lockstep.swarm.rightofway.Manoeuvre;
import io.lockstep.swarm.rightofway.NegotiationInbox;
import io.lockstep.swarm.rightofway.RightOfWay;
import io.lockstep.swarm.rightofway.RightOfWayConfig;
import io.lockstep.swarm.rightofway.RightOfWayDecision;
import io.lockstep.swarm.rightofway.SenderBinding;
import io.lockstep.swarm.rightofway.ZoneClaim;
import io.lockstep.swarm.separation.AnnouncedPeers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Right of way for one mission run, on the mission's tick thread (docs/right-of-way.md). Before each tick it
 * checks the peers' intents received since the last one (malformed, oversized, forged, replayed and expired
 * ones are counted and dropped), journals the accepted ones as the {@code swarm.intents} host event in sender
 * order, works out this node's claims (the zone under the vehicle and those its velocity takes it into within
 * its look-ahead), decides with {@link RightOfWay}, journals a changed decision ({@code swarm.right_of_way})
 * and a wait timeout ({@code swarm.right_of_way_alert}), hands the supervisor its {@link SwarmDirective} and the
 * peers' announced positions for its separation guard, and announces its own intent every
 * {@value #ANNOUNCE_MILLIS} ms and on every change of claims.
 *
 * <p>The separation guard decides from journaled inputs only: each accepted intent enters with its age by this
 * node's clock at that moment (part of the {@code swarm.intents} event) and from then on ages by the mission's tick
 * period ({@link AnnouncedPeers}), so a replay of the journal gives the guard the same peers at every tick.
 */
public final class RightOfWayCoordinator {

    private static final Logger LOG = Logger.getLogger(RightOfWayCoordinator.class);
    static final long ANNOUNCE_MILLIS = 200;
    /** Half the safety distance between vehicles: each vehicle's claims cover a disc of this radius. */
    static final double RADIUS_M = 1.5;
    static final double BRAKING_MPS2 = 3.0;
    static final double RETREAT_SPEED_MPS = 1.0;
    /** The look-ahead never assumes less than this speed, so claims do not shrink as a held vehicle slows. */
    static final double NOMINAL_SPEED_MPS = 5.0;
    /** Zones within this distance of the vehicle's disc are claimed whatever its heading. */
    static final double AROUND_M = 2.5;
    /** A peer announcing a position closer than this may be racing for the same zone. */
    static final double NEAR_M = 40.0;

    private final String self;
    private final SwarmChannel channel;
    private final SafetySupervisor supervisor;
    private final LongSupplier clockMillis;
    private final LocalFrame frame;
    private final ZoneGrid grid;
    private final RightOfWay rightOfWay;
    private final RightOfWayConfig config;
    private final int missionPriority;
    private final int payloadFlag;
    private final long tickPeriodMs;
    private final AnnouncedPeers announced;
    private long sequence;
    private long lastAnnounce = Long.MIN_VALUE;
    private List<ZoneClaim> lastClaims = List.of();
    private String lastDecision = Manoeuvre.GO + " waiting=";
    private Manoeuvre manoeuvre = Manoeuvre.GO;
    private volatile double minSeparationM = Double.POSITIVE_INFINITY;
    private double nearestPeerM = Double.POSITIVE_INFINITY;
    private Vec2 heading;

    public RightOfWayCoordinator(String self, SwarmChannel channel, SafetySupervisor supervisor, LocalFrame frame,
            int missionPriority, boolean carryingPayload, RightOfWayConfig config, long tickPeriodMs,
            LongSupplier clockMillis) {
        this.self = NodeIds.require(self);
        this.channel = channel;
        this.supervisor = supervisor;
        this.clockMillis = clockMillis;
        this.frame = frame;
        this.grid = new ZoneGrid(frame);
        this.config = config;
        this.rightOfWay = new RightOfWay(self, config,
                new IntentTable(self, config.maxPeers(), SenderBinding.KEY_CHUNK, channel.negotiationDrops()));
        this.missionPriority = Math.max(0, Math.min(255, missionPriority));
        this.payloadFlag = carryingPayload ? Intent.CARRYING_PAYLOAD : 0;
        this.tickPeriodMs = tickPeriodMs;
        this.announced = new AnnouncedPeers(config.maxPeers());
        // Above every sequence an earlier run of this node sent (peers refuse anything not above the last one).
        this.sequence = Math.max(0, clockMillis.getAsLong()) * 1_000;
    }

    /**
     * Adds this tick's right-of-way inputs and sets the supervisor's directive and separation peers.
     *
     * @param tick the tick about to run
     */
    public void beforeTick(TickInputs.Builder inputs, VehicleReadings readings, long tick) {
        long now = clockMillis.getAsLong();
        Map<String, RightOfWayEvents.Accepted> accepted = new TreeMap<>(NodeIds.ORDER);
        for (NegotiationInbox.Raw raw : channel.drainIntents()) {
            rightOfWay.peers().accept(raw.peerKey(), raw.data(), now).ifPresent(intent -> {
                long age = Math.max(0, Math.min(config.leaseMs(), now - intent.timeMs()));
                accepted.put(intent.nodeId(), new RightOfWayEvents.Accepted(raw.data(), age));
                announced.accept(intent, tick, age);
            });
        }
        if (!accepted.isEmpty()) {
            inputs.hostEvent(RightOfWayEvents.INTENTS, RightOfWayEvents.intents(List.copyOf(accepted.values())));
        }
        Vec2 position = readings.position();
        Vec2 velocity = readings.velocity();
        Map<Integer, ZoneGrid.Cell> cells = new TreeMap<>();
        ZoneGrid.Cell under = grid.cellAt(position);
        cells.put(under.zone(), under);
        List<Integer> ahead = new ArrayList<>();
        double speed = velocity.length();
        if (speed > 0.3) {
            heading = velocity.times(1.0 / speed);
        }
        if (manoeuvre != Manoeuvre.RETREAT) {
            Map<Integer, ZoneGrid.Cell> near = new java.util.LinkedHashMap<>();
            // Around the vehicle in every direction: a slow vehicle turning must not be inside a zone before it
            // has claimed it.
            grid.addCellsNear(position, RADIUS_M + AROUND_M, near);
            if (heading != null) {
                // Claims must not come and go with the speed (a held vehicle slows, drops its claim, speeds up,
                // claims again and settles again): the look-ahead assumes at least a nominal speed and keeps the
                // last heading while the vehicle stands. Braking distance, the distance covered while a new zone
                // settles, and the hold margin with the disc.
                double v = Math.max(speed, NOMINAL_SPEED_MPS);
                double lookAhead = v * v / (2 * BRAKING_MPS2) + v * config.settleMs() / 1000.0 + 4.0;
                for (double d = 0; d <= lookAhead && near.size() < Intent.MAX_CLAIMS; d += 1.0) {
                    grid.addCellsNear(position.plus(heading.times(d)), RADIUS_M, near);
                }
            }
            near.remove(under.zone());
            near.values().stream().limit(Intent.MAX_CLAIMS - 1).forEach(c -> {
                cells.put(c.zone(), c);
                ahead.add(c.zone());
            });
        }
        List<ZoneClaim> claims = rightOfWay.claims(List.of(under.zone()), ahead);
        double[] latLon = frame.toLatLon(position.x(), position.y());
        int flags = payloadFlag | (manoeuvre == Manoeuvre.HOLD ? Intent.HOLDING : 0)
                | (manoeuvre == Manoeuvre.RETREAT ? Intent.RETREATING : 0);
        Intent own = new Intent(self, ++sequence, now, now + config.leaseMs(), (int) Math.round(latLon[0] * 1e7),
                (int) Math.round(latLon[1] * 1e7), (int) Math.round(velocity.x() * 1000),
                (int) Math.round(velocity.y() * 1000), flags, missionPriority, claims);
        RightOfWayDecision decision = rightOfWay.decide(own, now);
        manoeuvre = decision.manoeuvre();
        trackSeparation(own);
        String text = RightOfWayEvents.decision(decision);
        if (!text.equals(lastDecision)) {
            lastDecision = text;
            inputs.hostEvent(RightOfWayEvents.DECISION, text.getBytes(StandardCharsets.UTF_8));
        }
        decision.alert().ifPresent(alert -> {
            LOG.warnf("right of way: %s", alert.describe());
            inputs.hostEvent(RightOfWayEvents.ALERT, RightOfWayEvents.alert(alert));
        });
        supervisor.setSwarmDirective(directive(decision, cells, position, under));
        supervisor.setSeparationPeers(announced.fixes(own, tick, tickPeriodMs,
                supervisor.separationConfig().maxAgeMs(), (lat, lon) -> frame.toLocal(lat / 1e7, lon / 1e7)));
        if (!claims.equals(lastClaims) || now - lastAnnounce >= ANNOUNCE_MILLIS) {
            lastAnnounce = now;
            lastClaims = claims;
            channel.publishIntent(IntentCodec.encode(own));
        }
    }

    private SwarmDirective directive(RightOfWayDecision d, Map<Integer, ZoneGrid.Cell> cells, Vec2 position,
            ZoneGrid.Cell under) {
        String why = d.waitingFor().isEmpty() ? "zone not settled yet" : "right of way of " + String.join(", ",
                d.waitingFor());
        return switch (d.manoeuvre()) {
            case GO -> SwarmDirective.NONE;
            case RETREAT -> {
                // Away from the nearest node it gives way to (its announced position), else from the cell's centre.
                Vec2 from = nearestOf(d.waitingFor(), position);
                if (from == null) {
                    AxisAlignedRectangle cell = grid.rectangle(under, 0);
                    from = cell.min().plus(cell.max()).times(0.5);
                }
                Vec2 away = position.minus(from);
                Vec2 velocity = away.length() < 1e-6 ? Vec2.ZERO : away.normalized().times(RETREAT_SPEED_MPS);
                yield SwarmDirective.retreat(velocity, why);
            }
            case HOLD -> {
                // Another node's zones are kept out. A zone of this node's that is still settling is kept out too,
                // but only with a peer near enough to be racing for it: a vehicle turning in open space does
                // not stop for a claim nobody else can contest.
                boolean peerNear = nearestPeerM < NEAR_M;
                List<AxisAlignedRectangle> keepOut = new ArrayList<>();
                cells.values().stream().filter(c -> c.zone() != under.zone()
                        && (d.othersZones().contains(c.zone()) || peerNear && !d.mayEnter(c.zone())))
                        .forEach(c -> keepOut.add(grid.rectangle(c, RADIUS_M)));
                yield keepOut.isEmpty() ? SwarmDirective.NONE : SwarmDirective.hold(keepOut, why);
            }
        };
    }

    private Vec2 nearestOf(List<String> nodes, Vec2 position) {
        Vec2 best = null;
        for (Intent peer : rightOfWay.peers().live()) {
            if (nodes.contains(peer.nodeId())) {
                double[] p = frame.toLocal(peer.latE7() / 1e7, peer.lonE7() / 1e7);
                Vec2 at = new Vec2(p[0], p[1]);
                if (best == null || at.distanceTo(position) < best.distanceTo(position)) {
                    best = at;
                }
            }
        }
        return best;
    }

    /** The smallest distance to a peer's last announced position (for the demo and the debug port). */
    private void trackSeparation(Intent own) {
        double[] mine = frame.toLocal(own.latE7() / 1e7, own.lonE7() / 1e7);
        nearestPeerM = Double.POSITIVE_INFINITY;
        for (Intent peer : rightOfWay.peers().live()) {
            double[] theirs = frame.toLocal(peer.latE7() / 1e7, peer.lonE7() / 1e7);
            double d = Math.hypot(mine[0] - theirs[0], mine[1] - theirs[1]);
            nearestPeerM = Math.min(nearestPeerM, d);
            if (d < minSeparationM) {
                minSeparationM = d;
            }
        }
    }

    /** Hands the vehicle back to the agents and the safety rules. */
    public void stop() {
        supervisor.setSwarmDirective(SwarmDirective.NONE);
        supervisor.setSeparationPeers(List.of());
    }

    public long yields() {
        return rightOfWay.yields();
    }

    public long alerts() {
        return rightOfWay.alerts();
    }

    public double minSeparationM() {
        return minSeparationM;
    }

    public Manoeuvre manoeuvre() {
        return manoeuvre;
    }
}
