package io.lockstep.cli.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * The fleet mesh on loopback: every node listens on its own port and connects to the nodes started
 * before it, so each pair of nodes shares exactly one Zenoh link (the later node dials; Zenoh's
 * reconnection redials a restarted peer). Multicast scouting stays off so that fleets of different
 * runs on one machine never meet. A fleet with certificates meshes over {@code tls/} endpoints, so only its
 * own nodes join and every message is bound to its sender (docs/mesh-security.md).
 */
public final class MeshEndpoints {
    /** Short lease and settle window so that the demo's survivors take over a killed node's cells quickly. */
    public static final long LEASE_MILLIS = 1_500;
    public static final long SETTLE_MILLIS = 1_000;
    public static final String LEASE = LEASE_MILLIS + "ms";
    public static final String SETTLE_WINDOW = SETTLE_MILLIS + "ms";

    private MeshEndpoints() {
    }

    public static String endpoint(int port) {
        return endpoint(port, false);
    }

    public static String endpoint(int port, boolean tls) {
        return (tls ? "tls/" : "tcp/") + "127.0.0.1:" + port;
    }

    /** The {@code lockstep.mesh.*} system properties of node {@code index} among nodes listening on plain TCP. */
    public static List<String> nodeProperties(List<Integer> ports, int index) {
        return nodeProperties(ports, index, List.of());
    }

    /**
     * The {@code lockstep.mesh.*} system properties of node {@code index} among nodes listening on {@code ports};
     * with {@code tlsProperties} (the node's {@code lockstep.mesh.tls.*}) the endpoints are {@code tls/}.
     */
    public static List<String> nodeProperties(List<Integer> ports, int index, List<String> tlsProperties) {
        boolean tls = !tlsProperties.isEmpty();
        List<String> properties = new ArrayList<>();
        properties.add("-Dlockstep.mesh.enabled=true");
        properties.add("-Dlockstep.mesh.scouting=false");
        properties.add("-Dlockstep.mesh.lease=" + LEASE);
        properties.add("-Dlockstep.mesh.settle-window=" + SETTLE_WINDOW);
        properties.add("-Dlockstep.mesh.listen=" + endpoint(ports.get(index), tls));
        properties.addAll(tlsProperties);
        List<String> earlier = new ArrayList<>();
        for (int i = 0; i < index; i++) {
            earlier.add(endpoint(ports.get(i), tls));
        }
        if (!earlier.isEmpty()) {
            properties.add("-Dlockstep.mesh.connect=" + String.join(",", earlier));
        }
        return properties;
    }
}
