package io.lockstep.edge.debug;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.edge.testing.RawGet;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * A request URI that is not a valid URI gets a problem from the debug port (with the switch NodeMain sets,
 * which the test JVM sets too), not Quarkus' empty 400 nor a failure inside a route.
 */
@QuarkusTest
class DebugUriCheckTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void anInvalidRequestUriIsAProblem() throws IOException {
        for (String path : new String[] {"/debug/v1/%zz", "/debug/v1/logs?after=%zz", "/debug/v1/hazards/a|b", "/%zz"}) {
            RawGet answer = RawGet.send(base, path);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.contentType()).as(path).startsWith(DebugProblem.MEDIA_TYPE);
            assertThat(answer.body()).as(path).contains("urn:lockstep:problem:invalid-uri").contains("not a valid URI");
        }
    }

    @Test
    void aValidUriWithEscapesStillReachesItsEndpoint() throws IOException {
        assertThat(RawGet.send(base, "/debug/v1/st%61tus").status()).isEqualTo(200);
    }
}
