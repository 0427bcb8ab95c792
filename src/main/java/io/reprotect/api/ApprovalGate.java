package io.reprotect.api;

import io.reprotect.pipeline.PipelineConfig;
import io.reprotect.security.Approval;
import io.reprotect.security.Approvals;
import io.reprotect.security.Caller;
import io.reprotect.security.CurrentCaller;
import io.reprotect.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/**
 * Runs a {@link GatedOperation} at once, or, with the two-person rule on, answers 202 with a pending {@link Approval}
 * (Location: {@code /api/approvals/{id}}) that a second Administrator approves; the operation then runs as its
 * requester, the job recording both principals.
 */
@ApplicationScoped
public class ApprovalGate {

    private final Approvals approvals;
    private final Instance<GatedOperation> operations;
    private final PipelineConfig pipeline;

    public ApprovalGate(Approvals approvals, Instance<GatedOperation> operations, PipelineConfig pipeline) {
        this.approvals = approvals;
        this.operations = operations;
        this.pipeline = pipeline;
    }

    /** The endpoint's whole body: {@code return gate.require(DisableProtectionOperation.NAME, id, uri);} */
    public Response require(String operation, String target, UriInfo uri) {
        GatedOperation gated = operation(operation);
        Optional<Response> refused = gated.refusal(target, uri);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!approvals.required()) {
            return gated.run(target, uri);
        }
        Approval approval = approvals.request(operation, target);
        return Response.accepted(approval).type(MediaType.APPLICATION_JSON)
                .location(JobLinks.approval(uri, approval.id()))
                .header("Retry-After", pipeline.pollInterval().toSeconds()).build();
    }

    /** Approves as the current caller and runs the operation as its requester (approvedBy: the approver). */
    Response approve(String id, UriInfo uri) {
        Approval approved = approvals.approve(id);
        Caller requester = new Caller(Optional.of(Role.ADMINISTRATOR),
                approved.requestedBy().approvedBy(approved.approvedBy()));
        return CurrentCaller.during(requester, () -> operation(approved.operation()).run(approved.target(), uri));
    }

    private GatedOperation operation(String name) {
        return operations.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no gated operation named " + name));
    }
}
