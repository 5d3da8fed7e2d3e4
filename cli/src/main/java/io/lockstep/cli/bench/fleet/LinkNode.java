package io.lockstep.cli.bench.fleet;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.NodeCapabilities;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import java.util.List;

/**
 * One simulated node on the real link protocol, as light as it can be: Hello with a real node's
 * capabilities, a command ack (through the edge outbox sequence, like a real node) for every command, a
 * RECEIVED status for an assignment, heartbeats when asked. It records when things happen (System.nanoTime)
 * so the benchmark can time them: the Welcome, the assignment, C2's StatusAck that covers the assignment's
 * ack (C2 acknowledges only what it stored), the e-stop, the answer to a round-trip probe.
 */
final class LinkNode implements ClientResponseObserver<EdgeToC2, C2ToEdge> {
    /** The host functions a real node offers (EdgeNode.HOST_FUNCTIONS), so capability matching passes. */
    static final List<String> HOST_FUNCTIONS = List.of("log", "rand_u64", "progress", "area_vertices", "kv_get",
            "kv_put", "sensor_read", "act_velocity", "emit", "infer");
    private static final long AGENT_MEMORY_BUDGET = 256L * 1024 * 1024;

    final String id;
    private ClientCallStreamObserver<EdgeToC2> stream;
    private long edgeSeq;
    private long statusVersion;
    private String missionId = "";
    private NodeMissionState state = NodeMissionState.NODE_MISSION_STATE_UNSPECIFIED;
    private long assignAckSeq = -1;
    private long probeCounter;
    private String probeMarker;

    volatile long welcomedAt;
    volatile long assignedAt;
    volatile long assignStoredAt;
    volatile long estopAt;
    volatile long probeSentAt;
    volatile long probeAnsweredAt;
    volatile String endedWith;

    LinkNode(String id) {
        this.id = id;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<EdgeToC2> requests) {
        this.stream = requests;
    }

    synchronized void hello() {
        stream.onNext(EdgeToC2.newBuilder().setHello(Hello.newBuilder().setNodeId(id).setSoftwareVersion("bench-fleet-node")
                .setAbiVersion(1).setCapabilities(NodeCapabilities.newBuilder().addAllHostFunctions(HOST_FUNCTIONS)
                        .setMaxAgents(8).setVehicleKind("bench").setAgentMemoryBudgetBytes(AGENT_MEMORY_BUDGET)))
                .build());
    }

    /** Sends one heartbeat; false when the stream is not ready for it (C2 is not keeping up), then it is skipped. */
    synchronized boolean heartbeat(long tick) {
        if (welcomedAt == 0 || endedWith != null || !stream.isReady()) {
            return false;
        }
        stream.onNext(EdgeToC2.newBuilder().setHeartbeat(Heartbeat.newBuilder().setMissionId(missionId).setTick(tick)
                .setState(state)).build());
        return true;
    }

    /** Asks C2 for a blob it does not have: C2 answers after everything this node sent before. */
    synchronized void probe() {
        if (welcomedAt == 0 || endedWith != null) {
            return;
        }
        probeMarker = String.format("%s%048x", "b0b0b0b0b0b0b0b0", ++probeCounter);
        probeAnsweredAt = 0;
        probeSentAt = System.nanoTime();
        stream.onNext(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(BlobKind.WASM_MODULE)
                .setSha256(probeMarker)).build());
    }

    @Override
    public void onNext(C2ToEdge message) {
        long now = System.nanoTime();
        synchronized (this) {
            switch (message.getBodyCase()) {
                case WELCOME -> {
                    edgeSeq = Math.max(edgeSeq, message.getWelcome().getLastReceivedSeq());
                    welcomedAt = now;
                }
                case STATUS_ACK -> {
                    if (assignAckSeq > 0 && assignStoredAt == 0 && message.getStatusAck().getSeq() >= assignAckSeq) {
                        assignStoredAt = now;
                    }
                }
                case BLOB -> {
                    if (message.getBlob().getSha256().equals(probeMarker)) {
                        probeAnsweredAt = now;
                    }
                }
                default -> {
                }
            }
            if (message.getCommandSeq() > 0) {
                command(message, now);
            }
        }
    }

    private void command(C2ToEdge command, long now) {
        long ackSeq = ++edgeSeq;
        stream.onNext(EdgeToC2.newBuilder().setSeq(ackSeq).setAck(CommandAck.newBuilder()
                .setCommandSeq(command.getCommandSeq()).setApplied(true)).build());
        if (command.hasAssign() && assignedAt == 0) {
            assignedAt = now;
            assignAckSeq = ackSeq;
            missionId = command.getAssign().getAssignment().getMission().getId();
            state = NodeMissionState.RECEIVED;
            stream.onNext(EdgeToC2.newBuilder().setSeq(++edgeSeq).setStatus(StatusUpdate.newBuilder()
                    .setMissionId(missionId).setState(state).setStatusVersion(++statusVersion)
                    .setDetail("bench node: assignment received")).build());
        }
        if (command.hasEmergencyStop() && command.getEmergencyStop().getEngaged() && estopAt == 0) {
            estopAt = now;
        }
    }

    @Override
    public void onError(Throwable t) {
        endedWith = t.toString();
    }

    @Override
    public void onCompleted() {
        endedWith = "completed by C2";
    }

    synchronized void close() {
        try {
            stream.onCompleted();
        } catch (RuntimeException alreadyClosed) {
            // the stream ended on its own
        }
    }
}
