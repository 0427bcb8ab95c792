package io.reprotect.api;

import io.reprotect.security.RoleCheck;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the served OpenAPI document with what annotations cannot say: where the API runs
 * (the Function App's host, a server variable) and how callers authenticate (a function key in
 * the {@code x-functions-key} header; with Entra ID on, a bearer token as well, see
 * docs/deploy.md). The Swagger 2.0 connector in {@code connector/} states the same.
 *
 * <p>Every operation answers 403 {@code RoleProblem} when the caller's role does not allow it
 * ({@link RoleCheck}): the filter adds that answer to each, written once.
 *
 * <p>It also gives every operation marked {@link #JOB_ON_ITEM} the answers all calls that start a job on a
 * protected item share (202 with the job, 200 for a what-if, 400, 404, 409), so that they are written once.
 */
public class OpenApiDocument implements OASFilter {

    /** Name of the function-key security scheme, in this document and in the connector. */
    public static final String FUNCTION_KEY = "functionKey";
    /** Header the Functions host reads a function or host key from. */
    public static final String FUNCTION_KEY_HEADER = "x-functions-key";

    /**
     * The extension that marks an operation starting a job on a protected item:
     * {@code @Extension(name = OpenApiDocument.JOB_ON_ITEM, value = "true")}. The filter replaces it by the
     * operation's answers, and it does not appear in the served document.
     */
    public static final String JOB_ON_ITEM = "x-reprotect-job-on-item";

    /** The schema of a 403 answer. */
    static final String ROLE_PROBLEM = "RoleProblem";

    @Override
    public Operation filterOperation(Operation operation) {
        operation = withJobOnItemAnswers(operation);
        if (operation.getResponses() != null) {
            operation.getResponses().addAPIResponse("403", response("The caller's role does not allow this call "
                    + "(problem type role-required names the role it needs and the caller's), or principal headers "
                    + "did not come from App Service Authentication (forged-principal)", Map.of(),
                    ProblemDetails.MEDIA_TYPE, ROLE_PROBLEM));
        }
        return operation;
    }

    private Operation withJobOnItemAnswers(Operation operation) {
        if (operation.getExtensions() != null && operation.getExtensions().containsKey(JOB_ON_ITEM)) {
            operation.removeExtension(JOB_ON_ITEM);
            operation.setResponses(OASFactory.createAPIResponses()
                    .addAPIResponse("202", response("Accepted: poll Location after Retry-After seconds",
                            Map.of("Location", header("The job's status view", Schema.SchemaType.STRING),
                                    "Retry-After", header("Seconds to wait before polling", Schema.SchemaType.INTEGER)),
                            MEDIA_JSON, "Job"))
                    .addAPIResponse("200", response("whatIf=true: what the job would do; nothing was changed",
                            Map.of(), MEDIA_JSON, "WhatIf"))
                    .addAPIResponse("400", response("Invalid body or whatIf: every invalid field is listed",
                            Map.of(), ProblemDetails.MEDIA_TYPE, PROBLEM))
                    .addAPIResponse("404", response("No such protected item", Map.of(), ProblemDetails.MEDIA_TYPE,
                            PROBLEM))
                    .addAPIResponse("409", response("The item's state does not allow it (Location: its failover "
                            + "status and allowed operations), or another job holds the VM (Location: that job)",
                            Map.of("Location", header("The failover status, or the job that holds the VM",
                                    Schema.SchemaType.STRING)),
                            ProblemDetails.MEDIA_TYPE, PROBLEM)));
        }
        return operation;
    }

    private static final String MEDIA_JSON = "application/json";
    private static final String PROBLEM = "ProblemDetails";

    /** A response as its annotation gives it: description, headers (Location first), content. */
    private static APIResponse response(String description, Map<String, Header> headers, String mediaType,
            String schema) {
        APIResponse response = OASFactory.createAPIResponse().description(description);
        new java.util.TreeMap<>(headers).forEach(response::addHeader); // Location sorts before Retry-After
        return response.content(OASFactory.createContent().addMediaType(mediaType, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + schema))));
    }

    private static Schema roleProblemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("403: the role the call needs and the role the caller has (RFC 9457 problem details)")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("role-required or forged-principal, as a README URL"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What was refused, the role needed, the caller's role, what to do"))
                .addProperty("requiredRole", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("Reader, Operator or Administrator"))
                .addProperty("callerRole", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The caller's role, or none"));
    }

    private static Header header(String description, Schema.SchemaType type) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(type)).required(true);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.setServers(List.of(OASFactory.createServer()
                .url("https://{functionApp}.azurewebsites.net")
                .description("The Function App (paths already include /api)")
                .variables(Map.of("functionApp", OASFactory.createServerVariable()
                        .defaultValue("func-reprotect")
                        .description("Name of the Function App (azd env get-value AZURE_FUNCTION_APP_NAME)")))));
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(FUNCTION_KEY, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER)
                .name(FUNCTION_KEY_HEADER)
                .description("A function key or host key of the Function App"));
        openAPI.getComponents().addSchema(ROLE_PROBLEM, roleProblemSchema());
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(FUNCTION_KEY)));
    }
}
