package io.lockstep.c2.journal;

import io.lockstep.c2.mission.AgentSpec;
import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.module.Sha256;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.JournalException;
import io.lockstep.runtime.JournalReplayer;
import io.lockstep.runtime.ModuleRejectedException;
import io.lockstep.runtime.ReplayOptions;
import io.lockstep.runtime.engine.MissionSetup;
import io.lockstep.runtime.journal.JournalCodec;
import io.lockstep.runtime.journal.JournalReader;
import io.lockstep.runtime.journal.RawRecord;
import io.lockstep.runtime.journal.RecordType;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Replays an uploaded journal on C2 with the edge runtime's {@link JournalReplayer}, after checking that the
 * journal is this node's of this mission and that its agents run exactly the mission's modules (by SHA-256).
 * One replay at a time, on one worker thread: a replay re-executes the whole mission.
 */
@ApplicationScoped
public class JournalReplays {

    private final JournalStore store;
    private final Semaphore oneAtATime = new Semaphore(1);

    public JournalReplays(JournalStore store) {
        this.store = store;
    }

    /**
     * The verdict, or empty when another replay is running.
     *
     * @throws UnreplayableJournalException when the journal is unreadable or not the mission's
     */
    public Optional<JournalReplayVerdict> replay(JournalRecord journal, MissionRecord mission) {
        if (!oneAtATime.tryAcquire()) {
            return Optional.empty();
        }
        try {
            return Optional.of(store.withLocalFile(journal.key(), file -> {
                checkBelongs(file, journal, mission);
                return JournalReplayVerdict.of(journal, JournalReplayer.replay(file, ReplayOptions.defaults().withWorkers(1)));
            }));
        } catch (JournalException | ModuleRejectedException e) {
            throw new UnreplayableJournalException("the journal cannot be replayed: " + e.getMessage());
        } finally {
            oneAtATime.release();
        }
    }

    private static void checkBelongs(Path file, JournalRecord journal, MissionRecord mission) {
        List<RawRecord> records = JournalReader.read(file).records();
        if (records.isEmpty() || records.get(0).type() != RecordType.HEADER) {
            throw new UnreplayableJournalException("the journal has no header record");
        }
        MissionSetup setup = JournalCodec.header(records.get(0).payload());
        if (!setup.missionId().equals(journal.missionId()) || !setup.nodeId().equals(journal.nodeId())) {
            throw new UnreplayableJournalException("the journal is of mission " + quoted(setup.missionId())
                    + " on node " + quoted(setup.nodeId()) + ", not of this mission and node");
        }
        List<AgentSpec> agents = mission.spec().agents();
        if (setup.agents().size() != agents.size()) {
            throw new UnreplayableJournalException("the journal runs " + setup.agents().size()
                    + " agents, the mission has " + agents.size());
        }
        for (int i = 0; i < agents.size(); i++) {
            AgentDefinition journaled = setup.agents().get(i);
            String sha = Sha256.of(journaled.wasm());
            if (!journaled.name().equals(agents.get(i).name()) || !sha.equals(agents.get(i).module())) {
                throw new UnreplayableJournalException("agent " + (i + 1) + " of the journal (" + quoted(journaled.name())
                        + ", module " + sha + ") is not the mission's (" + agents.get(i).name() + ", module "
                        + agents.get(i).module() + ")");
            }
        }
    }

    private static String quoted(String s) {
        return io.lockstep.c2.api.LogText.quote(s);
    }
}
