package io.lockstep.cli.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.JournalException;
import io.lockstep.runtime.journal.JournalCodec;
import io.lockstep.runtime.journal.JournalReader;
import io.lockstep.runtime.journal.RawRecord;
import io.lockstep.runtime.journal.SnapshotCodec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code lockstep journal dump FILE}: every valid record of a journal as one JSON object per line, in file
 * order ({@code offset}, {@code type}, then the decoded fields), and a last {@code TORN_TAIL} line when the
 * file ends in bytes that are not a whole valid record. Exit 0, or 2 when the file is not a journal or a
 * record does not decode (the records before it are printed).
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print a journal's records as JSON lines.")
public final class JournalDumpCommand implements Callable<Integer> {
    static final int UNREADABLE = 2;

    @Parameters(index = "0", paramLabel = "FILE", description = "journal file written by an edge node")
    Path file;

    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper();

    public JournalDumpCommand() {
        this(System.out, System.err);
    }

    JournalDumpCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        if (!Files.isRegularFile(file)) {
            err.println("journal dump: no such journal: " + file);
            return UNREADABLE;
        }
        try {
            JournalReader.Contents contents = JournalReader.read(file);
            List<String> agents = List.of();
            for (RawRecord r : contents.records()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("offset", r.offset());
                line.put("type", r.type().name());
                switch (r.type()) {
                    case HEADER -> {
                        var setup = JournalCodec.header(r.payload());
                        agents = setup.agents().stream().map(AgentDefinition::name).toList();
                        line.putAll(JournalRecordJson.header(setup));
                    }
                    case INPUTS -> line.putAll(JournalRecordJson.inputs(JournalCodec.inputs(r.payload())));
                    case INIT, RESULT -> line.putAll(JournalRecordJson.result(JournalCodec.result(r.payload()), agents));
                    case SNAPSHOT, FULL_SNAPSHOT -> {
                        line.put("payloadBytes", r.payloadLength());
                        line.putAll(JournalRecordJson.snapshot(
                                SnapshotCodec.decode(r.type(), JournalReader.payload(file, r))));
                    }
                    default -> throw new JournalException("record at offset " + r.offset() + " has no decoder");
                }
                out.println(json.writeValueAsString(line));
            }
            if (contents.tornBytes() > 0) {
                Map<String, Object> torn = new LinkedHashMap<>();
                torn.put("offset", contents.validBytes());
                torn.put("type", "TORN_TAIL");
                torn.put("bytes", contents.tornBytes());
                out.println(json.writeValueAsString(torn));
            }
            return 0;
        } catch (JournalException e) {
            err.println("journal dump: " + e.getMessage());
            return UNREADABLE;
        }
    }
}
