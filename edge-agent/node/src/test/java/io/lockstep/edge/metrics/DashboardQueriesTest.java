package io.lockstep.edge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The PromQL reader finds metric names, and only metric names (not functions, labels, variables). */
class DashboardQueriesTest {

    @Test
    void metricNamesAreFoundInsideFunctionsAggregationsAndJoins() {
        assertThat(DashboardQueries.metricNames("histogram_quantile(0.95, sum by (le, lockstep_node_id) "
                + "(rate(lockstep_tick_duration_seconds_bucket{lockstep_node_id=\"$node\"}[$__rate_interval])))"))
                .containsExactly("lockstep_tick_duration_seconds_bucket");
        assertThat(DashboardQueries.metricNames("lockstep_mission_tick and on (lockstep_node_id) group by "
                + "(lockstep_node_id) (lockstep_agent_fuel_used_total{lockstep_mission_id=\"$mission\"})"))
                .containsExactly("lockstep_agent_fuel_used_total", "lockstep_mission_tick");
        assertThat(DashboardQueries.metricNames("sum(rate(a_total[5m])) / ignoring(x) b > bool 1e3 offset 1h"))
                .containsExactly("a_total", "b");
    }

    @Test
    void templateVariableQueriesYieldTheirMetricNotTheLabel() {
        assertThat(DashboardQueries.metricNames("label_values(lockstep_link_connected, lockstep_node_id)"))
                .containsExactly("lockstep_link_connected");
    }

    @Test
    void theRepositoryDashboardsAreReadAndNonEmpty() throws Exception {
        DashboardQueries dashboards = DashboardQueries.load();
        assertThat(dashboards.titles()).hasSize(3);
        assertThat(dashboards.expressions()).hasSizeGreaterThan(20);
        assertThat(dashboards.metricNames()).contains("lockstep_c2_commands_pending", "lockstep_agent_fuel_used_total",
                "messaging_client_consumed_messages_total");
    }
}
