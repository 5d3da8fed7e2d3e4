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
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * <p>Only the rare, urgent kinds ({@link #IMMEDIATE}: e-stop, dead-man, battery and return to base) go out at once.
 * Every other kind acts on the commands tick after tick (a vehicle nudging an obstacle, backing out of a peer's zone
 * for right of way, held off a hazard's edge) and is sent at most once per second per kind: each status update costs
 * an fsync on the tick thread, and one every other tick slowed a node that started next to its neighbour to a third
 * of its tick rate. None is lost from view: the counters in the next update include every event, and the journal
 * has each one.
 */
public final class InterventionReporter implements Consumer<Intervention> {

    private static final Logger LOG = Logger.getLogger(InterventionReporter.class);
    /** Host event kind of a supervisor intervention; payload {@code KIND tick detail}, UTF-8. */
    public static final String EVENT_KIND = "intervention";
    static final long MIN_REPORT_INTERVAL_MILLIS = 1_000;
    /** The kinds reported the moment they happen; the others at most once per {@link #MIN_REPORT_INTERVAL_MILLIS}. */
    static final Set<InterventionKind> IMMEDIATE = Collections.unmodifiableSet(EnumSet.of(InterventionKind.ESTOP,
            InterventionKind.DEADMAN_STOP, InterventionKind.BATTERY_RTB, InterventionKind.RETURN_TO_BASE));

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
        if (IMMEDIATE.contains(kind)) {
            return true;
        }
        long now = clockMillis.getAsLong();
        Long last = lastReported.get(kind);
        // A clock stepped back (NTP on a vehicle computer without a real-time clock) reports at once rather than
        // staying silent until the clock has caught up with the last report.
        if (last != null && now >= last && now - last < MIN_REPORT_INTERVAL_MILLIS) {
            return false;
        }
        lastReported.put(kind, now);
        return true;
    }
}
