package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document the app serves at /api/q/openapi states the contract a Logic App relies on. */
@QuarkusTest
class OpenApiDocumentTest {

    static JsonNode served() throws Exception {
        return new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
    }

    /** Every operation as "METHOD path" with its responses. */
    static List<Map.Entry<String, JsonNode>> operations(JsonNode doc) {
        List<Map.Entry<String, JsonNode>> ops = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                op -> ops.add(Map.entry(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue()))));
        return ops;
    }

    @Test
    void every202StatesLocationAndRetryAfter() throws Exception {
        List<String> missing = new ArrayList<>();
        for (var op : operations(served())) {
            JsonNode accepted = op.getValue().path("responses").path("202");
            if (!accepted.isMissingNode()) {
                for (String header : List.of("Location", "Retry-After")) {
                    if (accepted.path("headers").path(header).isMissingNode()) {
                        missing.add(op.getKey() + " 202 " + header);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(operations(served())).extracting(Map.Entry::getKey)
                .contains("POST /api/reprotect", "GET /api/jobs/{id}/result", "POST /api/jobs/{id}/cancel",
                        "POST /api/jobs/{id}/resume");
    }

    @Test
    void every409StatesLocationAndEvery4xxHasAProblemSchema() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (var op : operations(served())) {
            op.getValue().path("responses").fields().forEachRemaining(r -> {
                int code = Integer.parseInt(r.getKey());
                boolean resultConflict = op.getKey().equals("GET /api/jobs/{id}/result");
                if (code == 409 && !resultConflict && r.getValue().path("headers").path("Location").isMissingNode()) {
                    wrong.add(op.getKey() + " 409 without Location");
                }
                if (code >= 400 && code < 500) {
                    String ref = r.getValue().path("content").path(ProblemDetails.MEDIA_TYPE).path("schema")
                            .path("$ref").asText("");
                    if (!ref.endsWith("/ProblemDetails") && !ref.endsWith("/JobOutcomeProblem")
                            && !(code == 403 && ref.endsWith("/RoleProblem"))) {
                        wrong.add(op.getKey() + " " + code + " without a problem+json schema");
                    }
                }
            });
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyOperationDocumentsTheRefusalOfACallerWithoutItsRole() throws Exception {
        JsonNode doc = served();
        for (var op : operations(doc)) {
            assertThat(op.getValue().path("responses").path("403").path("content").path(ProblemDetails.MEDIA_TYPE)
                    .path("schema").path("$ref").asText()).as(op.getKey()).endsWith("/RoleProblem");
        }
        assertThat(doc.path("components").path("schemas").path("RoleProblem").path("properties").has("requiredRole"))
                .isTrue();
    }

    @Test
    void outputsHaveARealSchemaNotJacksonsJsonNode() throws Exception {
        JsonNode doc = served();
        assertThat(doc.path("components").path("schemas").has("JsonNode")).isFalse();
        assertThat(doc.path("components").path("schemas").path("Job").path("properties").path("outputs")
                .path("$ref").asText()).endsWith("/JobOutputs");
        assertThat(doc.path("components").path("schemas").path("JobOutputs").path("properties").path("replicas")
                .path("items").path("$ref").asText()).endsWith("/Replica");
    }

    @Test
    void theDocumentNamesItsServerItsFunctionKeySchemeAndTagsAPersonReads() throws Exception {
        JsonNode doc = served();
        assertThat(doc.path("servers").get(0).path("url").asText()).startsWith("https://");
        JsonNode scheme = doc.path("components").path("securitySchemes").path(OpenApiDocument.FUNCTION_KEY);
        assertThat(scheme.path("type").asText()).isEqualTo("apiKey");
        assertThat(scheme.path("in").asText()).isEqualTo("header");
        assertThat(scheme.path("name").asText()).isEqualTo("x-functions-key");
        assertThat(doc.path("security").get(0).has(OpenApiDocument.FUNCTION_KEY)).isTrue();
        for (var op : operations(doc)) {
            assertThat(op.getValue().path("tags").get(0).asText()).as(op.getKey())
                    .isIn("Reprotect", "Jobs", "Protected items", "Approvals", "Recovery plans");
        }
    }
}
