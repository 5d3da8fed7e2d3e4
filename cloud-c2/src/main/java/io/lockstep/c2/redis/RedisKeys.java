package io.lockstep.c2.redis;

/**
 * The one place that names Redis keys; docs/c2.md lists the same layout.
 *
 * <p>Keys that one Lua script or MULTI/EXEC touches together share a hash tag (the part in braces), so
 * Redis Cluster puts them in one slot and does not refuse the script with {@code CROSSSLOT}: everything of
 * one node is under {@code {node:<id>}}, of one mission under {@code {mission:<id>}}, and the audit trail,
 * the module and model stores, a simulation digest and the alert acknowledgements have one tag each. The
 * global indexes ({@link #nodes()}, {@link #missions()}) have no tag: no script or transaction uses them
 * together with another key. On a standalone Redis the braces are just characters of the name.
 */
public final class RedisKeys {

    private static final String PREFIX = "lockstep:";

    private RedisKeys() {
    }

    private static String nodeTag(String nodeId) {
        return PREFIX + "{node:" + nodeId + "}";
    }

    private static String missionTag(String missionId) {
        return PREFIX + "{mission:" + missionId + "}";
    }

    public static String nodes() {
        return PREFIX + "nodes";
    }

    public static String node(String nodeId) {
        return nodeTag(nodeId);
    }

    public static String nodeTelemetry(String nodeId) {
        return nodeTag(nodeId) + ":telemetry";
    }

    public static String nodeCommandSeq(String nodeId) {
        return nodeTag(nodeId) + ":cmd-seq";
    }

    public static String nodePendingCommands(String nodeId) {
        return nodeTag(nodeId) + ":pending";
    }

    public static String nodeEdgeSeq(String nodeId) {
        return nodeTag(nodeId) + ":edge-seq";
    }

    public static String missions() {
        return PREFIX + "missions";
    }

    public static String mission(String missionId) {
        return missionTag(missionId);
    }

    public static String missionNodeStatus(String missionId) {
        return missionTag(missionId) + ":nodes";
    }

    /** Hash of a cell mission's coverage reports: node id → its latest report (JSON). */
    public static String missionCoverage(String missionId) {
        return missionTag(missionId) + ":coverage";
    }

    /** Set of the digests of every stored module. */
    public static String modules() {
        return PREFIX + "{modules}";
    }

    /** Set of the digests of every stored model. */
    public static String models() {
        return PREFIX + "{models}";
    }

    /** The last agent log lines a node forwarded for a mission (a capped list of JSON lines). */
    public static String missionNodeLogs(String missionId, String nodeId) {
        return missionTag(missionId) + ":agent-logs:" + nodeId;
    }

    /** How many agent log lines the node left out (over its bound) for that mission. */
    public static String missionNodeLogsDropped(String missionId, String nodeId) {
        return missionTag(missionId) + ":agent-logs:" + nodeId + ":dropped";
    }

    public static String moduleMeta(String sha256) {
        return PREFIX + "{modules}:" + sha256;
    }

    /** Module bytes as stored by C2 versions that kept blobs in Redis (now read once and moved to disk). */
    public static String moduleBytes(String sha256) {
        return PREFIX + "{modules}:" + sha256 + ":bytes";
    }

    public static String modelMeta(String sha256) {
        return PREFIX + "{models}:" + sha256;
    }

    /** Model bytes as stored by C2 versions that kept blobs in Redis (now read once and moved to disk). */
    public static String modelBytes(String sha256) {
        return PREFIX + "{models}:" + sha256 + ":bytes";
    }

    /** The audit trail: a list of records (JSON), seq n at index n - 1. */
    public static String audit() {
        return PREFIX + "{audit}";
    }

    /** The audit trail's head: {@code <seq> <hash>} of its last record. */
    public static String auditHead() {
        return PREFIX + "{audit}:head";
    }

    /** Stream of a mission's transitions (every node's state changes, cancel requests and answers). */
    public static String missionHistory(String missionId) {
        return missionTag(missionId) + ":history";
    }

    /** Hash node id → the highest status version applied for the mission on that node. */
    public static String missionStatusVersions(String missionId) {
        return missionTag(missionId) + ":status-versions";
    }

    /** Sorted set of missions queued for a node (lower score = dispatched first: higher priority, then older). */
    public static String nodeMissionQueue(String nodeId) {
        return nodeTag(nodeId) + ":mission-queue";
    }

    /** Stream of a node's telemetry samples, capped. */
    public static String nodeTelemetryHistory(String nodeId) {
        return nodeTag(nodeId) + ":telemetry-history";
    }

    /** Hash mission id → the serialized AssignMission command waiting in the node's mission queue. */
    public static String nodeQueuedAssignments(String nodeId) {
        return nodeTag(nodeId) + ":queued-assignments";
    }

    /**
     * Which C2 replica holds the node's link: {@code <instance>/<session>}, with a lease (PX) the owner renews;
     * a replica that dies stops renewing, so its ownership expires.
     */
    public static String nodeLinkOwner(String nodeId) {
        return nodeTag(nodeId) + ":link-owner";
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
        return PREFIX + "{alert-acks}";
    }

    /** Sorted set of acknowledged alert ids by acknowledgement time (ms), to keep only the newest. */
    public static String alertAckOrder() {
        return PREFIX + "{alert-acks}:order";
    }

    /** Journal metadata (hash) of one mission's journal on one node. */
    public static String journal(String missionId, String nodeId) {
        return nodeTag(nodeId) + ":journal:" + missionId;
    }

    /** Set of the missions whose journal C2 still wants from the node. */
    public static String nodeJournalRequests(String nodeId) {
        return nodeTag(nodeId) + ":journal-requests";
    }

    /** Set of the nodes with journal metadata for the mission (a SCAN would see one cluster node only). */
    public static String missionJournalNodes(String missionId) {
        return missionTag(missionId) + ":journal-nodes";
    }

    /** Set of the plan digests the mission's simulations ran. */
    public static String missionSimulationDigests(String missionId) {
        return missionTag(missionId) + ":simulation-digests";
    }

    /** Hash simulation id → simulation record (JSON), for every simulation of one plan digest. */
    public static String simulations(String digest) {
        return PREFIX + "{digest:" + digest + "}:simulations";
    }

    /** Hash {@code <simulation id>/<commander>} → approval (JSON), for one plan digest. */
    public static String approvals(String digest) {
        return PREFIX + "{digest:" + digest + "}:approvals";
    }

    /** Hash of failed logins for one throttle key ({@code user:<name>} or {@code address:<address>}). */
    public static String loginFailures(String key) {
        return PREFIX + "login-failures:" + key;
    }
}
