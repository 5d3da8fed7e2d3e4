package io.lockstep.c2.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.security.Role;
import io.lockstep.c2.security.users.UsersFile;
import io.lockstep.c2.support.C2TestResources;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is slowed: after 5 failed logins in a row for one name (or 20 from one address) the
 * login answers 429 with Retry-After, without checking the password, for 1 s doubling per further failure;
 * a successful login clears the count. Other users are not locked out by one user's lock. The counts are in
 * Redis, so two replicas' throttles on one Redis count the same failures.
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class LoginThrottleTest {

    @Inject
    C2Config config;

    @Inject
    LoginThrottle throttle;

    @Inject
    RedisDataSource redis;

    @Inject
    Clock clock;

    @BeforeEach
    void users() {
        UsersFile users = new UsersFile(config.files().resolve("users.json"));
        users.put("tess", Role.COMMANDER, "tess-password".toCharArray());
        users.put("uma", Role.VIEWER, "uma-password".toCharArray());
    }

    private static Response login(String name, String password) {
        return given().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"password\": \"" + password + "\"}")
                .when().post("/api/v1/auth/login");
    }

    /** Polls until the login succeeds (the lock has passed); fails after 20 s. */
    private static void awaitLogin(String name, String password) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (login(name, password).statusCode() != 200) {
            assertThat(System.nanoTime()).as("%s still locked", name).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void fiveWrongPasswordsLockTheNameWithABackoffThatDoubles() throws Exception {
        for (int i = 0; i < 4; i++) {
            login("tess", "guess-" + i).then().statusCode(401);
        }
        login("tess", "guess-4").then().statusCode(401);
        // Locked: even the right password is not checked.
        login("tess", "tess-password").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", "1").body("type", equalTo("urn:lockstep:problem:login-throttled"));
        // Another user from the same address is not locked out.
        login("uma", "uma-password").then().statusCode(200);

        awaitLogin("tess", "tess-password");
        // The success cleared the count: four more failures do not lock.
        for (int i = 0; i < 4; i++) {
            login("tess", "again-" + i).then().statusCode(401);
        }
        login("tess", "tess-password").then().statusCode(200);

        // Back to the limit, then past it once the first lock passed: the lock doubles.
        for (int i = 0; i < 5; i++) {
            login("tess", "more-" + i).then().statusCode(401);
        }
        login("tess", "tess-password").then().statusCode(429).header("Retry-After", "1");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Response next;
        while ((next = login("tess", "still-wrong")).statusCode() == 429) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(200);
        }
        next.then().statusCode(401);
        login("tess", "tess-password").then().statusCode(429).header("Retry-After", "2");
        awaitLogin("tess", "tess-password");
    }

    @Test
    void manyNamesGuessedFromOneAddressLockTheAddress() throws Exception {
        for (int i = 0; i < 20; i++) {
            login("nobody-" + i, "guess").then().statusCode(401);
        }
        login("uma", "uma-password").then().statusCode(429).header("Retry-After", "1")
                .body("type", equalTo("urn:lockstep:problem:login-throttled"));
        awaitLogin("uma", "uma-password");
    }

    @Test
    void concurrentGuessesGetNoMoreTriesThanSequentialOnes() {
        String user = "burst-" + System.nanoTime();
        // Five attempts in flight at once (distinct addresses, so only the name's allowance counts) ...
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.begin(user, "10.1.0." + i)).as("attempt %d", i).isEmpty();
        }
        // ... take the name to its allowance: a sixth must wait for them instead of guessing too.
        assertThat(throttle.begin(user, "10.1.0.9")).hasValue(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            throttle.failed(user, "10.1.0." + i);
        }
        assertThat(throttle.begin(user, "10.1.0.9")).as("five failures lock the name")
                .hasValueSatisfying(wait -> assertThat(wait).isPositive());
    }

    @Test
    void anAbandonedAttemptFreesItsPlace() {
        String user = "abandon-" + System.nanoTime();
        for (int i = 0; i < 4; i++) {
            throttle.begin(user, "10.2.0." + i);
            throttle.failed(user, "10.2.0." + i);
        }
        assertThat(throttle.begin(user, "10.2.0.8")).isEmpty();
        assertThat(throttle.begin(user, "10.2.0.9")).as("the fifth try is in flight").isPresent();
        throttle.abandoned(user, "10.2.0.8");
        assertThat(throttle.begin(user, "10.2.0.9")).isEmpty();
    }

    @Test
    void twoReplicasOnOneRedisCountTheSameFailures() {
        // A second C2 replica's throttle: its own instance, the same Redis.
        LoginThrottle other = new LoginThrottle(redis, clock, config);
        String user = "spread-" + System.nanoTime();
        for (int i = 0; i < 4; i++) {
            (i % 2 == 0 ? throttle : other).failed(user, "10.0.0." + i);
        }
        assertThat(throttle.retryAfter(user, "10.0.0.9")).isEmpty();
        assertThat(other.retryAfter(user, "10.0.0.9")).isEmpty();
        // The fifth failure, on the second replica, locks the name on both.
        other.failed(user, "10.0.0.4");
        assertThat(throttle.retryAfter(user, "10.0.0.9")).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(other.retryAfter(user, "10.0.0.9")).isPresent();
        // A success on one replica clears the count for both.
        throttle.succeeded(user, "10.0.0.9");
        assertThat(other.retryAfter(user, "10.0.0.9")).isEmpty();
        assertThat(redis.key().exists(RedisKeys.loginFailures("user:" + user))).isFalse();
    }
}
