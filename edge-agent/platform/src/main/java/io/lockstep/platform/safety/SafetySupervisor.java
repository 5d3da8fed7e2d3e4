package io.lockstep.platform.safety;

import io.lockstep.platform.geometry.Polygon;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.vehicle.Vehicle;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.swarm.separation.GuardVerdict;
import io.lockstep.swarm.separation.PeerFix;
import io.lockstep.swarm.separation.SeparationConfig;
import io.lockstep.swarm.separation.SeparationGuard;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The always-on safety layer between the agents and the vehicle: every actuator command goes through
 * {@link #apply}, which sends the (possibly overridden) velocity to the vehicle. Priority: safety over swarm
 * over mission, so these rules win over whatever the agents ask, in this order (the swarm's right of way,
 * {@link SwarmRightOfWayRule}, filters the agents' request first, so every safety rule below still applies to
 * its result):
 * <ol>
 *   <li><b>E-stop latch</b> ({@link InterventionKind#ESTOP}): engaged by C2, the local debug port or a mesh
 *       peer; zero velocity until a commander (C2 or the local debug port) clears it.</li>
 *   <li><b>Battery reserve</b> ({@link InterventionKind#BATTERY_RTB}): below the reserve fraction the
 *       supervisor ignores the agents and steers to base (latched until {@link #cancelReturnToBase()}).
 *       The node can start the same return for its own reasons with {@link #beginReturnToBase(String)}
 *       ({@link InterventionKind#RETURN_TO_BASE}).</li>
 *   <li><b>Separation from peers</b> ({@link InterventionKind#SEPARATION_HOLD}): the part of a command (the agents'
 *       after right of way, or the return to base) that would bring the vehicle within the safety distance of a
 *       peer's announced position is limited, and of two vehicles that block each other the one lower in the
 *       right-of-way order steps aside ({@link SeparationGuard}). Swarm knowledge, like the peers' hazards: it
 *       overrides the agents, and the safety rules below still have the last word.</li>
 *   <li><b>Geofence</b> ({@link InterventionKind#GEOFENCE_CLAMP}): a command that would take the vehicle out
 *       of the mission polygon within its reaction time and braking distance is slowed to stop at the boundary.
 *       Not applied while returning to base (the base may lie outside the mission area).</li>
 *   <li><b>Peers' hazards</b> ({@link InterventionKind#HAZARD_KEEP_OUT}): the part of a command that closes in
 *       on a live hazard a peer reported is limited so the vehicle stops at its edge ({@link HazardKeepOut}).
 *       Swarm knowledge: it overrides the agents, and the vehicle's own sensors (next rule) override it.</li>
 *   <li><b>Obstacle reflex</b> ({@link InterventionKind#OBSTACLE_STOP}): stop before coming closer than the
 *       stop distance to an obstacle in the direction of travel. Applied last, so the vehicle's own sensors
 *       have the final word: safety over swarm over mission (docs/hazards.md).</li>
 *   <li><b>Dead-man's switch</b> ({@link InterventionKind#DEADMAN_STOP}): a {@link DeadmanWatchdog} on its own
 *       thread stops the vehicle when the tick loop stalls.</li>
 * </ol>
 * Each rule reports an {@link Intervention} when it starts acting; while it keeps acting on consecutive ticks
 * no new event is raised (the decision's {@code overridden} flag still says so every tick), so a vehicle
 * pressing against the fence does not flood the journal. Counters count these events by kind.
 *
 * <p>Thread-safe: e-stop and dead-man calls come from other threads than the tick loop.
 */
public final class SafetySupervisor {

    private static final int RECENT_LIMIT = 256;

    private final Vehicle vehicle;
    private final SafetyConfig config;
    private final GeofenceRule geofenceRule;
    private final ObstacleReflex obstacleReflex;
    private final ReturnToBase returnToBase;
    private final SwarmRightOfWayRule swarmRule;
    private final HazardKeepOut hazardKeepOut;
    private final SeparationGuard separationGuard;
    private volatile Supplier<List<KeepOutZone>> keepOutZones = List::of;
    private final List<Consumer<Intervention>> listeners = new CopyOnWriteArrayList<>();

    private final Map<InterventionKind, Long> counts = new EnumMap<>(InterventionKind.class);
    private final Deque<Intervention> recent = new ArrayDeque<>();
    private final Set<InterventionKind> actingLastTick = EnumSet.noneOf(InterventionKind.class);

    private Polygon geofence;
    private SwarmDirective swarmDirective = SwarmDirective.NONE;
    private List<PeerFix> peers = List.of();
    /**
     * Set and read without the lock: an e-stop (a peer's, over the mesh's receive thread) must not wait for a tick's
     * decision in progress, nor for another thread of normal priority that holds the lock and is waiting for a core
     * (on a busy machine that held peers' stops up to 8 ms; docs/hazards.md). {@link #apply} stops the vehicle again
     * after its command when the latch came meanwhile, so the stop stands.
     */
    private final AtomicBoolean estopLatched = new AtomicBoolean();
    private boolean returningToBase;
    private volatile long lastTick;

    /**
     * @param vehicle the vehicle every command is sent to
     * @param config rule tuning
     * @param base where the battery-reserve rule returns to (local frame)
     */
    public SafetySupervisor(Vehicle vehicle, SafetyConfig config, Vec2 base) {
        this.vehicle = Objects.requireNonNull(vehicle, "vehicle");
        this.config = Objects.requireNonNull(config, "config");
        if (!base.isFinite()) {
            throw new IllegalArgumentException("base must be finite, got " + base);
        }
        this.geofenceRule = new GeofenceRule(config.brakingDecelerationMps2());
        this.obstacleReflex = new ObstacleReflex(config.obstacleStopDistanceM(), config.obstacleConeHalfAngleRad(),
                config.brakingDecelerationMps2());
        this.returnToBase = new ReturnToBase(base, config.returnSpeedMps(), config.baseArrivalRadiusM(),
                config.brakingDecelerationMps2());
        this.swarmRule = new SwarmRightOfWayRule(config.brakingDecelerationMps2());
        this.hazardKeepOut = new HazardKeepOut(config.brakingDecelerationMps2());
        this.separationGuard = new SeparationGuard(SeparationConfig.defaults(config.brakingDecelerationMps2()));
        for (InterventionKind kind : InterventionKind.values()) {
            counts.put(kind, 0L);
        }
    }

    /**
     * Where the keep-out zones of peers' hazards come from; asked once per {@link #apply} (so it must be cheap
     * and return an immutable list).
     */
    public void setKeepOutZones(Supplier<List<KeepOutZone>> zones) {
        this.keepOutZones = Objects.requireNonNull(zones, "zones");
    }

    /** Sets the mission geofence (local frame), or removes it with {@code null}. */
    public synchronized void setGeofence(Polygon fence) {
        this.geofence = fence;
    }

    /** Sets what the swarm's right of way asks (applied under the safety rules, over the agents). */
    public synchronized void setSwarmDirective(SwarmDirective directive) {
        this.swarmDirective = Objects.requireNonNull(directive, "directive");
    }

    /**
     * Sets the peers' announced positions for the separation guard, aged to the coming {@link #apply} (node id
     * order; empty without peers).
     */
    public synchronized void setSeparationPeers(List<PeerFix> fixes) {
        this.peers = List.copyOf(fixes);
    }

    /** The peers the separation guard uses now. */
    public synchronized List<PeerFix> separationPeers() {
        return peers;
    }

    /** The separation guard's tuning (the safety distance it keeps). */
    public SeparationConfig separationConfig() {
        return separationGuard.config();
    }

    /**
     * Filters one tick's velocity request and sends the result to the vehicle.
     *
     * @param tick the tick number
     * @param requested the velocity the agents asked for, {@link Vec2#ZERO} when they asked for none; a
     *        non-finite request is treated as zero
     * @param readings this tick's sensor readings (position, battery, ranges)
     * @param dtSeconds the tick period
     */
    public SupervisorDecision apply(long tick, Vec2 requested, VehicleReadings readings, double dtSeconds) {
        SupervisorDecision decision;
        synchronized (this) {
            decision = decide(tick, requested, readings, dtSeconds);
            vehicle.commandVelocity(decision.velocity());
        }
        if (estopLatched.get()) {
            vehicle.stop(); // latched while this tick decided: its command must not outlive the e-stop's stop
        }
        notifyListeners(decision.interventions());
        return decision;
    }

    private SupervisorDecision decide(long tick, Vec2 requested, VehicleReadings readings, double dtSeconds) {
        lastTick = tick;
        Vec2 request = requested.isFinite() ? requested : Vec2.ZERO;
        double reactionSeconds = config.reactionTicks() * dtSeconds;
        List<Intervention> started = new ArrayList<>();
        Set<InterventionKind> actingNow = EnumSet.noneOf(InterventionKind.class);
        Vec2 velocity = request;

        if (estopLatched.get()) {
            velocity = Vec2.ZERO;
        } else {
            if (!returningToBase && readings.batteryFraction() < config.batteryReserveFraction()) {
                returningToBase = true;
                started.add(record(InterventionKind.BATTERY_RTB, tick, String.format(Locale.ROOT,
                        "battery %.3f below reserve %.3f: returning to base (%.1f, %.1f)",
                        readings.batteryFraction(), config.batteryReserveFraction(),
                        returnToBase.base().x(), returnToBase.base().y())));
            }
            if (!returningToBase) {
                velocity = applyRule(InterventionKind.SWARM_YIELD, tick, swarmRule.apply(swarmDirective,
                        readings.position(), velocity, reactionSeconds), actingNow, started);
            }
            if (returningToBase) {
                velocity = returnToBase.velocityFrom(readings.position(), reactionSeconds);
            }
            velocity = applyRule(InterventionKind.SEPARATION_HOLD, tick,
                    separation(readings.position(), velocity, reactionSeconds), actingNow, started);
            if (!returningToBase && geofence != null) {
                velocity = applyRule(InterventionKind.GEOFENCE_CLAMP, tick,
                        geofenceRule.apply(geofence, readings.position(), velocity, reactionSeconds),
                        actingNow, started);
            }
            velocity = applyRule(InterventionKind.HAZARD_KEEP_OUT, tick,
                    hazardKeepOut.apply(keepOutZones.get(), readings.position(), velocity, reactionSeconds),
                    actingNow, started);
            velocity = applyRule(InterventionKind.OBSTACLE_STOP, tick,
                    obstacleReflex.apply(readings, velocity, reactionSeconds), actingNow, started);
        }
        actingLastTick.clear();
        actingLastTick.addAll(actingNow);
        return new SupervisorDecision(velocity, !velocity.equals(request), started);
    }

    private RuleResult separation(Vec2 position, Vec2 velocity, double reactionSeconds) {
        if (peers.isEmpty()) {
            return RuleResult.unchanged(velocity);
        }
        GuardVerdict v = separationGuard.apply(position.x(), position.y(), velocity.x(), velocity.y(), peers,
                reactionSeconds);
        return v.acted() ? RuleResult.changed(new Vec2(v.vxMps(), v.vyMps()), v.detail())
                : RuleResult.unchanged(velocity);
    }

    /** Latches the e-stop and stops the vehicle at once. Engaging an already latched e-stop is not a new event. */
    public void engageEmergencyStop(EstopSource source, String reason) {
        engageEmergencyStop(source, reason, latched -> { });
    }

    /**
     * Latches the e-stop and stops the vehicle at once, then runs {@code beforeListeners} on this thread with the new
     * latch's event (null when the e-stop was latched already), and only then the listeners. For work that must not
     * wait for the listeners (they persist the latch, with a disk sync): a mesh relaying a peer's stop to the others.
     */
    public void engageEmergencyStop(EstopSource source, String reason, Consumer<Intervention> beforeListeners) {
        Objects.requireNonNull(beforeListeners, "beforeListeners");
        boolean latchedNow = estopLatched.compareAndSet(false, true);
        vehicle.stop();
        Intervention event = latchedNow
                ? new Intervention(InterventionKind.ESTOP, lastTick, "e-stop latched by " + source + ": " + reason)
                : null;
        try {
            beforeListeners.accept(event);
        } finally {
            if (event != null) {
                synchronized (this) {
                    count(event);
                }
                notifyListeners(List.of(event));
            }
        }
    }

    /**
     * Releases the e-stop latch.
     *
     * @return false (latch kept) when {@code source} is not a commander ({@link EstopSource#canClear()})
     */
    public synchronized boolean clearEmergencyStop(EstopSource source) {
        if (!source.canClear()) {
            return false;
        }
        estopLatched.set(false);
        return true;
    }

    public boolean isEmergencyStopLatched() {
        return estopLatched.get();
    }

    public synchronized boolean isReturningToBase() {
        return returningToBase;
    }

    /**
     * Starts a return to base for a reason of the caller's (e.g. the link-loss policy): from the next
     * {@link #apply} on, the supervisor ignores the agents and steers to base exactly as for a low battery
     * (no geofence, obstacle reflex still on), until {@link #cancelReturnToBase()}. The e-stop still wins.
     *
     * @return true when this started a return; false when one was already under way (then nothing changes,
     *         and the caller should not cancel a return it did not start)
     */
    public boolean beginReturnToBase(String reason) {
        Intervention event;
        synchronized (this) {
            if (returningToBase) {
                return false;
            }
            returningToBase = true;
            event = record(InterventionKind.RETURN_TO_BASE, lastTick, String.format(Locale.ROOT,
                    "%s: returning to base (%.1f, %.1f)", Objects.requireNonNull(reason, "reason"),
                    returnToBase.base().x(), returnToBase.base().y()));
        }
        notifyListeners(List.of(event));
        return true;
    }

    /** Hands control back to the agents after a return to base (e.g. a recharged vehicle starting a mission). */
    public synchronized void cancelReturnToBase() {
        returningToBase = false;
    }

    /** Called by the {@link DeadmanWatchdog} (on its own thread) when the tick loop has stalled. */
    public void deadmanTripped(String detail) {
        Intervention event;
        synchronized (this) {
            event = record(InterventionKind.DEADMAN_STOP, lastTick, detail);
            vehicle.stop();
        }
        notifyListeners(List.of(event));
    }

    /** Events so far, by kind (every kind present, zero when it never acted). */
    public synchronized Map<InterventionKind, Long> counts() {
        return Map.copyOf(counts);
    }

    /**
     * The most recent events, oldest first (at most 256). An e-stop's event is added just after its latch (once the
     * latching thread's work before the listeners is done), so a thread that sees the latch may not see it yet.
     */
    public synchronized List<Intervention> recentInterventions() {
        return List.copyOf(recent);
    }

    /** Registers a callback for every new event; called on the thread that raised it, outside the lock. */
    public void addListener(Consumer<Intervention> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private Vec2 applyRule(InterventionKind kind, long tick, RuleResult result, Set<InterventionKind> actingNow,
            List<Intervention> started) {
        if (result.acted()) {
            actingNow.add(kind);
            if (!actingLastTick.contains(kind)) {
                started.add(record(kind, tick, result.detail()));
            }
        }
        return result.velocity();
    }

    private Intervention record(InterventionKind kind, long tick, String detail) {
        Intervention event = new Intervention(kind, tick, detail);
        count(event);
        return event;
    }

    private void count(Intervention event) {
        InterventionKind kind = event.kind();
        counts.merge(kind, 1L, Long::sum);
        recent.addLast(event);
        if (recent.size() > RECENT_LIMIT) {
            recent.removeFirst();
        }
    }

    private void notifyListeners(List<Intervention> events) {
        for (Intervention event : events) {
            for (Consumer<Intervention> listener : listeners) {
                listener.accept(event);
            }
        }
    }
}
