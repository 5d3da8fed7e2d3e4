package io.lockstep.edge.link;

import io.lockstep.proto.v1.CommandAck;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The persisted record of which C2 commands this node has applied: the highest applied
 * {@code command_seq} and the outcome (ack) of the most recent ones.
 *
 * <p>C2 re-sends a command until it sees the ack, so the node can receive one twice (a reconnect
 * between apply and ack). A command whose seq is at or below the highest applied one is not
 * applied again; the node answers with the ack it gave the first time when it still remembers it.
 */
public final class CommandLedger implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CommandLedger.class);
    private static final byte STATE = 1;
    private static final int REMEMBERED_OUTCOMES = 128;

    private final RecordLog log;
    private long lastApplied;
    private final LinkedHashMap<Long, CommandAck> outcomes = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, CommandAck> eldest) {
            return size() > REMEMBERED_OUTCOMES;
        }
    };

    public CommandLedger(Path file) {
        List<RecordLog.Entry> records = new ArrayList<>();
        this.log = RecordLog.open(file, records);
        if (!records.isEmpty()) {
            load(records.get(records.size() - 1).payload());
        }
    }

    private void load(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            lastApplied = in.readLong();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                int len = in.readInt();
                if (len < 0 || len > payload.length) {
                    throw new IOException("bad outcome length " + len);
                }
                byte[] bytes = in.readNBytes(len);
                CommandAck ack = CommandAck.parseFrom(bytes);
                outcomes.put(ack.getCommandSeq(), ack);
            }
        } catch (IOException e) {
            // The watermark (read first) is what matters for idempotence; the outcomes are a courtesy.
            LOG.warnf("command ledger %s: could not read every remembered outcome (%s)", log.file(), e.getMessage());
        }
    }

    public synchronized long lastApplied() {
        return lastApplied;
    }

    /** True when a command with this seq was already applied (or superseded) and must not run again. */
    public synchronized boolean isDuplicate(long commandSeq) {
        return commandSeq <= lastApplied;
    }

    /** The ack to repeat for a duplicate: the original one when remembered. */
    public synchronized CommandAck ackForDuplicate(long commandSeq) {
        return Optional.ofNullable(outcomes.get(commandSeq)).orElseGet(() -> CommandAck.newBuilder()
                .setCommandSeq(commandSeq).setApplied(true).setError("duplicate: already applied").build());
    }

    /** Durably records that the command {@code ack.command_seq} has been applied with this outcome. */
    public synchronized void record(CommandAck ack) {
        lastApplied = Math.max(lastApplied, ack.getCommandSeq());
        outcomes.put(ack.getCommandSeq(), ack);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(lastApplied);
            out.writeInt(outcomes.size());
            for (CommandAck a : outcomes.values()) {
                byte[] b = a.toByteArray();
                out.writeInt(b.length);
                out.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.rewrite(List.of(new RecordLog.Entry(STATE, bytes.toByteArray())));
    }

    @Override
    public synchronized void close() {
        log.close();
    }
}
