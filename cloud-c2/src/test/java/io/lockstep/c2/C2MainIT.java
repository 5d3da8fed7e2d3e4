package io.lockstep.c2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.support.PackagedC2;
import io.lockstep.c2.support.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged C2 started as a user starts it ({@code java -jar quarkus-run.jar}, no extra switch): its
 * entry point hands the request-URI check to C2's route, so an invalid URI gets a problem, not Quarkus'
 * empty 400 (the unit tests set the switch themselves).
 */
class C2MainIT {

    private PackagedC2 c2;

    @BeforeEach
    void start() throws Exception {
        c2 = PackagedC2.inTarget("c2-main-");
        c2.start();
    }

    @AfterEach
    void stop() throws Exception {
        c2.close();
    }

    @Test
    void anInvalidRequestUriIsAProblem() throws Exception {
        RawHttp.Answer answer = RawHttp.send(c2.httpPort(),
                "GET /api/v1/nodes/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("urn:lockstep:problem:invalid-uri");
    }
}
