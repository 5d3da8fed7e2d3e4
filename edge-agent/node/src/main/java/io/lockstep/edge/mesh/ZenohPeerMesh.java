package io.lockstep.edge.mesh;

import io.lockstep.edge.mission.PeerMesh;
import io.lockstep.mesh.api.LivelinessToken;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.SampleKind;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Subscriber;
import io.lockstep.platform.safety.EstopSource;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.runtime.EmittedMessage;
import io.lockstep.runtime.PeerMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The mesh over a Zenoh session (see {@link MeshKeys} for the key space): publishes the agents'
 * emitted messages, queues the peers' ones for the next tick, keeps a liveliness token for this
 * node and tracks the others', and turns a peer's e-stop into a supervisor e-stop (source MESH: a
 * peer may stop this vehicle, only a commander may release it).
 */
public final class ZenohPeerMesh implements PeerMesh, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ZenohPeerMesh.class);
    /** Bounds what a chatty or hostile peer can queue between two ticks. */
    static final int MAX_QUEUED_PER_MISSION = 4_096;
    static final int MAX_REASON_CHARS = 256;

    private final Session session;
    private final String nodeId;
    private final LivelinessToken token;
    private final Subscriber members;
    private final Subscriber estops;
    private final Set<String> peers = ConcurrentHashMap.newKeySet();
    private final Map<String, Subscriber> missionSubscribers = new ConcurrentHashMap<>();
    private final Map<String, List<PeerMessage>> inbox = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final ZenohSwarmChannel swarm;
    private final MeshSenderCheck senders;

    public ZenohPeerMesh(Session session, String nodeId, SafetySupervisor supervisor) {
        this(session, nodeId, supervisor, new MeshSenderCheck(nodeId, false));
    }

    /** {@code senders} binds each message's claimed sender to its certified one (see {@link MeshSenderCheck}). */
    public ZenohPeerMesh(Session session, String nodeId, SafetySupervisor supervisor, MeshSenderCheck senders) {
        this.session = session;
        this.nodeId = nodeId;
        this.senders = senders;
        this.token = session.liveliness().declareToken(MeshKeys.NODES + MeshKeys.chunk(nodeId));
        this.members = session.liveliness().declareSubscriber(MeshKeys.NODES + "*", true, this::onMember);
        this.swarm = new ZenohSwarmChannel(session, nodeId, this, senders);
        this.estops = session.declareSubscriber(MeshKeys.ESTOP + "*", sample -> {
            if (sample.kind() == SampleKind.PUT
                    && senders.allows(sample, sample.keyExpr().substring(MeshKeys.ESTOP.length()), "e-stop")) {
                String reason = sample.payloadAsString();
                supervisor.engageEmergencyStop(EstopSource.MESH, "peer " + sample.keyExpr() + ": "
                        + (reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason));
            }
        });
    }

    private void onMember(Sample sample) {
        String member = sample.keyExpr().substring(MeshKeys.NODES.length());
        if (sample.kind() == SampleKind.PUT) {
            peers.add(member);
        } else {
            peers.remove(member);
        }
    }

    /** Nodes whose liveliness token is visible (this one included once the mesh echoes it). */
    public Set<String> members() {
        return new TreeSet<>(peers);
    }

    /** Engages the e-stop of every peer (and, through the loopback subscription, of this node). */
    public void broadcastEmergencyStop(String reason) {
        session.put(MeshKeys.ESTOP + MeshKeys.chunk(nodeId), reason);
    }

    @Override
    public void join(String missionId) {
        String prefix = MeshKeys.missionPrefix(missionId);
        inbox.put(missionId, new ArrayList<>());
        missionSubscribers.computeIfAbsent(missionId, id -> session.declareSubscriber(prefix + "**",
                sample -> onMissionMessage(missionId, prefix, sample)));
    }

    private void onMissionMessage(String missionId, String prefix, Sample sample) {
        if (sample.kind() != SampleKind.PUT || !sample.keyExpr().startsWith(prefix)) {
            return;
        }
        String attachment = sample.attachmentAsString();
        int nl = attachment == null ? -1 : attachment.indexOf('\n');
        long seq;
        try {
            seq = nl < 0 ? -1 : Long.parseLong(attachment.substring(nl + 1));
        } catch (NumberFormatException e) {
            seq = -1;
        }
        if (seq < 0) {
            malformed.incrementAndGet();
            return;
        }
        String sender = attachment.substring(0, nl);
        if (sender.equals(nodeId) && sample.peerIdentity() == null) {
            return; // the runtime already delivers this node's own messages locally
        }
        if (sender.isEmpty() || !senders.allows(sample, sender, "mission")) {
            return;
        }
        List<PeerMessage> queue = inbox.get(missionId);
        if (queue == null) {
            return;
        }
        synchronized (queue) {
            if (queue.size() >= MAX_QUEUED_PER_MISSION) {
                dropped.incrementAndGet();
                return;
            }
            queue.add(new PeerMessage(sender, seq, sample.keyExpr().substring(prefix.length()), sample.payload()));
            received.incrementAndGet();
        }
    }

    @Override
    public void leave(String missionId) {
        Subscriber s = missionSubscribers.remove(missionId);
        if (s != null) {
            s.close();
        }
        inbox.remove(missionId);
    }

    @Override
    public void publish(String missionId, List<EmittedMessage> messages) {
        String prefix = MeshKeys.missionPrefix(missionId);
        for (EmittedMessage m : messages) {
            byte[] attachment = (nodeId + "\n" + m.seq()).getBytes(StandardCharsets.UTF_8);
            try {
                if (!session.put(prefix + m.topic(), m.data(), PutOptions.DEFAULT.withAttachment(attachment)
                        .withReliable(true))) {
                    dropped.incrementAndGet();
                } else {
                    published.incrementAndGet();
                }
            } catch (IllegalArgumentException e) {
                // A topic the runtime accepted but Zenoh does not: count it, never fail the tick.
                malformed.incrementAndGet();
            }
        }
    }

    @Override
    public List<PeerMessage> drain(String missionId) {
        List<PeerMessage> queue = inbox.get(missionId);
        if (queue == null) {
            return List.of();
        }
        synchronized (queue) {
            List<PeerMessage> out = new ArrayList<>(queue);
            queue.clear();
            return out;
        }
    }

    /** Agent messages this node put on the mesh. */
    public long published() {
        return published.get();
    }

    /** Peers' messages queued for this node's next tick. */
    public long received() {
        return received.get();
    }

    /** Peer messages dropped (queue full, publish refused) and malformed ones ignored. */
    public long dropped() {
        return dropped.get();
    }

    public long malformed() {
        return malformed.get();
    }

    /** The sender binding every channel of this mesh applies; other mesh channels (hazards...) use it too. */
    public MeshSenderCheck senderCheck() {
        return senders;
    }

    /** Publications that missed a peer whose session was being re-established (Zenoh does not store them). */
    public long droppedWhileReconnecting() {
        return session.droppedWhileReconnecting();
    }

    /** The coverage exchange of cell missions, over this mesh's session. */
    public ZenohSwarmChannel swarm() {
        return swarm;
    }

    @Override
    public void close() {
        swarm.close();
        missionSubscribers.values().forEach(Subscriber::close);
        missionSubscribers.clear();
        estops.close();
        members.close();
        token.close();
        try {
            session.close();
        } catch (RuntimeException e) {
            LOG.warnf("closing the mesh session: %s", e.toString());
        }
    }
}
