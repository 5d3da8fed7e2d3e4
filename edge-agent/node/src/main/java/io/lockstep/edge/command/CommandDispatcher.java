package io.lockstep.edge.command;

import io.lockstep.edge.link.CommandLedger;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Applies C2 commands exactly once each and acknowledges every delivery.
 *
 * <p>Commands run one at a time on a dedicated thread, in arrival order. A command whose
 * {@code command_seq} is at or below the last applied one (persisted in the {@link CommandLedger})
 * is a duplicate: not applied again, but acknowledged again, because C2 re-sends until it sees an
 * ack. The ledger is written before the ack is sent, so a crash in between leads to a re-ack, never
 * to a second application.
 */
public final class CommandDispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class);

    private final CommandLedger ledger;
    private final CommandHandler handler;
    private final Consumer<CommandAck> acks;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "c2-commands");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    public CommandDispatcher(CommandLedger ledger, CommandHandler handler, Consumer<CommandAck> acks) {
        this.ledger = ledger;
        this.handler = handler;
        this.acks = acks;
    }

    /** Queues a command from C2; returns at once. */
    public void dispatch(C2ToEdge command) {
        worker.execute(() -> handle(command));
    }

    private void handle(C2ToEdge command) {
        long seq = command.getCommandSeq();
        if (seq == 0) {
            LOG.warnf("ignoring a %s command without command_seq", command.getBodyCase());
            return;
        }
        if (ledger.isDuplicate(seq)) {
            duplicates.incrementAndGet();
            LOG.infof("command %d (%s) already applied; acknowledging again", seq, command.getBodyCase());
            acks.accept(ledger.ackForDuplicate(seq));
            return;
        }
        CommandAck.Builder ack = CommandAck.newBuilder().setCommandSeq(seq);
        try {
            handler.apply(command);
            ack.setApplied(true);
            applied.incrementAndGet();
        } catch (CommandRefusedException e) {
            ack.setApplied(false).setError(e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "command %d (%s) failed", seq, command.getBodyCase());
            ack.setApplied(false).setError("node error: " + e);
        }
        CommandAck done = ack.build();
        ledger.record(done);
        acks.accept(done);
    }

    public long appliedCount() {
        return applied.get();
    }

    public long duplicateCount() {
        return duplicates.get();
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
