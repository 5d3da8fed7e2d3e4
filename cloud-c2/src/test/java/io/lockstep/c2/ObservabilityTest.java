package io.lockstep.c2;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.EmbeddedRedisHostsProvider;
import io.lockstep.c2.redis.EmbeddedRedisServer;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.c2.trace.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.common.QuarkusTestResource;
import io.smallrye.common.annotation.Identifier;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class ObservabilityTest {

    @Inject
    @Identifier(EmbeddedRedisHostsProvider.NAME)
    EmbeddedRedisHostsProvider embeddedRedis;

    @Inject
    C2Config config;

    @Inject
    @Any
    Instance<SpanExporter> spanExporters;

    @Test
    void readinessCoversRedisTheLinkAndTheGrpcServer() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("edge-link", "Redis connection health check", "gRPC Server"));
    }

    @Test
    void withoutRedisHostsC2RunsItsOwnRedisServerInTheConfiguredDataDirectory() {
        // Creating a mission needs Redis, so the client is connected to the server the provider started.
        Fixtures.createMission(Fixtures.uploadModule());

        EmbeddedRedisServer server = embeddedRedis.server();
        assertThat(server).isNotNull();
        assertThat(server.isActive()).isTrue();
        assertThat(server.dataDir()).isEqualTo(config.redis().dataDir().toAbsolutePath().normalize());
        assertThat(Files.exists(server.dataDir().resolve("appendonly.aof"))).isTrue();
    }

    @Test
    void withoutAnOtlpEndpointSpansAreRecordedButNotExported() {
        assertThat(config.otlp().endpoint()).isEqualTo(DiscardingSpanExporter.OFF);
        assertThat(spanExporters.isResolvable()).isTrue();
        assertThat(spanExporters.get()).isInstanceOf(DiscardingSpanExporter.class);
    }
}
