package io.lockstep.c2.journal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.InputEvent;
import io.lockstep.runtime.JournalException;
import io.lockstep.runtime.SensorFrame;
import io.lockstep.runtime.engine.AgentDigest;
import io.lockstep.runtime.engine.CanonicalInputs;
import io.lockstep.runtime.engine.MissionSetup;
import io.lockstep.runtime.journal.JournalCodec;
import io.lockstep.runtime.journal.JournalReader;
import io.lockstep.runtime.journal.RawRecord;
import io.lockstep.runtime.journal.RecordType;
import io.lockstep.runtime.journal.TickRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's journal as a timeline a page can scrub (docs/dashboard.md, "Replay"): per tick, the vehicle as the
 * agents sensed it (the journaled sensor frame: position, velocity, battery, flags), every agent's state after
 * the tick (the journaled result digests), and the supervisor interventions journaled as host events for that
 * tick. Read straight from the journal's records, which are exactly what a replay re-executes, so the page
 * sees what {@code ./lockstep replay} and C2's replay see; nothing is re-executed. Paged by tick and
 * downsampled ({@code every}): a tick with an intervention is always included.
 */
public final class JournalTimeline {

    public static final int MAX_LIMIT = 2_000;
    private static final String INTERVENTION = "intervention";
    private static final int MAX_DETAIL_CHARS = 200;

    public record AgentAtTick(String name, String state, String fault, int progressPermille, long fuelUsed) {
    }

    public record InterventionAtTick(String kind, String detail) {
    }

    /** The vehicle fields are null for a tick journaled without a sensor frame. */
    public record Tick(long tick, Double xM, Double yM, Double vxMps, Double vyMps, Double batteryFraction,
            Boolean estopLatched, Boolean linkUp, List<AgentAtTick> agents, List<InterventionAtTick> interventions) {
    }

    /**
     * @param next the {@code fromTick} of the following page, or null after the last tick
     */
    @Schema(example = "{\"missionId\": \"5df9ebf8-ac56-4a9a-a594-dfb23734d1e3\", \"nodeId\": \"node-1\", \"agents\": [\"surveyor\"], \"firstTick\": 1, \"lastTick\": 93, \"fromTick\": 0, \"every\": 1, \"ticks\": [{\"tick\": 1, \"xM\": -10.2905130660555, \"yM\": -9.76452593653158, \"vxMps\": 0.0, \"vyMps\": 0.0, \"batteryFraction\": 1.0, \"estopLatched\": false, \"linkUp\": true, \"agents\": [{\"name\": \"surveyor\", \"state\": \"RUNNING\", \"fault\": \"\", \"progressPermille\": 0, \"fuelUsed\": 4176}], \"interventions\": []}, {\"tick\": 2, \"xM\": -9.96318885814543, \"yM\": -10.024928407053986, \"vxMps\": 0.27718692894043767, \"vyMps\": 0.532134763405445, \"batteryFraction\": 0.99995, \"estopLatched\": false, \"linkUp\": true, \"agents\": [{\"name\": \"surveyor\", \"state\": \"RUNNING\", \"fault\": \"\", \"progressPermille\": 0, \"fuelUsed\": 1212}], \"interventions\": []}], \"next\": 3, \"interventionsTotal\": 0}")
    public record Page(String missionId, String nodeId, List<String> agents, long firstTick, long lastTick,
            long fromTick, int every, List<Tick> ticks, Long next, long interventionsTotal) {
    }

    private JournalTimeline() {
    }

    /** @throws UnreplayableJournalException when the file is not a readable journal of that mission and node */
    public static Page read(Path file, String missionId, String nodeId, long fromTick, int limit, int every) {
        List<RawRecord> records;
        try {
            records = JournalReader.read(file).records();
        } catch (JournalException e) {
            throw new UnreplayableJournalException("the journal cannot be read: " + e.getMessage());
        }
        if (records.isEmpty() || records.get(0).type() != RecordType.HEADER) {
            throw new UnreplayableJournalException("the journal has no header record");
        }
        try {
            return page(records, missionId, nodeId, fromTick, limit, every);
        } catch (JournalException | IllegalArgumentException | IndexOutOfBoundsException
                | java.nio.BufferUnderflowException e) {
            throw new UnreplayableJournalException("the journal's records cannot be decoded: " + e.getMessage());
        }
    }

