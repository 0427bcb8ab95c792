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
 * {@code GET /api/console/plans}: the console's recovery plans page, for people: the plans, their running plan
 * jobs, and the manual actions waiting for a person (with Approve and Refuse buttons, which call the API as the
 * person: deciding needs the Operator role). One document with its style and script inlined, as
 * {@link ConsoleResource}'s. Not in the OpenAPI document.
 */
@Path("/console/plans")
public class PlansConsoleResource {

    private static final ConsolePage PAGE = ConsolePage.load("plans.html", "plans.js", "console.css", "plans.css");

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    @Allowed(Role.READER)
    public Response page() {
        return PAGE.response();
    }
}
