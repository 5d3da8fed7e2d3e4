package io.lockstep.c2.metrics;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Heartbeat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** C2's Prometheus endpoint reflects links, commands and their acknowledgements as they happen. */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class MetricsEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void linksCommandsResendsAndStatusLagAreExported() throws Exception {
        String nodeId = "metrics-node-1";
        Scrape before = Scrape.now();
        double sessionsBefore = before.value("lockstep_c2_link_sessions");
        double sentBefore = before.value("lockstep_c2_commands_sent_total");
        double resentBefore = before.value("lockstep_c2_commands_resent_total");

        C2ToEdge estop;
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            awaitScrape(s -> s.value("lockstep_c2_link_sessions") == sessionsBefore + 1);
            node.send(EdgeToC2.newBuilder().setHeartbeat(Heartbeat.newBuilder()).build());

            given().contentType(ContentType.JSON).body("{\"reason\": \"metrics test\"}")
                    .when().post("/api/v1/nodes/" + nodeId + "/estop").then().statusCode(200);
            estop = node.await(C2ToEdge::hasEmergencyStop);
            Scrape withCommand = Scrape.now();
            assertThat(withCommand.value("lockstep_c2_commands_sent_total")).isEqualTo(sentBefore + 1);
            assertThat(withCommand.value("lockstep_c2_commands_pending")).isGreaterThanOrEqualTo(1);
            assertThat(withCommand.value("lockstep_c2_nodes_known")).isGreaterThanOrEqualTo(1);
            assertThat(withCommand.value("lockstep_c2_status_lag_max_seconds")).isBetween(0.0, 60.0);
            node.hangUp();
            node.awaitEnd();
        }
        awaitScrape(s -> s.value("lockstep_c2_link_sessions") == sessionsBefore);

        // The unacknowledged e-stop goes out again on reconnect (and, latched, is re-asserted as a new command).
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            C2ToEdge again = node.await(m -> m.hasEmergencyStop() && m.getCommandSeq() == estop.getCommandSeq());
            assertThat(Scrape.now().value("lockstep_c2_commands_resent_total")).isGreaterThanOrEqualTo(resentBefore + 1);
            double pendingBeforeAck = Scrape.now().value("lockstep_c2_commands_pending");
            node.send(EdgeToC2.newBuilder().setAck(CommandAck.newBuilder().setCommandSeq(again.getCommandSeq())
                    .setApplied(true)).build());
            awaitScrape(s -> s.value("lockstep_c2_commands_pending") == pendingBeforeAck - 1);
            given().when().delete("/api/v1/nodes/" + nodeId + "/estop").then().statusCode(200);
        }
    }

    @Test
    void standardHttpAndJvmMetricsAreExportedToo() {
        given().when().get("/api/v1/nodes").then().statusCode(200);
        assertThat(Scrape.now().names()).contains("http_server_requests_seconds_count", "jvm_memory_used_bytes");
    }

    @Test
    void everyC2MetricTheDashboardsQueryIsExported() throws Exception {
        // The node's metrics are checked against the node's own scrape (NodeMetricsTest in edge-agent/node).
        Set<String> exported = Scrape.now().names();
        assertThat(DashboardQueries.load().metricNames()).filteredOn(name -> name.startsWith(DashboardQueries.C2_PREFIX))
                .isNotEmpty()
                .allSatisfy(name -> assertThat(exported).as("metrics C2 exports").contains(name));
    }

    private static Scrape awaitScrape(Predicate<Scrape> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Scrape last = Scrape.now();
        while (!wanted.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("metrics never reached the expected values: " + last.samples());
            }
            Thread.sleep(50);
            last = Scrape.now();
        }
        return last;
    }
}
