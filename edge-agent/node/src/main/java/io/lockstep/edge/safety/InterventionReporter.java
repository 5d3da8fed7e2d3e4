package io.lockstep.edge.safety;

import io.lockstep.edge.mission.HostInputs;
import io.lockstep.edge.mission.MissionReporter;
import io.lockstep.edge.mission.MissionView;
import io.lockstep.edge.mission.StatusMessages;
import io.lockstep.platform.safety.Intervention;
import io.lockstep.platform.safety.InterventionKind;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.proto.v1.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Makes every safety-supervisor intervention visible twice: as a host event fed into the next tick
 * (so the mission journal records it and a replay reproduces what the agents saw), and as a status
 * update to C2 naming the intervention and carrying the counters per kind (for the current or last
 * mission).
 *
 * <p>Status updates for the frequent kinds (geofence, obstacle, separation) are sent at most once per second per
 * kind: each one costs an fsync on the tick thread, and a vehicle nudging an obstacle can start a
 * new intervention every few ticks. None is lost from view: the counters in the next update include
 * every event, and the journal has each one. E-stop, dead-man and battery events always go out at once.
 */
public final class InterventionReporter implements Consumer<Intervention> {

    private static final Logger LOG = Logger.getLogger(InterventionReporter.class);
    /** Host event kind of a supervisor intervention; payload {@code KIND tick detail}, UTF-8. */
    public static final String EVENT_KIND = "intervention";
    static final long MIN_REPORT_INTERVAL_MILLIS = 1_000;

    private final SafetySupervisor supervisor;
    private final HostInputs hostInputs;
    private final MissionReporter reporter;
    private final Supplier<Optional<MissionView>> currentMission;
    private final LongSupplier clockMillis;
    private final Map<InterventionKind, Long> lastReported = new EnumMap<>(InterventionKind.class);

    public InterventionReporter(SafetySupervisor supervisor, HostInputs hostInputs, MissionReporter reporter,
            Supplier<Optional<MissionView>> currentMission, LongSupplier clockMillis) {
        this.supervisor = supervisor;
        this.hostInputs = hostInputs;
        this.reporter = reporter;
        this.currentMission = currentMission;
        this.clockMillis = clockMillis;
    }

    /** Registers with the supervisor. */
    public void install() {
        supervisor.addListener(this);
    }

    @Override
    public void accept(Intervention event) {
        String text = event.kind().name() + " at tick " + event.tick() + ": " + event.detail();
        hostInputs.hostEvent(EVENT_KIND, (event.kind().name() + " " + event.tick() + " " + event.detail())
                .getBytes(StandardCharsets.UTF_8));
        if (!dueForReport(event.kind())) {
            LOG.debugf("safety intervention %s", text);
            return;
        }
        LOG.warnf("safety intervention %s", text);
        // StatusUpdate is per mission: before the first mission the counters are on the debug port only.
        Optional<MissionView> view = currentMission.get();
        if (view.isPresent()) {
            StatusUpdate base = StatusMessages.of(view.get(), supervisor.counts());
            reporter.status(base.toBuilder().setDetail("safety intervention " + text).build());
        }
    }

    private synchronized boolean dueForReport(InterventionKind kind) {
        if (kind != InterventionKind.GEOFENCE_CLAMP && kind != InterventionKind.OBSTACLE_STOP
                && kind != InterventionKind.SEPARATION_HOLD) {
            return true;
        }
        long now = clockMillis.getAsLong();
        Long last = lastReported.get(kind);
        if (last != null && now - last < MIN_REPORT_INTERVAL_MILLIS) {
            return false;
        }
        lastReported.put(kind, now);
        return true;
    }
}
