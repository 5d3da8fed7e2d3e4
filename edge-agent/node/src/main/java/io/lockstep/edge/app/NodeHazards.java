package io.lockstep.edge.app;

import io.lockstep.edge.hazard.HazardService;
import io.lockstep.edge.mesh.MeshClock;
import io.lockstep.edge.mesh.ZenohPeerMesh;
import io.lockstep.edge.os.ThreadNice;
import io.lockstep.mesh.api.Session;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.InterventionKind;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.swarm.hazard.SenderBinding;
import io.opentelemetry.api.trace.Tracer;
import java.util.function.Supplier;

/** Opens the node's mesh with its hazard service, and publishes the obstacle reflex's stops as hazards. */
final class NodeHazards {

    private NodeHazards() {
    }

    static ZenohPeerMesh mesh(Session session, String nodeId, ThreadNice priority, SafetySupervisor supervisor,
            io.lockstep.edge.mesh.MeshSenderCheck senders, Tracer tracer, Supplier<String> mission, Supplier<Vec2> position) {
        ZenohPeerMesh mesh = new ZenohPeerMesh(session, nodeId, supervisor, senders, tracer, MeshClock.SYSTEM,
                transport -> new HazardService(nodeId, transport, MeshClock.SYSTEM, tracer, mission,
                        SenderBinding.KEY_CHUNK, HazardService.Settings.DEFAULTS, priority::raiseCurrentThreadLater));
        supervisor.addListener(event -> {
            if (event.kind() == InterventionKind.OBSTACLE_STOP) {
                mesh.hazards().onObstacleStop(position.get());
            }
        });
        return mesh;
    }
}
