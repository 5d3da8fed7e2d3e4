package io.lockstep.runtime;

import io.lockstep.runtime.engine.AgentDigest;
import io.lockstep.runtime.engine.TickOutcome;
import io.lockstep.runtime.host.JournaledInference;
import io.lockstep.runtime.journal.TickRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Compares a re-executed tick with its journaled result and names the first agent and component that differ. */
final class TickVerifier {

    /** Where a tick diverged: the agent (empty when not agent-specific) and what differed. */
    record Divergence(long tick, String agent, String detail) {
    }

    private TickVerifier() {
    }

    static Optional<Divergence> compare(TickRecord journal, TickOutcome replay, List<String> agents,
                                        JournaledInference inference) {
        long tick = journal.tick();
        Optional<String> inferenceProblem = inference.divergence();
        if (journal.digests().size() != replay.digests().size()) {
            return Optional.of(new Divergence(tick, "", "journal has " + journal.digests().size()
                    + " agents, replay has " + replay.digests().size()));
        }
        for (int i = 0; i < journal.digests().size(); i++) {
            AgentDigest j = journal.digests().get(i);
            AgentDigest r = replay.digests().get(i);
            String diff = j.differences(r);
            if (!diff.isEmpty()) {
                return Optional.of(new Divergence(tick, agents.get(i), diff));
            }
        }
        if (inferenceProblem.isPresent()) {
            return Optional.of(new Divergence(tick, "", inferenceProblem.get()));
        }
        if (journal.outputsDigest() != replay.outputsDigest()) {
            return Optional.of(new Divergence(tick, "", String.format(
                    "tick outputs digest: journal %016x, replay %016x", journal.outputsDigest(), replay.outputsDigest())));
        }
        if (Arrays.equals(journal.fingerprint(), replay.fingerprint())) {
            return Optional.empty();
        }
        return Optional.of(new Divergence(tick, "", "fingerprint differs (journal "
                + java.util.HexFormat.of().formatHex(journal.fingerprint()) + ", replay "
                + replay.result().fingerprint() + ") while every agent digest matches: the inputs or the chain differ"));
    }
}
