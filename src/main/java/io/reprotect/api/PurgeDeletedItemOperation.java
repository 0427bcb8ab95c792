package io.reprotect.api;

import io.reprotect.pipeline.PipelineConfig;
import io.reprotect.protection.DeletedItem;
import io.reprotect.softdelete.DeletedItemRefusedException;
import io.reprotect.softdelete.SoftDeletes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/**
 * Purging a deleted item ({@code POST /api/deleted-items/{id}/purge}), held by the two-person rule when on. An unknown
 * item (404), or one that may not be purged now (409: not yet expired, or no longer kept), is refused before anybody
 * is asked to approve, and again when the approved purge runs.
 */
@ApplicationScoped
public class PurgeDeletedItemOperation implements GatedOperation {

    public static final String NAME = "purge-deleted-item";

    private final SoftDeletes softDeletes;
    private final PipelineConfig pipeline;

    public PurgeDeletedItemOperation(SoftDeletes softDeletes, PipelineConfig pipeline) {
        this.softDeletes = softDeletes;
        this.pipeline = pipeline;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Response> refusal(String id, UriInfo uri) {
        Optional<DeletedItem> record = softDeletes.get(id);
        if (record.isEmpty()) {
            return Optional.of(DeletedItemResource.notFound(id));
        }
        try {
            softDeletes.requirePurgeable(record.get());
            return Optional.empty();
        } catch (DeletedItemRefusedException e) {
            return Optional.of(DeletedItemResource.refused(e, id, uri));
        }
    }

    @Override
    public Response run(String id, UriInfo uri) {
        try {
            return softDeletes.purge(id).map(job -> Response.accepted(JobView.of(job)).type(MediaType.APPLICATION_JSON)
                            .location(JobLinks.job(uri, job.id()))
                            .header("Retry-After", pipeline.pollInterval().toSeconds()).build())
                    .orElseGet(() -> DeletedItemResource.notFound(id));
        } catch (DeletedItemRefusedException e) {
            return DeletedItemResource.refused(e, id, uri);
        }
    }
}
