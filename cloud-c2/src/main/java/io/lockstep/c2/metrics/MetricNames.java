package io.lockstep.c2.metrics;

/**
 * C2's own meter names (Micrometer form; Prometheus shows dots as underscores, adds {@code _total} to
 * counters and the unit to gauges with one, e.g. {@code lockstep_c2_status_lag_max_seconds}).
 * docs/c2.md lists them with their Prometheus names.
 */
public final class MetricNames {

    public static final String LINK_SESSIONS = "lockstep.c2.link.sessions";
    public static final String COMMANDS_PENDING = "lockstep.c2.commands.pending";
    public static final String COMMANDS_SENT = "lockstep.c2.commands.sent";
    public static final String COMMANDS_RESENT = "lockstep.c2.commands.resent";
    public static final String NODES_KNOWN = "lockstep.c2.nodes.known";
    public static final String STATUS_LAG_MAX = "lockstep.c2.status.lag.max";
    public static final String LIVE_CREDIT_GRANTS = "lockstep.c2.link.live.credit.grants";
    public static final String LIVE_CREDIT_IN_FLIGHT = "lockstep.c2.link.live.credit.in.flight";
    public static final String LIVE_CREDIT_WAITING = "lockstep.c2.link.live.credit.waiting";

    private MetricNames() {
    }
}
