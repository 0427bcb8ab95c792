package io.reprotect.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/**
 * A destructive operation the two-person rule may hold for a second Administrator ({@link ApprovalGate}). One bean per
 * operation; the endpoint's body is {@code return gate.require(NAME, target, uri);} and its method carries
 * {@code @Allowed(Role.ADMINISTRATOR)}. {@link #run} is the operation's only path, whether it runs at once (rule off)
 * or once approved.
 */
public interface GatedOperation {

    /** The operation's name in approvals: {@code disable-protection}, {@code purge}, ... */
    String name();

    /** A refusal to answer before an approval is asked (e.g. 404 for an unknown target); empty to go on. */
    default Optional<Response> refusal(String target, UriInfo uri) {
        return Optional.empty();
    }

    /** Runs the operation on {@code target} as the current caller (the requester, once approved). */
    Response run(String target, UriInfo uri);
}
