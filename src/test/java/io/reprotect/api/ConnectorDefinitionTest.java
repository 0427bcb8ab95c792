package io.reprotect.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code connector/apiDefinition.swagger.json} (Swagger 2.0, which Logic Apps custom
 * connectors and Power Platform import) equal to the OpenAPI 3.1 document the app serves: same
 * operations, parameters, responses with their headers, schemas and security. Both are reduced to
 * one neutral shape; descriptions, examples and the connector's x-ms- extensions are left out.
 */
@QuarkusTest
class ConnectorDefinitionTest {

    static final Path CONNECTOR = Path.of("connector");
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Schema keywords that carry meaning for a client; descriptions and examples do not. */
    static final List<String> SCHEMA_KEYWORDS = List.of("type", "format", "enum", "minimum", "maximum", "default",
            "additionalProperties");

    static JsonNode swagger() throws Exception {
        return new ObjectMapper().readTree(CONNECTOR.resolve("apiDefinition.swagger.json").toFile());
    }

    @Test
    void theConnectorDescribesTheSameApiAsTheServedDocument() throws Exception {
        JsonNode served = OpenApiDocumentTest.served();
        // what connector/generate.py reads: python3 connector/generate.py target/openapi-served.json
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(Path.of("target", "openapi-served.json").toFile(),
                served);
        JsonNode fromApp = asTheConnectorOffersIt(fromOpenApi3(served));
        JsonNode fromConnector = fromSwagger2(swagger());
        // compare part by part, so that a failure names what differs
        for (String part : List.of("operations", "schemas", "security")) {
            assertThat(fromConnector.path(part).toPrettyString()).as(part + " of connector/apiDefinition.swagger.json")
                    .isEqualTo(fromApp.path(part).toPrettyString());
        }
    }

