package io.reprotect.security;

import io.opentelemetry.api.trace.Span;
import io.reprotect.request.Printable;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks every call against the role its resource method declares ({@link Allowed}), after the Functions host has
 * checked the function key and Easy Auth the token. Records the caller for the request ({@link CurrentCaller}) and
 * on its trace span ({@code enduser.id}, {@code enduser.role}, {@code client.address}). A refused call answers 403
 * problem+json before the resource runs, so it changes nothing.
 */
public class RoleCheck {

    private static final Logger LOG = Logger.getLogger(RoleCheck.class);

    private final CallerResolver resolver;
    private final CurrentCaller current;

    public RoleCheck(CallerResolver resolver, CurrentCaller current) {
        this.resolver = resolver;
        this.current = current;
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        String call = request.getMethod() + " /api/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        Caller caller;
        try {
            caller = resolver.resolve(request::getHeaderString);
        } catch (ForgedPrincipalException e) {
            LOG.warnf("refused %s: %s (client %s)", Printable.value(call), e.getMessage(),
                    Printable.value(request.getHeaderString("X-Forwarded-For")));
            Span.current().setAttribute("reprotect.refused", "forged-principal");
            return Optional.of(RoleProblem.forged(e.getMessage()).response());
        }
        current.set(caller);
        trace(caller);
        Allowed allowed = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Allowed.class);
        if (allowed == null) {
            LOG.errorf("refused %s: its resource method declares no @Allowed role", Printable.value(call));
            return Optional.of(RoleProblem.noRoleDeclared(call, caller).response());
        }
        Role needed = whatIfOnly(request) ? Role.READER : allowed.value();
        if (!caller.mayAct(needed)) {
            LOG.warnf("refused %s to %s (%s): needs %s, has %s", Printable.value(call),
                    Printable.value(caller.who().name()), caller.who().kind(), needed, caller.roleName());
            Span.current().setAttribute("reprotect.refused", "role-required");
            return Optional.of(RoleProblem.roleRequired(call, needed, caller).response());
        }
        return Optional.empty();
    }

    /** {@code ?whatIf=true} changes nothing: a Reader may ask it of any call. */
    private static boolean whatIfOnly(ContainerRequestContext request) {
        return "true".equalsIgnoreCase(request.getUriInfo().getQueryParameters().getFirst("whatIf"));
    }

    private static void trace(Caller caller) {
        Span span = Span.current();
        span.setAttribute("enduser.id", caller.who().id());
        span.setAttribute("enduser.role", caller.roleName());
        if (caller.who().clientIp() != null) {
            span.setAttribute("client.address", caller.who().clientIp());
        }
        if (caller.who().userAgent() != null) {
            span.setAttribute("user_agent.original", caller.who().userAgent());
        }
    }
}
