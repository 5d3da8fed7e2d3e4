package io.lockstep.c2.approval;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.mission.FieldError;
import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.mission.MissionService;
import io.lockstep.c2.mission.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/** Starts simulations of missions and reads them back. */
@ApplicationScoped
public class SimulationService {

    public static final int MAX_NODES = 64;

    private final MissionService missions;
    private final SimulationRunner runner;
    private final SimulationStore store;
    private final Clock clock;
    private final C2Config config;

    public SimulationService(MissionService missions, SimulationRunner runner, SimulationStore store, Clock clock,
            C2Config config) {
        this.missions = missions;
        this.runner = runner;
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    /** @param nodes simulated fleet size; null: {@code lockstep.c2.approval.default-nodes} */
    public SimulationRecord start(String missionId, Integer nodes, String user) {
        int fleet = nodes == null ? config.approval().defaultNodes() : nodes;
        if (fleet < 1 || fleet > MAX_NODES) {
            throw new ValidationException(List.of(new FieldError("nodes", "must be between 1 and " + MAX_NODES
                    + ", was " + fleet)));
        }
        MissionRecord mission = missions.get(missionId);
        return runner.submit(mission, fleet, user);
    }

    public SimulationRecord get(String missionId, String simulationId) {
        missions.get(missionId);
        SimulationRecord record = store.find(missionId, simulationId).orElseThrow(() -> new ApprovalProblem(404,
                "unknown-simulation", "Unknown simulation", "mission " + missionId + " has no simulation " + simulationId));
        return settled(record);
    }

    public List<SimulationRecord> list(String missionId) {
        missions.get(missionId);
        return store.list(missionId).stream().map(this::settled).toList();
    }

    /** A simulation stored as queued or running that this process does not run was cut short by a C2 restart. */
    private SimulationRecord settled(SimulationRecord record) {
        if (record.state().finished() || runner.inFlight(record)) {
            return record;
        }
        // it may have finished between the read and the in-flight check: read it again before calling it cut short
        SimulationRecord again = store.find(record.missionId(), record.id()).orElse(record);
        if (again.state().finished() || runner.inFlight(again)) {
            return again;
        }
        SimulationRecord failed = record.failed(clock.instant(), "C2 stopped during the simulation; simulate again");
        store.save(failed);
        return failed;
    }
}
