package io.reprotect.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reprotect.job.RequestedBy;
import io.reprotect.request.ProblemTypes;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A 403 problem details body (RFC 9457): the call needs a role the caller does not have, or the caller could not be
 * trusted. Names both roles, so the caller knows what to ask its administrator for.
 *
 * @param requiredRole the least role the call needs (Reader, Operator, Administrator)
 * @param callerRole the caller's role, or "none"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RoleProblem", description = "403: the role the call needs and the role the caller has")
public record RoleProblem(String type, String title, int status, String detail, String requiredRole,
        String callerRole) {

    /** Same media type and problem-type base as every problem of this API. */
    static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPES = ProblemTypes.BASE;

    static RoleProblem roleRequired(String call, Role needed, Caller caller) {
        return new RoleProblem(TYPES + "role-required", "Role required", 403,
                call + " needs the role " + needed.displayName() + " (app role " + needed.appRoleValue()
                        + "); the caller (" + describe(caller) + ") has " + caller.roleName()
                        + ". See docs/operations.md, section Security, for how to assign roles.",
                needed.displayName(), caller.roleName());
    }

    static RoleProblem noRoleDeclared(String call, Caller caller) {
        return new RoleProblem(TYPES + "role-required", "Role required", 403,
                call + " declares no role, so no caller may use it (the engine refuses by default)", null,
                caller.roleName());
    }

    static RoleProblem forged(String detail) {
        return new RoleProblem(TYPES + "forged-principal", "Principal headers not from App Service Authentication", 403,
                detail + ". Call without them, or turn on Entra ID authentication (docs/deploy.md section 6), "
                        + "which also sets reprotect.security.easy-auth-enabled.", null, null);
    }

    private static String describe(Caller caller) {
        return caller.who().kind() == RequestedBy.RequesterKind.FunctionKey ? "a function key"
                : caller.who().name();
    }

    Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
