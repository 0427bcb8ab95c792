package io.reprotect.api;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the served OpenAPI document with what annotations cannot say: where the API runs
 * (the Function App's host, a server variable) and how callers authenticate (a function key in
 * the {@code x-functions-key} header; with Entra ID on, a bearer token as well, see
 * docs/deploy.md). The Swagger 2.0 connector in {@code connector/} states the same.
 */
public class OpenApiDocument implements OASFilter {

    /** Name of the function-key security scheme, in this document and in the connector. */
    public static final String FUNCTION_KEY = "functionKey";
    /** Header the Functions host reads a function or host key from. */
    public static final String FUNCTION_KEY_HEADER = "x-functions-key";

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
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(FUNCTION_KEY)));
    }
}
