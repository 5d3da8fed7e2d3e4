package io.lockstep.edge.mesh;

import java.util.List;

/** Whether and how the node joins the Zenoh mesh. */
public record MeshSettings(boolean enabled, List<String> listen, List<String> connect, boolean scouting) {

    public static final MeshSettings DISABLED = new MeshSettings(false, List.of(), List.of(), false);

    public MeshSettings {
        listen = List.copyOf(listen);
        connect = List.copyOf(connect);
    }
}
