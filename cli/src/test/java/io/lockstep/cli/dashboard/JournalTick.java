package io.lockstep.cli.dashboard;

import io.lockstep.runtime.InputEvent;
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
import java.util.Map;
import java.util.TreeMap;

/**
 * One tick of a journal as the test reads it straight from the file's records: the sensed position, each
 * agent's state after the tick ("name=STATE") and the kinds of the interventions journaled for it.
 */
record JournalTick(long tick, double xM, double yM, List<String> agentStates, List<String> interventions) {

    static Map<Long, JournalTick> read(Path file) {
        List<RawRecord> records = JournalReader.read(file).records();
        MissionSetup setup = JournalCodec.header(records.get(0).payload());
        Map<Long, JournalTick> ticks = new TreeMap<>();
        CanonicalInputs inputs = null;
        for (RawRecord record : records) {
            if (record.type() == RecordType.INPUTS) {
                inputs = JournalCodec.inputs(record.payload());
            } else if (record.type() == RecordType.RESULT && inputs != null) {
                TickRecord result = JournalCodec.result(record.payload());
                SensorFrame frame = SensorFrame.decode(inputs.sensorFrame());
                List<String> states = new ArrayList<>();
                List<AgentDigest> digests = result.digests();
                for (int i = 0; i < digests.size(); i++) {
                    states.add(setup.agents().get(i).name() + "=" + digests.get(i).state().name());
                }
                List<String> interventions = new ArrayList<>();
                for (InputEvent event : inputs.hostEvents()) {
                    if (event.kind().equals("intervention")) {
                        interventions.add(new String(event.data(), StandardCharsets.UTF_8).split(" ", 2)[0]);
                    }
                }
                ticks.put(result.tick(), new JournalTick(result.tick(), frame.xM(), frame.yM(), states, interventions));
                inputs = null;
            }
        }
        return ticks;
    }
}
