package io.lockstep.edge.safety;

import io.lockstep.platform.safety.Intervention;
import io.lockstep.platform.safety.InterventionKind;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.proto.v1.NodeEstopLatch;
import java.util.List;

/** The node's real e-stop latch for C2 (Heartbeat.estop_latch), including one a mesh peer engaged. */
public final class NodeEstopReport {

    private NodeEstopReport() {
    }

    public static NodeEstopLatch of(SafetySupervisor supervisor) {
        boolean latched = supervisor.isEmergencyStopLatched();
        String detail = "";
        if (latched) {
            List<Intervention> recent = supervisor.recentInterventions();
            for (int i = recent.size() - 1; i >= 0; i--) {
                if (recent.get(i).kind() == InterventionKind.ESTOP) {
                    detail = recent.get(i).detail();
                    break;
                }
            }
        }
        return NodeEstopLatch.newBuilder().setLatched(latched).setDetail(detail.length() > 512
                ? detail.substring(0, 512) : detail).build();
    }
}
