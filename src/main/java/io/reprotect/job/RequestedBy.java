package io.reprotect.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Who asked for a job (or an approval): never a secret, only what identifies the caller.
 *
 * @param kind how the caller was identified
 * @param id the Entra object id of the principal; for a function key the key's name when the host tells it
 *        (the Java worker is not told: see docs/operations.md "Security"), else {@value #FUNCTION_KEY}; for the intake queue
 *        the message id
 * @param name the principal's name (user principal name, or the application's display name or client id);
 *        {@value #FUNCTION_KEY} for a key holder; the queue name for an intake message
 * @param identityProvider the Easy Auth identity provider ({@code aad}), null otherwise
 * @param clientIp the caller's address as the Functions front end saw it (the last X-Forwarded-For entry), null
 *        for a queue message
 * @param userAgent the caller's User-Agent, shortened to {@value #MAX_USER_AGENT_CHARS} characters
 * @param approvedBy the second principal who approved the operation (two-person rule), null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RequestedBy", description = "Who asked: principal id and name (or function key), client IP, user agent")
public record RequestedBy(RequesterKind kind, String id, String name, String identityProvider, String clientIp,
        String userAgent, RequestedBy approvedBy) {

    /** Name recorded for a caller known only by a function key. */
    public static final String FUNCTION_KEY = "function key";
    /** Longest User-Agent kept. */
    public static final int MAX_USER_AGENT_CHARS = 256;

    /** How a caller was identified. */
    public enum RequesterKind {
        /** An Entra ID principal validated by App Service Authentication (Easy Auth). */
        EntraPrincipal,
        /** A holder of a function or host key; the key itself is never recorded. */
        FunctionKey,
        /** A message on the intake queue (Service Bus tells no authenticated sender). */
        ServiceBus
    }

    /** The same requester, with the principal who approved the operation. */
    public RequestedBy approvedBy(RequestedBy approver) {
        return new RequestedBy(kind, id, name, identityProvider, clientIp, userAgent, approver);
    }

    /** Whether {@code value} names this requester: its id or name, compared case-insensitively. */
    public boolean matches(String value) {
        return value != null && (value.equalsIgnoreCase(id) || value.equalsIgnoreCase(name));
    }

    /** The same principal: same kind and id (Entra object ids are unique in a tenant). */
    public boolean samePrincipal(RequestedBy other) {
        return other != null && kind == other.kind && id != null && id.equalsIgnoreCase(other.id);
    }
}
