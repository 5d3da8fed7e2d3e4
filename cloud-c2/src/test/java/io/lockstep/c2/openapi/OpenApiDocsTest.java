package io.lockstep.c2.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.c2.support.C2TestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/c2.md's endpoint table and the served OpenAPI document list the same path+method pairs (with the
 * same minimum role), so neither can drift from the other; the spec carries the bearer scheme.
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class OpenApiDocsTest {

    /** A row of the endpoint table: | `METHOD` | `/api/v1/...` | role | what |. */
    private static final Pattern ROW = Pattern.compile(
            "^\\|\\s*`(GET|POST|PUT|DELETE|PATCH)`\\s*\\|\\s*`(/api/v1/[^`]*)`\\s*\\|\\s*([a-z]+)\\s*\\|", Pattern.MULTILINE);
    private static final Set<String> VERBS = Set.of("get", "post", "put", "delete", "patch");

    @Test
    void everyPathAndMethodOfTheSpecIsInTheDocsTableAndViceVersa() throws Exception {
        JsonNode spec = new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        Map<String, String> fromSpec = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next();
                if (VERBS.contains(method)) {
                    fromSpec.put(method.toUpperCase(Locale.ROOT) + " " + path.getKey(),
                            securityOf(path.getValue().path(method)));
                }
            }
        }
        Map<String, String> fromDocs = new TreeMap<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("..", "docs", "c2.md")));
        while (row.find()) {
            fromDocs.put(row.group(1) + " " + row.group(2), row.group(3));
        }
        assertThat(fromSpec).isNotEmpty();
        assertThat(new TreeSet<>(fromDocs.keySet()))
                .as("docs/c2.md's endpoint table must list exactly the paths and methods of /q/openapi")
                .isEqualTo(new TreeSet<>(fromSpec.keySet()));
        for (Map.Entry<String, String> entry : fromDocs.entrySet()) {
            String secured = fromSpec.get(entry.getKey());
            if (entry.getValue().equals("open")) {
                assertThat(secured).as(entry.getKey() + " is documented open").isEqualTo("open");
            } else {
                assertThat(secured).as(entry.getKey() + " is documented as needing " + entry.getValue())
                        .isEqualTo("bearer");
            }
        }
        JsonNode scheme = spec.path("components").path("securitySchemes").path("bearer");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).isEqualTo("JWT");
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    /** "bearer" when the operation requires the bearer scheme, "open" otherwise. */
    private static String securityOf(JsonNode operation) {
        JsonNode security = operation.path("security");
        for (JsonNode requirement : security) {
            if (requirement.has("bearer")) {
                return "bearer";
            }
        }
        return "open";
    }
}
