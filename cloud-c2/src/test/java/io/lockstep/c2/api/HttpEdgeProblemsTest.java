package io.lockstep.c2.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.RawHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP layer refuses before JAX-RS, sent with a raw socket as any client could: a request URI that
 * is not a valid URI and a declared body over the 80 MB limit are answered as problem+json (the latter
 * closing the connection); a request line over the decoder's limit still gets Vert.x's empty 414 (docs/c2.md
 * says why).
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class HttpEdgeProblemsTest {

    @TestHTTPResource("/")
    URI base;

    private RawHttp.Answer send(String request) throws IOException {
        return RawHttp.send(base.getPort(), request);
    }

    @Test
    void aUriThatIsNotAValidUriIsAProblem() throws Exception {
        // Quarkus' own check would answer these with an empty 400 before any route (and without it the routes
        // fail on them: %zz in a path breaks path matching, in a query string the filters' getRequestUri).
        for (String path : new String[] {"/api/v1/nodes/%zz", "/api/v1/missions/%zz/simulations", "/%zz",
                "/api/v1/nodes?state=%zz", "/api/v1/nodes/a|b", "/q/health/%zz"}) {
            RawHttp.Answer answer = send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.header("content-type")).as(path).startsWith("application/problem+json");
            assertThat(answer.body()).as(path).contains("urn:lockstep:problem:invalid-uri")
                    .contains("is not a valid URI");
        }
    }

    @Test
    void aDeclaredBodyOverTheHttpLimitIsAProblemAndTheConnectionCloses() throws Exception {
        for (String path : new String[] {"/api/v1/missions", "/api/v1/modules", "/api/v1/nowhere"}) {
            RawHttp.Answer answer = send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 90000000\r\n\r\n{");
            assertThat(answer.status()).as(path).isEqualTo(413);
            assertThat(answer.header("content-type")).as(path).startsWith("application/problem+json");
            assertThat(answer.body()).as(path).contains("urn:lockstep:problem:body-too-large").contains("90000000");
            assertThat(answer.closed()).as(path + ": the body is not read, the connection is closed").isTrue();
        }
    }

    @Test
    void aRequestLineOverTheDecoderLimitIsRefusedAndTheConnectionEnds() throws Exception {
        // Vert.x's own empty 414, out of C2's reach (docs/c2.md); a URI up to the decoder's limit is C2's problem.
        RawHttp.Answer answer = send("GET /api/v1/nodes/" + "a".repeat(17 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(answer.status()).isEqualTo(414);
        RawHttp.Answer underLimit = send("GET /api/v1/nodes/" + "a".repeat(15 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(underLimit.status()).isEqualTo(414);
        assertThat(underLimit.header("content-type")).startsWith("application/problem+json");
        assertThat(underLimit.body()).contains("urn:lockstep:problem:uri-too-long");
    }
}
