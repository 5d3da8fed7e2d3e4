package io.lockstep.edge.safety;

import io.lockstep.edge.mission.HostInputs;
import io.lockstep.edge.mission.MissionExecutor;
import io.lockstep.edge.mission.MissionReporter;
import io.lockstep.edge.mission.MissionView;
import io.lockstep.edge.mission.StatusMessages;
import io.lockstep.platform.safety.Intervention;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Makes every safety-supervisor intervention visible twice: as a host event fed into the next tick
 * (so the mission journal records it and a replay reproduces what the agents saw), and as a status
 * update to C2 naming the intervention and carrying the counters per kind.
 */
public final class InterventionReporter implements Consumer<Intervention> {

    private static final Logger LOG = Logger.getLogger(InterventionReporter.class);
    /** Host event kind of a supervisor intervention; payload {@code KIND tick detail}, UTF-8. */
    public static final String EVENT_KIND = "intervention";

    private final SafetySupervisor supervisor;
    private final HostInputs hostInputs;
    private final MissionReporter reporter;
    private final MissionExecutor executor;

    public InterventionReporter(SafetySupervisor supervisor, HostInputs hostInputs, MissionReporter reporter,
            MissionExecutor executor) {
        this.supervisor = supervisor;
        this.hostInputs = hostInputs;
        this.reporter = reporter;
        this.executor = executor;
    }

    /** Registers with the supervisor. */
    public void install() {
        supervisor.addListener(this);
    }

    @Override
    public void accept(Intervention event) {
        String text = event.kind().name() + " at tick " + event.tick() + ": " + event.detail();
        LOG.warnf("safety intervention %s", text);
        hostInputs.hostEvent(EVENT_KIND, (event.kind().name() + " " + event.tick() + " " + event.detail())
                .getBytes(StandardCharsets.UTF_8));
        MissionView view = executor.view().orElse(new MissionView("", NodeMissionState.NODE_MISSION_STATE_UNSPECIFIED,
                "", -1, "", "", List.of(), 0, false, "CONTINUE", 0, 0));
        StatusUpdate base = StatusMessages.of(view, supervisor.counts());
        reporter.status(base.toBuilder().setDetail("safety intervention " + text).build());
    }
}