    @Test
    void theConnectorIsSwagger2WithTheExtensionsPowerPlatformReads() throws Exception {
        JsonNode doc = swagger();
        assertThat(doc.path("swagger").asText()).isEqualTo("2.0");
        assertThat(doc.path("basePath").asText()).isEqualTo("/api");
        assertThat(doc.path("schemes").toString()).isEqualTo("[\"https\"]");
        JsonNode reprotect = doc.path("paths").path("/reprotect").path("post");
        assertThat(reprotect.has("x-ms-long-running-operation")).as("an AutoRest extension, not a connector one")
                .isFalse();
        assertThat(reprotect.path("x-ms-visibility").asText()).isEqualTo("important");
        assertThat(reprotect.path("responses").path("200").path("schema").path("$ref").asText())
                .as("what the designer shows after polling").isEqualTo("#/definitions/Job");
        assertThat(doc.path("securityDefinitions").path("functionKey").path("in").asText()).isEqualTo("query");
        assertThat(doc.path("securityDefinitions").path("functionKey").path("name").asText()).isEqualTo("code");
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            assertThat(op.getValue().path("summary").asText()).as(op.getKey() + " " + path.getKey()).isNotBlank();
            for (JsonNode p : op.getValue().path("parameters")) {
                if (!p.path("in").asText().equals("body")) {
                    assertThat(p.path("x-ms-summary").asText()).as(p.path("name").asText()).isNotBlank();
                }
            }
            // the actions that start work answer 202 + Location, which Logic Apps polls by itself; the 200 the
            // designer offers afterwards is the Job (connector/check.js checks the full rule set)
            if (op.getValue().path("responses").has("202")) {
                assertThat(op.getValue().path("responses").path("200").path("schema").path("$ref").asText())
                        .as(op.getKey() + " " + path.getKey() + " answers 202").isEqualTo("#/definitions/Job");
            }
        }));
        JsonNode properties = new ObjectMapper().readTree(CONNECTOR.resolve("apiProperties.json").toFile())
                .path("properties");
        assertThat(properties.path("connectionParameters").path("api_key").path("type").asText()).isEqualTo("securestring");
        assertThat(properties.path("policyTemplateInstances").get(0).path("templateId").asText()).isEqualTo("dynamichosturl");
    }

    /**
     * The served API as the connector deliberately offers it: a job-starting operation (202, with whatIf) has no
     * whatIf in the connector, and its 200 is the Job its last poll returns (Logic Apps shows the 200 schema
     * after polling); the key goes as {@code ?code=}, which the Functions host accepts like the header.
     */
    static JsonNode asTheConnectorOffersIt(JsonNode reduced) {
        ObjectNode out = reduced.deepCopy();
        out.path("operations").fields().forEachRemaining(op -> {
            ObjectNode params = (ObjectNode) op.getValue().path("parameters");
            ObjectNode responses = (ObjectNode) op.getValue().path("responses");
            if (params.has("query:whatIf") && responses.has("202")) {
                params.remove("query:whatIf");
                responses.set("200", response(NODES.objectNode().put("$ref", "#/components/schemas/Job"),
                        NODES.objectNode()));
            }
        });
        ObjectNode key = (ObjectNode) out.path("security").path("functionKey");
        key.put("in", "query").put("name", "code");
        return out;
    }

    // --- reduce both documents to one shape ---

    static JsonNode fromOpenApi3(JsonNode doc) {
        ObjectNode out = NODES.objectNode();
        ObjectNode ops = out.putObject("operations");
        for (String path : sorted(doc.path("paths"))) {
            for (String method : sorted(doc.path("paths").path(path))) {
                JsonNode op = doc.path("paths").path(path).path(method);
                ObjectNode o = operation(ops, method, path, op);
                ObjectNode params = o.putObject("parameters");
                for (JsonNode p : op.path("parameters")) {
                    params.set(p.path("in").asText() + ":" + p.path("name").asText(),
                            parameter(p.path("required").asBoolean(false), p.path("schema").path("type").asText()));
                }
                JsonNode body = op.path("requestBody");
                if (!body.isMissingNode()) {
                    params.set("body", NODES.objectNode().put("required", body.path("required").asBoolean(false))
                            .set("schema", schema(body.path("content").path("application/json").path("schema"))));
                }
                ObjectNode responses = o.putObject("responses");
                for (String code : sorted(op.path("responses"))) {
                    JsonNode r = op.path("responses").path(code);
                    JsonNode content = r.path("content");
                    JsonNode schema = content.isMissingNode() ? null : content.elements().next().path("schema");
                    ObjectNode headers = NODES.objectNode();
                    for (String h : sorted(r.path("headers"))) {
                        headers.put(h, r.path("headers").path(h).path("schema").path("type").asText());
                    }
                    responses.set(code, response(schema, headers));
                }
            }
        }
        ObjectNode schemas = out.putObject("schemas");
        for (String name : sorted(doc.path("components").path("schemas"))) {
            schemas.set(name, schema(doc.path("components").path("schemas").path(name)));
        }
        out.set("security", security(doc.path("components").path("securitySchemes"), doc.path("security")));
        return out;
    }

    static JsonNode fromSwagger2(JsonNode doc) {
        ObjectNode out = NODES.objectNode();
        ObjectNode ops = out.putObject("operations");
        String base = doc.path("basePath").asText("");
        List<String> paths = sorted(doc.path("paths")).stream().map(p -> base + p).sorted().toList();
        for (String full : paths) {
            JsonNode item = doc.path("paths").path(full.substring(base.length()));
            for (String method : sorted(item)) {
                JsonNode op = item.path(method);
                ObjectNode o = operation(ops, method, full, op);
                ObjectNode params = o.putObject("parameters");
                for (JsonNode p : op.path("parameters")) {
                    if (p.path("in").asText().equals("body")) {
                        params.set("body", NODES.objectNode().put("required", p.path("required").asBoolean(false))
                                .set("schema", schema(p.path("schema"))));
                    } else {
                        params.set(p.path("in").asText() + ":" + p.path("name").asText(),
                                parameter(p.path("required").asBoolean(false), p.path("type").asText()));
                    }
                }
                ObjectNode responses = o.putObject("responses");
                for (String code : sorted(op.path("responses"))) {
                    JsonNode r = op.path("responses").path(code);
                    ObjectNode headers = NODES.objectNode();
                    for (String h : sorted(r.path("headers"))) {
                        headers.put(h, r.path("headers").path(h).path("type").asText());
                    }
                    responses.set(code, response(r.has("schema") ? r.path("schema") : null, headers));
                }
            }
        }
        ObjectNode schemas = out.putObject("schemas");
        for (String name : sorted(doc.path("definitions"))) {
            schemas.set(name, schema(doc.path("definitions").path(name)));
        }
        out.set("security", security(doc.path("securityDefinitions"), doc.path("security")));
        return out;
    }

    private static ObjectNode operation(ObjectNode ops, String method, String path, JsonNode op) {
        ObjectNode o = ops.putObject(method.toUpperCase() + " " + path);
        o.put("operationId", op.path("operationId").asText());
        ArrayNode tags = o.putArray("tags");
        op.path("tags").forEach(t -> tags.add(t.asText()));
        return o;
    }

    private static ObjectNode parameter(boolean required, String type) {
        return NODES.objectNode().put("required", required).put("type", type);
    }

    private static ObjectNode response(JsonNode schema, ObjectNode headers) {
        ObjectNode r = NODES.objectNode();
        r.set("schema", schema == null ? NODES.nullNode() : schema(schema));
        r.set("headers", headers);
        return r;
    }

    /** A schema's meaning: a reference by definition name, or its keywords, properties and items. */
    static JsonNode schema(JsonNode s) {
        if (s.has("$ref")) {
            String ref = s.path("$ref").asText();
            return NODES.objectNode().put("$ref", ref.substring(ref.lastIndexOf('/') + 1));
        }
        ObjectNode out = NODES.objectNode();
        for (String keyword : SCHEMA_KEYWORDS) {
            if (s.has(keyword)) {
                out.set(keyword, s.path(keyword).isObject() ? schema(s.path(keyword)) : s.path(keyword));
            }
        }
        if (s.has("items")) {
            out.set("items", schema(s.path("items")));
        }
        if (s.has("required")) {
            ArrayNode required = out.putArray("required");
            new TreeSet<String>(textValues(s.path("required"))).forEach(required::add);
        }
        if (s.has("properties")) {
            ObjectNode props = out.putObject("properties");
            for (String name : sorted(s.path("properties"))) {
                props.set(name, schema(s.path("properties").path(name)));
            }
        }
        return out;
    }

    private static JsonNode security(JsonNode schemes, JsonNode requirements) {
        ObjectNode out = NODES.objectNode();
        for (String name : sorted(schemes)) {
            JsonNode s = schemes.path(name);
            out.putObject(name).put("type", s.path("type").asText()).put("in", s.path("in").asText())
                    .put("name", s.path("name").asText());
        }
        ArrayNode required = out.putArray("required");
        requirements.forEach(r -> sorted(r).forEach(required::add));
        return out;
    }

    private static List<String> sorted(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return List.copyOf(names);
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
