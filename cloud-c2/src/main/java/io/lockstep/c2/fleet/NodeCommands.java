package io.lockstep.c2.fleet;

import io.lockstep.proto.v1.C2ToEdge;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** Sends commands to a node over its link, at least once and in order (implemented by the link layer). */
public interface NodeCommands {

    /**
     * Gives {@code command} the node's next command sequence number, persists it until the node
     * acknowledges it, and pushes it now if the node is connected (otherwise when it reconnects).
     *
     * @return the command sequence number assigned
     */
    default long send(String nodeId, C2ToEdge.Builder command) {
        return send(nodeId, command, seq -> {
        });
    }

    /**
     * Like {@link #send(String, C2ToEdge.Builder)}, and runs {@code numbered} with the assigned sequence
     * number under the node's command lock, before the command is persisted or pushed. Whatever
     * {@code numbered} records is therefore ordered exactly like the commands; if it throws, nothing is sent.
     */
    long send(String nodeId, C2ToEdge.Builder command, LongConsumer numbered);

    /**
     * {@link #send(String, C2ToEdge.Builder, LongConsumer)} for many nodes at once (a dispatch, a fleet-wide
     * stop), in a few Redis round trips instead of a few per node, with the same guarantees per node.
     * {@code numbered} gets node id → assigned seq, under every node's command lock, before anything is
     * persisted or pushed; if it throws, nothing is sent.
     *
     * @param commands node id → its command (each node once)
     * @return node id → the command sequence number assigned
     */
    Map<String, Long> sendAll(Map<String, C2ToEdge.Builder> commands, Consumer<Map<String, Long>> numbered);

    /**
     * Like {@link #send(String, C2ToEdge.Builder, LongConsumer)}, unless a command with the same body is still
     * pending for the node (pending commands are re-sent on every reconnect anyway).
     *
     * @return whether the command was sent
     */
    boolean sendUnlessPending(String nodeId, C2ToEdge.Builder command, LongConsumer numbered);
}
