package io.lockstep.c2.redis;

/** The one place that names Redis keys; docs/c2.md lists the same layout. */
public final class RedisKeys {

    private static final String PREFIX = "lockstep:";

    private RedisKeys() {
    }

    public static String nodes() {
        return PREFIX + "nodes";
    }

    public static String node(String nodeId) {
        return PREFIX + "node:" + nodeId;
    }

    public static String nodeTelemetry(String nodeId) {
        return PREFIX + "node:" + nodeId + ":telemetry";
    }

    public static String nodeCommandSeq(String nodeId) {
        return PREFIX + "node:" + nodeId + ":cmd-seq";
    }

    public static String nodePendingCommands(String nodeId) {
        return PREFIX + "node:" + nodeId + ":pending";
    }

    public static String nodeEdgeSeq(String nodeId) {
        return PREFIX + "node:" + nodeId + ":edge-seq";
    }

    public static String missions() {
        return PREFIX + "missions";
    }

    public static String mission(String missionId) {
        return PREFIX + "mission:" + missionId;
    }

    public static String missionNodeStatus(String missionId) {
        return PREFIX + "mission:" + missionId + ":nodes";
    }

    /** The last agent log lines a node forwarded for a mission (a capped list of JSON lines). */
    public static String missionNodeLogs(String missionId, String nodeId) {
        return PREFIX + "mission:" + missionId + ":node:" + nodeId + ":logs";
    }

    /** How many agent log lines the node left out (over its bound) for that mission. */
    public static String missionNodeLogsDropped(String missionId, String nodeId) {
        return PREFIX + "mission:" + missionId + ":node:" + nodeId + ":logs-dropped";
    }

    public static String moduleMeta(String sha256) {
        return PREFIX + "module:" + sha256;
    }

    public static String moduleBytes(String sha256) {
        return PREFIX + "module:" + sha256 + ":bytes";
    }

    public static String modelMeta(String sha256) {
        return PREFIX + "model:" + sha256;
    }

    public static String modelBytes(String sha256) {
        return PREFIX + "model:" + sha256 + ":bytes";
    }
}
