package io.lockstep.c2.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.c2.support.C2TestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every request body in the served OpenAPI document shows an example (on the media type or on its schema;
 * OpenAPI 3.1 writes a schema's as "examples"),
 * except raw uploads (modules, models), whose schema says they are binary.
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class OpenApiExamplesTest {

    @Test
    void everyRequestBodyHasAnExampleOrIsBinary() throws Exception {
        JsonNode spec = new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        JsonNode schemas = spec.path("components").path("schemas");
        List<String> missing = new ArrayList<>();
        int bodies = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode content = op.getValue().path("requestBody").path("content");
                for (Iterator<Map.Entry<String, JsonNode>> media = content.fields(); media.hasNext();) {
                    Map.Entry<String, JsonNode> type = media.next();
                    bodies++;
                    JsonNode schema = type.getValue().path("schema");
                    if (schema.has("$ref")) {
                        String ref = schema.path("$ref").asText();
                        schema = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
                    }
                    boolean example = type.getValue().has("example") || type.getValue().has("examples")
                            || schema.has("example") || schema.has("examples");
                    boolean binary = "binary".equals(schema.path("format").asText());
                    if (!example && !binary) {
                        missing.add(op.getKey().toUpperCase() + " " + path.getKey() + " (" + type.getKey() + ")");
                    }
                }
            }
        }
        assertThat(bodies).as("request bodies in the document").isGreaterThan(10);
        assertThat(missing).as("request bodies without an example").isEmpty();
    }
}
