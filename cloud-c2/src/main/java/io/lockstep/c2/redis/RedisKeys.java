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

    /**
     * Commands pending over the whole fleet: the sum of every node's {@link #nodePendingCommands} hash size,
     * changed in the same transaction or script as those hashes, so a metrics scrape reads one key.
     */
    public static String pendingCommandsTotal() {
        return PREFIX + "pending-commands-total";
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

    /** Hash of a cell mission's coverage reports: node id → its latest report (JSON). */
    public static String missionCoverage(String missionId) {
        return PREFIX + "mission:" + missionId + ":coverage";
    }

    /** Set of the digests of every stored module. */
    public static String modules() {
        return PREFIX + "modules";
    }

    /** Set of the digests of every stored model. */
    public static String models() {
        return PREFIX + "models";
    }

    /** The last agent log lines a node forwarded for a mission (a capped list of JSON lines). */
    public static String missionNodeLogs(String missionId, String nodeId) {
        return PREFIX + "agent-logs:" + missionId + ":" + nodeId;
    }

    /** How many agent log lines the node left out (over its bound) for that mission. */
    public static String missionNodeLogsDropped(String missionId, String nodeId) {
        return PREFIX + "agent-logs:" + missionId + ":" + nodeId + ":dropped";
    }

    public static String moduleMeta(String sha256) {
        return PREFIX + "module:" + sha256;
    }

    /** Module bytes as stored by C2 versions that kept blobs in Redis (now read once and moved to disk). */
    public static String moduleBytes(String sha256) {
        return PREFIX + "module:" + sha256 + ":bytes";
    }

    public static String modelMeta(String sha256) {
        return PREFIX + "model:" + sha256;
    }

    /** Model bytes as stored by C2 versions that kept blobs in Redis (now read once and moved to disk). */
    public static String modelBytes(String sha256) {
        return PREFIX + "model:" + sha256 + ":bytes";
    }

    /** The audit trail: a list of records (JSON), seq n at index n - 1. */
    public static String audit() {
        return PREFIX + "audit";
    }

    /** The audit trail's head: {@code <seq> <hash>} of its last record. */
    public static String auditHead() {
        return PREFIX + "audit:head";
    }

    /** Stream of a mission's transitions (every node's state changes, cancel requests and answers). */
    public static String missionHistory(String missionId) {
        return PREFIX + "mission:" + missionId + ":history";
    }

    /** Hash node id → the highest status version applied for the mission on that node. */
    public static String missionStatusVersions(String missionId) {
        return PREFIX + "mission:" + missionId + ":status-versions";
    }

    /** Sorted set of missions queued for a node (lower score = dispatched first: higher priority, then older). */
    public static String nodeMissionQueue(String nodeId) {
        return PREFIX + "node:" + nodeId + ":mission-queue";
    }

    /** Stream of a node's telemetry samples, capped. */
    public static String nodeTelemetryHistory(String nodeId) {
        return PREFIX + "node:" + nodeId + ":telemetry-history";
    }

    /** Hash mission id → the serialized AssignMission command waiting in the node's mission queue. */
    public static String nodeQueuedAssignments(String nodeId) {
        return PREFIX + "node:" + nodeId + ":queued-assignments";
    }

    /**
     * Which C2 replica holds the node's link: {@code <instance>/<session>}, with a lease (PX) the owner renews;
     * a replica that dies stops renewing, so its ownership expires.
     */
    public static String nodeLinkOwner(String nodeId) {
        return PREFIX + "node:" + nodeId + ":link-owner";
    }

    /** A lock shared by all C2 replicas (SET NX PX with a token), e.g. {@code lock:node:<id>}. */
    public static String lock(String name) {
        return PREFIX + "lock:" + name;
    }

    /** Pub/sub channel: a node id published when a command was queued for it, for the replica holding its link. */
    public static String commandsQueuedChannel() {
        return PREFIX + "commands-queued";
    }

    /** Hash alert id → its acknowledgement (JSON). */
    public static String alertAcks() {
        return PREFIX + "alert-acks";
    }

    /** Sorted set of acknowledged alert ids by acknowledgement time (ms), to keep only the newest. */
    public static String alertAckOrder() {
        return PREFIX + "alert-acks:order";
    }
}
