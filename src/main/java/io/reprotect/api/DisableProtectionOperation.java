package io.reprotect.api;

import io.reprotect.pipeline.PipelineConfig;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.replication.ProtectionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/** Disabling protection of an item ({@code DELETE /api/protected-items/{id}}), held by the two-person rule when on. */
@ApplicationScoped
public class DisableProtectionOperation implements GatedOperation {

    public static final String NAME = "disable-protection";

    private final ProtectionService protections;
    private final ProtectedItemStore items;
    private final PipelineConfig pipeline;

    public DisableProtectionOperation(ProtectionService protections, ProtectedItemStore items, PipelineConfig pipeline) {
        this.protections = protections;
        this.items = items;
        this.pipeline = pipeline;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Response> refusal(String itemId, UriInfo uri) {
        return items.get(itemId).isPresent() ? Optional.empty() : Optional.of(ProtectedItemResource.notFound(itemId));
    }

    @Override
    public Response run(String itemId, UriInfo uri) {
        return protections.disable(itemId).map(job -> Response.accepted(JobView.of(job))
                .type(MediaType.APPLICATION_JSON).location(JobLinks.job(uri, job.id()))
                .header("Retry-After", pipeline.pollInterval().toSeconds()).build())
                .orElseGet(() -> ProtectedItemResource.notFound(itemId));
    }
}
