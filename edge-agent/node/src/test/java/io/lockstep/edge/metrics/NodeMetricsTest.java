package io.lockstep.edge.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.edge.debug.DebugWriteGuard;
import io.lockstep.edge.mission.BlobCache;
import io.lockstep.edge.testing.FakeC2;
import io.lockstep.edge.testing.Missions;
import io.lockstep.edge.testing.WasmAgents;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.AssignMission;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CapabilityGrant;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The node's Prometheus endpoint on its debug port, after a short mission whose agent talks to a peer
 * node over the mesh: every metric appears, tagged with the node id, with values that follow the activity.
 * Then every query of the Grafana dashboards is checked against what the node and C2 really export.
 */
@QuarkusTest
@QuarkusTestResource(value = MeshPeerResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MISSION = "m-metrics";
    private static final String NODE = "lockstep_node_id=\"node-test\"";

    private static void assign(FakeC2 c2, String nodeId, AgentSpec agent) {
        c2.command(C2ToEdge.newBuilder().setAssign(AssignMission.newBuilder().setAssignment(
                Missions.assignment(MISSION, nodeId, 40, 10, LinkLossPolicy.CONTINUE, 0, agent))));
    }

    @Test
    @Order(1)
    void aMissionTalkingOverTheMeshShowsInEveryMetric() throws Exception {
        awaitScrape(s -> s.sum("lockstep_mesh_peers", NODE) >= 1 && s.sum("lockstep_link_connected", NODE) == 1);
        Scrape idle = Scrape.now();
        assertThat(idle.sum("lockstep_tick_duration_seconds_count")).isZero();
        assertThat(idle.sum("lockstep_mission_tick")).isEqualTo(-1);

        byte[] talker = WasmAgents.emitting("swarm/hello", 60);
        for (FakeC2 c2 : new FakeC2[] {MeshPeerResource.c2, MeshPeerResource.peerC2}) {
            c2.offerBlob(BlobCache.sha256Hex(talker), talker);
        }
        AgentSpec talk = Missions.agent("talker", talker).toBuilder().setCapabilities(CapabilityGrant.newBuilder()
                .addHostFunctions("emit").addEmitTopics("swarm/**")).build();
        assign(MeshPeerResource.peerC2, "node-peer", talk);
        assign(MeshPeerResource.c2, "node-test", talk);

        // The mission-tick gauge moves before the tick's duration is recorded: wait for both.
        Scrape active = awaitScrape(s -> s.sum("lockstep_mission_tick") >= 60
                && s.sum("lockstep_tick_duration_seconds_count", NODE) >= 60
                && s.sum("messaging_client_consumed_messages_total") >= 1);
        double ticks = active.sum("lockstep_tick_duration_seconds_count", NODE);
        assertThat(ticks).isGreaterThanOrEqualTo(60);
        assertThat(active.sum("lockstep_tick_duration_seconds_sum")).isPositive();
        assertThat(active.sum("lockstep_tick_duration_seconds_bucket", "le=\"+Inf\"")).isEqualTo(ticks);
        assertThat(active.sum("lockstep_agent_fuel_used_total", "lockstep_agent_name=\"talker\"",
                "lockstep_mission_id=\"" + MISSION + "\"")).isPositive();
        assertThat(active.sum("messaging_client_sent_messages_total", "messaging_system=\"zenoh\"")).isPositive();
        assertThat(active.sum("lockstep_mesh_messages_dropped_total")).isZero();
        assertThat(active.sum("lockstep_mesh_messages_malformed_total")).isZero();
        assertThat(active.sum("lockstep_mesh_messages_refused_total")).isZero();
        assertThat(active.sum("lockstep_mesh_messages_dropped_reconnecting_total")).isGreaterThanOrEqualTo(0);
        assertThat(active.sum("lockstep_mesh_peers_refused_unauthenticated_total")).isZero();
        assertThat(active.sum("lockstep_mesh_peers_closed_declaration_cap_total")).isZero();
        assertThat(active.sum("lockstep_journal_size_bytes")).isPositive();
        assertThat(active.sum("lockstep_link_outbox_depth")).isGreaterThanOrEqualTo(0);
        assertThat(active.sum("lockstep_link_outbox_dropped_total")).isZero();
        assertThat(active.sum("lockstep_link_spool_depth")).isGreaterThanOrEqualTo(0);
        assertThat(active.sum("lockstep_link_spool_dropped_total")).isZero();

        double estops = active.sum("lockstep_supervisor_interventions_total", "lockstep_supervisor_rule=\"ESTOP\"");
        given().header(DebugWriteGuard.TOKEN_HEADER, "test-token").contentType(ContentType.JSON)
                .body("{\"engaged\": true, \"reason\": \"metrics test\"}").post("/debug/v1/estop")
                .then().statusCode(200);
        given().header(DebugWriteGuard.TOKEN_HEADER, "test-token").contentType(ContentType.JSON)
                .body("{\"engaged\": false}").post("/debug/v1/estop").then().statusCode(200);
        assertThat(Scrape.now().sum("lockstep_supervisor_interventions_total", "lockstep_supervisor_rule=\"ESTOP\""))
                .isEqualTo(estops + 1);
    }

    @Test
    @Order(2)
    void everyDashboardQueryNamesAMetricThatIsExported() throws Exception {
        DashboardQueries dashboards = DashboardQueries.load();
        assertThat(dashboards.titles()).contains("Lockstep fleet overview", "Lockstep node", "Lockstep mission");
        // C2's metrics are checked against C2's own scrape in cloud-c2 (DashboardMetricsTest there).
        Set<String> exported = Scrape.now().names();
        assertThat(dashboards.metricNames()).isNotEmpty()
                .filteredOn(name -> !name.startsWith(DashboardQueries.C2_PREFIX))
                .allSatisfy(name -> assertThat(exported).as("metrics the node exports").contains(name));
    }

    private static Scrape awaitScrape(Predicate<Scrape> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Scrape last = Scrape.now();
            try {
                if (wanted.test(last)) {
                    return last;
                }
            } catch (AssertionError notYet) {
                // a metric not exported yet: keep polling
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("metrics never reached the expected values: " + last.samples());
            }
            Thread.sleep(50);
        }
    }
}
