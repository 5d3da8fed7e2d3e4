package io.lockstep.runtime.journal;

import io.lockstep.runtime.JournalException;
import io.lockstep.runtime.engine.EngineSnapshot;
import io.lockstep.runtime.engine.MissionSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A journal file decoded and checked for structure: header, init result, then per tick its inputs, result
 * and optional snapshot, in tick order. Snapshots are read and decoded on demand (they are large).
 *
 * @param file       the journal file
 * @param init       null when the node stopped during init
 * @param validBytes offset after the last valid record (where appending continues)
 * @param tornBytes  ignored bytes of a torn tail
 */
public record MissionJournal(Path file, MissionSetup setup, TickRecord init, List<JournaledTick> ticks,
                             NavigableMap<Long, RawRecord> snapshots, long validBytes, long tornBytes) {

    /**
     * @throws JournalException when the file is unreadable, not a journal, or its valid records are out of order
     */
    public static MissionJournal load(Path file) {
        JournalReader.Contents contents = JournalReader.read(file);
        List<RawRecord> records = contents.records();
        if (records.isEmpty() || records.get(0).type() != RecordType.HEADER) {
            throw new JournalException(file + ": journal has no header record");
        }
        MissionSetup setup = JournalCodec.header(records.get(0).payload());
        TickRecord init = null;
        List<JournaledTick> ticks = new ArrayList<>();
        NavigableMap<Long, RawRecord> snapshots = new TreeMap<>();
        for (int i = 1; i < records.size(); i++) {
            RawRecord r = records.get(i);
            String where = file + ": record at offset " + r.offset() + " (" + r.type() + ")";
            switch (r.type()) {
                case INIT -> {
                    if (i != 1) {
                        throw new JournalException(where + " must follow the header");
                    }
                    init = JournalCodec.result(r.payload());
                }
                case INPUTS -> {
                    var inputs = JournalCodec.inputs(r.payload());
                    long expected = ticks.isEmpty() ? 1 : ticks.get(ticks.size() - 1).inputs().tick() + 1;
                    if (init == null || inputs.tick() != expected
                            || !ticks.isEmpty() && ticks.get(ticks.size() - 1).result() == null) {
                        throw new JournalException(where + ": tick " + inputs.tick() + " out of order");
                    }
                    ticks.add(new JournaledTick(inputs, null));
                }
                case RESULT -> {
                    TickRecord result = JournalCodec.result(r.payload());
                    if (ticks.isEmpty() || ticks.get(ticks.size() - 1).result() != null
                            || ticks.get(ticks.size() - 1).inputs().tick() != result.tick()) {
                        throw new JournalException(where + ": result of tick " + result.tick() + " without its inputs");
                    }
                    ticks.set(ticks.size() - 1, new JournaledTick(ticks.get(ticks.size() - 1).inputs(), result));
                }
                case SNAPSHOT, FULL_SNAPSHOT -> {
                    long tick = ticks.isEmpty() ? 0 : ticks.get(ticks.size() - 1).inputs().tick();
                    if (!ticks.isEmpty() && ticks.get(ticks.size() - 1).result() == null) {
                        throw new JournalException(where + ": snapshot inside an unfinished tick");
                    }
                    snapshots.put(tick, r);
                }
                case HEADER -> throw new JournalException(where + ": second header");
                default -> throw new JournalException(where + ": unexpected record");
            }
        }
        return new MissionJournal(file, setup, init, List.copyOf(ticks), snapshots, contents.validBytes(),
                contents.tornBytes());
    }

    /** Decodes the snapshot taken after {@code tick}. */
    public EngineSnapshot snapshot(long tick) {
        RawRecord r = snapshots.get(tick);
        if (r == null) {
            throw new JournalException("no snapshot at tick " + tick + "; snapshots exist at " + snapshots.keySet());
        }
        EngineSnapshot s;
        try {
            s = SnapshotCodec.decode(r.type(), JournalReader.payload(file, r));
        } catch (JournalException e) {
            throw new JournalException(file + ": corrupt journal: the " + r.type() + " record at offset " + r.offset()
                    + " has a valid checksum but does not decode: " + e.getMessage(), e);
        }
        if (s.agents().size() != setup.agents().size()) {
            throw new JournalException("snapshot at tick " + tick + " has " + s.agents().size() + " agents, the mission "
                    + setup.agents().size());
        }
        if (s.tick() != tick) {
            throw new JournalException("snapshot record at offset " + r.offset() + " is for tick " + s.tick()
                    + ", expected " + tick);
        }
        return s;
    }

    /** The last tick with a result, or 0. */
    public long lastCompletedTick() {
        for (int i = ticks.size() - 1; i >= 0; i--) {
            if (ticks.get(i).result() != null) {
                return ticks.get(i).inputs().tick();
            }
        }
        return 0;
    }
}
