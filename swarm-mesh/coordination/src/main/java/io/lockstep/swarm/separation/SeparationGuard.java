package io.lockstep.swarm.separation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Keeps a vehicle at the safety distance from its peers, from what they announced (docs/right-of-way.md,
 * "Separation guard"). Each peer's announced position is moved on by its announced velocity over the
 * announcement's age; around it lies a guard disc of the safety distance, a margin for position noise and how far
 * the peer can have strayed from that line by accelerating ({@link SeparationConfig#guardDistanceM}).
 * Announcements older than the maximum age are ignored.
 * <ol>
 *   <li><b>Give way.</b> Near a peer that goes first in the right-of-way order (within the yield range of its
 *       disc) while it comes towards this vehicle or this vehicle's command heads into it, the command is
 *       replaced by a step aside: out of the peer's path when it moves, else around it on the side the command
 *       leans to (the right when it heads straight in). The peer, which goes first, is only slowed, so of two
 *       vehicles that block each other exactly one moves out of the way: no deadlock.</li>
 *   <li><b>Hold.</b> For every peer, the part of the velocity closing in on its disc is limited to what stops
 *       within half the gap (the peer does the same with the other half); inside a disc the vehicle must move
 *       out. The part along the disc passes, so a vehicle slides around a peer.</li>
 * </ol>
 * Deterministic: peers are taken in the order given (node id order), ties go to the first.
 */
public final class SeparationGuard {

    /** Below this a speed counts as standing still. */
    static final double MOVING_MPS = 0.1;
    /** Rounds of limiting against every peer; the last but one starts again from standstill. */
    static final int MAX_PASSES = 8;

    private final SeparationConfig config;

    public SeparationGuard(SeparationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public SeparationConfig config() {
        return config;
    }

    /** One peer within reach: unit vector from its extrapolated position to this vehicle, distance, guard. */
    private record Near(PeerFix peer, double nx, double ny, double distance, double guard) {
        double gap() {
            return distance - guard;
        }
    }

    /**
     * @param x this vehicle's position, east (same frame as the fixes)
     * @param y north
     * @param vx the commanded velocity, east
     * @param vy north
     * @param peers the peers' fixes in node id order
     * @param reactionSeconds time before a command takes effect, covered at full speed before braking
     */
    public GuardVerdict apply(double x, double y, double vx, double vy, List<PeerFix> peers, double reactionSeconds) {
        List<Near> near = new ArrayList<>();
        for (PeerFix p : peers) {
            if (p.ageMs() <= config.maxAgeMs()) {
                near.add(near(p, x, y));
            }
        }
        GuardVerdict.Action action = GuardVerdict.Action.PASS;
        Near actedFor = null;
        String detail = "";
        Near yieldTo = giveWayTo(near, vx, vy);
        if (yieldTo != null) {
            double[] w = stepAsideDirection(yieldTo, vx, vy);
            vx = w[0] * config.sidestepSpeedMps();
            vy = w[1] * config.sidestepSpeedMps();
            action = GuardVerdict.Action.STEP_ASIDE;
            actedFor = yieldTo;
            detail = String.format(Locale.ROOT, "separation: giving way to %s (goes first), %.2f m from its position "
                    + "announced %d ms ago (guard %.2f m): stepping aside at %.2f m/s", yieldTo.peer().nodeId(),
                    yieldTo.distance(), yieldTo.peer().ageMs(), yieldTo.guard(), config.sidestepSpeedMps());
        }
        // Every peer's limit is a half-plane of velocities; limiting against one can break another's (a vehicle
        // between two peers), so the limits are applied in turn until all hold, and failing that from standstill.
        double[] v = {vx, vy};
        Near held = null;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            Near worst = limit(near, v, reactionSeconds);
            if (worst == null) {
                break;
            }
            if (held == null || worst.gap() < held.gap()) {
                held = worst;
            }
            if (pass == MAX_PASSES - 2) {
                v[0] = 0.0;
                v[1] = 0.0;
            }
        }
        if (held != null) {
            double closing = -(vx * held.nx() + vy * held.ny());
            vx = v[0];
            vy = v[1];
            if (action == GuardVerdict.Action.PASS) {
                action = GuardVerdict.Action.HOLD;
                actedFor = held;
                detail = String.format(Locale.ROOT, "separation from %s: %.2f m from its position announced %d ms "
                        + "ago (guard %.2f m), closing %.2f -> %.2f m/s", held.peer().nodeId(), held.distance(),
                        held.peer().ageMs(), held.guard(), closing, -(vx * held.nx() + vy * held.ny()));
            }
        }
        if (actedFor == null) {
            return new GuardVerdict(vx, vy, action, "", Double.NaN, Double.NaN, "");
        }
        return new GuardVerdict(vx, vy, action, actedFor.peer().nodeId(), actedFor.distance(), actedFor.guard(),
                detail);
    }

    /**
     * Limits {@code v} in place against each peer in turn; returns the peer with the smallest gap whose limit had
     * to be applied (null when every limit already held).
     */
    private Near limit(List<Near> near, double[] v, double reactionSeconds) {
        Near worst = null;
        for (Near n : near) {
            double closing = -(v[0] * n.nx() + v[1] * n.ny());
            double gap = n.gap();
            double allowed = gap > 0.0 ? maxSpeedToStopWithin(gap / 2.0, config.brakingMps2(), reactionSeconds)
                    : -Math.min(config.maxPushOutMps(), config.pushOutPerSecond() * -gap);
            if (closing > allowed + 1e-9) {
                v[0] += n.nx() * (closing - allowed);
                v[1] += n.ny() * (closing - allowed);
                if (worst == null || gap < worst.gap()) {
                    worst = n;
                }
            }
        }
        return worst;
    }

    private Near near(PeerFix p, double x, double y) {
        double dx = x - p.predictedX();
        double dy = y - p.predictedY();
        double d = Math.hypot(dx, dy);
        if (d < 1e-9) {
            // On top of the extrapolated position: away from where it announced itself, else east.
            dx = x - p.xM();
            dy = y - p.yM();
            double a = Math.hypot(dx, dy);
            dx = a < 1e-9 ? 1.0 : dx / a;
            dy = a < 1e-9 ? 0.0 : dy / a;
        } else {
            dx /= d;
            dy /= d;
        }
        return new Near(p, dx, dy, d, config.guardDistanceM(p.ageMs()));
    }

    /** The nearest peer that goes first and with which this vehicle is in a standoff, or null. */
    private Near giveWayTo(List<Near> near, double vx, double vy) {
        Near best = null;
        for (Near n : near) {
            if (!n.peer().goesFirst() || n.gap() >= config.yieldRangeM()) {
                continue;
            }
            boolean peerComes = n.peer().vxMps() * n.nx() + n.peer().vyMps() * n.ny() > MOVING_MPS;
            boolean headingIn = -(vx * n.nx() + vy * n.ny()) > MOVING_MPS;
            if ((peerComes || headingIn) && (best == null || n.gap() < best.gap())) {
                best = n;
            }
        }
        return best;
    }

    /**
     * Out of a moving peer's path (to the side this vehicle is on, its right when dead ahead); around a standing
     * one on the side the command leans to (the right of heading straight in).
     */
    private static double[] stepAsideDirection(Near n, double vx, double vy) {
        double ux = n.peer().vxMps();
        double uy = n.peer().vyMps();
        double speed = Math.hypot(ux, uy);
        if (speed > MOVING_MPS && ux * n.nx() + uy * n.ny() > MOVING_MPS) {
            ux /= speed;
            uy /= speed;
            double along = n.nx() * ux + n.ny() * uy;
            double wx = n.nx() - along * ux;
            double wy = n.ny() - along * uy;
            double w = Math.hypot(wx, wy);
            return w < 0.2 ? new double[] {uy, -ux} : new double[] {wx / w, wy / w};
        }
        double inward = vx * n.nx() + vy * n.ny();
        double tx = vx - inward * n.nx();
        double ty = vy - inward * n.ny();
        double t = Math.hypot(tx, ty);
        if (t < 0.2 * Math.hypot(vx, vy)) {
            return new double[] {-n.ny(), n.nx()}; // the right of heading in, along -n
        }
        return new double[] {tx / t, ty / t};
    }

    /**
     * The highest speed from which a vehicle still stops within {@code distanceM} when it first keeps going for
     * {@code reactionSeconds} and then brakes at {@code decelerationMps2}: the positive root of
     * {@code v*t + v^2/(2a) = d}.
     */
    public static double maxSpeedToStopWithin(double distanceM, double decelerationMps2, double reactionSeconds) {
        if (distanceM <= 0.0) {
            return 0.0;
        }
        double a = decelerationMps2;
        double t = reactionSeconds;
        return a * (Math.sqrt(t * t + 2.0 * distanceM / a) - t);
    }
}