    private static Page page(List<RawRecord> records, String missionId, String nodeId, long fromTick, int limit,
            int every) {
        MissionSetup setup = JournalCodec.header(records.get(0).payload());
        if (!setup.missionId().equals(missionId) || !setup.nodeId().equals(nodeId)) {
            throw new UnreplayableJournalException("the journal is not of mission " + missionId + " on node " + nodeId);
        }
        List<String> names = setup.agents().stream().map(AgentDefinition::name).toList();
        List<Tick> ticks = new ArrayList<>();
        long first = -1;
        long last = -1;
        long interventionsTotal = 0;
        Long next = null;
        CanonicalInputs pending = null;
        for (RawRecord record : records) {
            if (record.type() == RecordType.INPUTS) {
                pending = JournalCodec.inputs(record.payload());
            } else if (record.type() == RecordType.RESULT && pending != null) {
                TickRecord result = JournalCodec.result(record.payload());
                if (result.tick() != pending.tick()) {
                    pending = null;
                    continue;
                }
                long tick = result.tick();
                first = first < 0 ? tick : first;
                last = tick;
                List<InterventionAtTick> interventions = interventions(pending);
                interventionsTotal += interventions.size();
                boolean wanted = tick >= fromTick && ((tick - fromTick) % every == 0 || !interventions.isEmpty());
                if (wanted && next == null) {
                    if (ticks.size() >= limit) {
                        next = tick;
                    } else {
                        ticks.add(tick(pending, result, names, interventions));
                    }
                }
                pending = null;
            }
        }
        return new Page(missionId, nodeId, names, first, last, fromTick, every, ticks, next, interventionsTotal);
    }

    private static Tick tick(CanonicalInputs inputs, TickRecord result, List<String> names,
            List<InterventionAtTick> interventions) {
        SensorFrame frame = inputs.sensorFrame() == null || inputs.sensorFrame().length == 0 ? null : SensorFrame.decode(inputs.sensorFrame());
        List<AgentAtTick> agents = new ArrayList<>();
        List<AgentDigest> digests = result.digests();
        for (int i = 0; i < digests.size(); i++) {
            AgentDigest d = digests.get(i);
            agents.add(new AgentAtTick(i < names.size() ? names.get(i) : "agent-" + (i + 1), d.state().name(),
                    cut(d.fault()), d.progressPermille(), d.fuelUsed()));
        }
        if (frame == null) {
            return new Tick(result.tick(), null, null, null, null, null, null, null, agents, interventions);
        }
        return new Tick(result.tick(), frame.xM(), frame.yM(), frame.vxMps(), frame.vyMps(), frame.batteryFraction(),
                (frame.flags() & SensorFrame.FLAG_ESTOP_LATCHED) != 0, (frame.flags() & SensorFrame.FLAG_LINK_UP) != 0,
                agents, interventions);
    }

    /** The node journals each intervention as host event "intervention": "KIND tick detail". */
    private static List<InterventionAtTick> interventions(CanonicalInputs inputs) {
        List<InterventionAtTick> out = new ArrayList<>();
        for (InputEvent event : inputs.hostEvents()) {
            if (!event.kind().equals(INTERVENTION)) {
                continue;
            }
            String text = new String(event.data(), StandardCharsets.UTF_8);
            int space = text.indexOf(' ');
            String kind = space < 0 ? text : text.substring(0, space);
            int second = space < 0 ? -1 : text.indexOf(' ', space + 1);
            out.add(new InterventionAtTick(cut(kind), second < 0 ? "" : cut(text.substring(second + 1))));
        }
        return out;
    }

    private static String cut(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS);
    }
}
