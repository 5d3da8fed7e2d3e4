package io.lockstep.c2.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.c2.support.C2TestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.lockstep.c2.approval.ApprovalApi;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every request body and every 2xx response body in the served OpenAPI document has a schema and shows an
 * example (on the media type or on its schema, or on an array's items; OpenAPI 3.1 writes a schema's as
 * "examples"), except raw bytes (module and model uploads, journal downloads), whose schema says they are binary.
 * The mission, node and simulation examples carry exactly the fields the real views serialize.
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class OpenApiExamplesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyRequestBodyHasAnExampleOrIsBinary() throws Exception {
        List<String> missing = new ArrayList<>();
        int bodies = forEachBody("requestBody"::equals, missing);
        assertThat(bodies).as("request bodies in the document").isGreaterThan(10);
        assertThat(missing).as("request bodies without an example").isEmpty();
    }

    @Test
    void everySuccessfulResponseBodyHasASchemaAndAnExampleOrIsBinary() throws Exception {
        List<String> missing = new ArrayList<>();
        int bodies = forEachBody(key -> key.startsWith("2"), missing);
        assertThat(bodies).as("2xx response bodies in the document").isGreaterThan(40);
        assertThat(missing).as("2xx response bodies without a schema or an example").isEmpty();
    }

    /** A 2xx response other than 204 must carry a body; 204 must not. */
    @Test
    void onlyNoContentResponsesHaveNoBody() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations(spec())) {
            for (Iterator<Map.Entry<String, JsonNode>> codes = op.node().path("responses").fields(); codes.hasNext();) {
                Map.Entry<String, JsonNode> code = codes.next();
                boolean hasBody = code.getValue().path("content").size() > 0;
                if (code.getKey().startsWith("2") && hasBody == code.getKey().equals("204")) {
                    wrong.add(op + " " + code.getKey());
                }
            }
        }
        assertThat(wrong).as("2xx responses with a body where none belongs, or none where one does").isEmpty();
    }

    @Test
    @TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
    void missionNodeAndSimulationExamplesCarryTheFieldsOfTheRealViews() throws Exception {
        JsonNode schemas = spec().path("components").path("schemas");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        assertSameFields(schemas, "MissionView", given().when().get("/api/v1/missions/" + missionId)
                .then().statusCode(200).extract().asString());

        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            assertSameFields(schemas, "NodeView", given().when().get("/api/v1/nodes/" + nodeId)
                    .then().statusCode(200).extract().asString());
        }

        String simulationId = given().contentType(ContentType.JSON).body("{\"nodes\": 1}")
                .when().post("/api/v1/missions/" + missionId + "/simulations").then().statusCode(202)
                .extract().path("id");
        ApprovalApi.awaitSimulation(missionId, simulationId);
        assertSameFields(schemas, "SimulationRecord", given().when()
                .get("/api/v1/missions/" + missionId + "/simulations/" + simulationId)
                .then().statusCode(200).extract().asString());
    }

    /** The schema's example has the same top-level fields as the real JSON (nulls included, as C2 writes them). */
    private static void assertSameFields(JsonNode schemas, String schema, String real) throws Exception {
        JsonNode example = exampleOf(schemas.path(schema));
        assertThat(example.isObject()).as(schema + " has a JSON object example").isTrue();
        assertThat(fieldNames(example)).as(schema + "'s example fields against a real response " + real)
                .isEqualTo(fieldNames(MAPPER.readTree(real)));
    }

    private static JsonNode exampleOf(JsonNode schema) {
        return schema.has("example") ? schema.path("example") : schema.path("examples").path(0);
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Checks each media type of each body {@code which} picks (the operation's requestBody, or a response by its
     * code): it needs a schema and an example, or a binary schema; adds what lacks them to {@code missing}.
     * Returns how many bodies it checked.
     */
    private static int forEachBody(Predicate<String> which, List<String> missing) throws Exception {
        JsonNode spec = spec();
        JsonNode schemas = spec.path("components").path("schemas");
        int bodies = 0;
        for (Operation op : operations(spec)) {
            List<Map.Entry<String, JsonNode>> candidates = new ArrayList<>();
            candidates.add(Map.entry("requestBody", op.node().path("requestBody")));
            op.node().path("responses").fields().forEachRemaining(candidates::add);
            for (Map.Entry<String, JsonNode> body : candidates) {
                if (!which.test(body.getKey())) {
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> media = body.getValue().path("content").fields();
                        media.hasNext();) {
                    Map.Entry<String, JsonNode> type = media.next();
                    bodies++;
                    JsonNode schema = type.getValue().path("schema");
                    JsonNode target = resolve(schemas, "array".equals(schema.path("type").asText())
                            ? schema.path("items") : schema);
                    boolean example = type.getValue().has("example") || type.getValue().has("examples")
                            || schema.has("example") || schema.has("examples")
                            || target.has("example") || target.has("examples");
                    boolean binary = "binary".equals(target.path("format").asText());
                    boolean typed = target.has("type") || target.has("properties");
                    if (!typed || (!example && !binary)) {
                        missing.add(op + " " + body.getKey() + " (" + type.getKey() + ")"
                                + (typed ? "" : " without a schema"));
                    }
                }
            }
        }
        return bodies;
    }

    private static JsonNode resolve(JsonNode schemas, JsonNode schema) {
        if (!schema.has("$ref")) {
            return schema;
        }
        String ref = schema.path("$ref").asText();
        return schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static JsonNode spec() throws Exception {
        return MAPPER.readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    private static List<Operation> operations(JsonNode spec) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getValue().has("responses")) {
                    operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue()));
                }
            }
        }
        return operations;
    }

    private record Operation(String method, String path, JsonNode node) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
