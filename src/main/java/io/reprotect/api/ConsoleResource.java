package io.reprotect.api;

import io.reprotect.security.Allowed;
import io.reprotect.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /api/console}: the operator's console, a read-only page for people (protected VMs, RPO,
 * recovery points, jobs). It calls the API from the browser with what the page was opened with: the
 * function key of {@code ?code=} (sent as {@code x-functions-key}) and, behind App Service
 * Authentication, the browser's session cookie. Not part of the API contract, so not in the OpenAPI
 * document.
 */
@Path("/console")
public class ConsoleResource {

    private static final ConsolePage PAGE = ConsolePage.load();

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    @Allowed(Role.READER)
    public Response page() {
        return PAGE.response();
    }
}
