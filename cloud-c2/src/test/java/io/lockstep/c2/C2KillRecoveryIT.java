package io.lockstep.c2;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lockstep.c2.support.Fixtures;
import io.lockstep.c2.support.PackagedC2;
import io.restassured.RestAssured;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the packaged C2 with SIGKILL, which leaves its embedded redis-server running, and starts C2 again
 * on the same data directory: the leftover server is shut down (never a second one on the same files) and
 * the state written before the kill is there.
 */
class C2KillRecoveryIT {

    private PackagedC2 c2;

    @BeforeEach
    void prepare() throws IOException {
        c2 = PackagedC2.inTarget("c2-kill-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        c2.close();
    }

    @Test
    void aRestartAfterKill9StopsTheOrphanedRedisServerAndKeepsTheState() throws Exception {
        c2.start();
        ProcessHandle orphan = c2.redisServer();
        String missionId = Fixtures.createMission(Fixtures.uploadModule());

        c2.kill();
        assertThat(orphan.isAlive()).as("SIGKILL leaves the embedded redis-server running").isTrue();

        c2.start();
        ProcessHandle current = c2.redisServer();
        assertThat(current.pid()).isNotEqualTo(orphan.pid());
        assertThat(orphan.onExit().get(20, TimeUnit.SECONDS).isAlive())
                .as("the orphaned redis-server was stopped").isFalse();
        given().when().get("/api/v1/missions/" + missionId).then().statusCode(200)
                .body("id", equalTo(missionId));
        assertThat(c2.log()).contains("shutting it down before starting a new one");
    }
}
