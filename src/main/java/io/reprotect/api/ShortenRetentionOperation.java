package io.reprotect.api;

import io.reprotect.protection.SoftDeleteConfig;
import io.reprotect.softdelete.DeletedItemRefusedException;
import io.reprotect.softdelete.SoftDeletes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/**
 * Shortening the soft-delete period ({@code PUT /api/settings/soft-delete} with fewer days than in force), held by the
 * two-person rule when on: a shorter period lets a later purge come sooner. The target is the new number of days.
 * Lengthening it is not gated.
 */
@ApplicationScoped
public class ShortenRetentionOperation implements GatedOperation {

    public static final String NAME = "shorten-soft-delete-retention";

    private final SoftDeletes softDeletes;

    public ShortenRetentionOperation(SoftDeletes softDeletes) {
        this.softDeletes = softDeletes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Response> refusal(String days, UriInfo uri) {
        return days.matches("\\d{1,5}") && Integer.parseInt(days) >= SoftDeleteConfig.MIN_RETENTION_DAYS
                ? Optional.empty()
                : Optional.of(SoftDeleteSettingsResource.invalid("retentionDays is " + days + ": it must be a whole "
                        + "number of days of at least " + SoftDeleteConfig.MIN_RETENTION_DAYS));
    }

    @Override
    public Response run(String days, UriInfo uri) {
        try {
            return Response.ok(new SoftDeleteSettingsResource.Settings(softDeletes.changeRetention(Integer.parseInt(days))))
                    .type(MediaType.APPLICATION_JSON).build();
        } catch (DeletedItemRefusedException e) {
            return SoftDeleteSettingsResource.invalid(e.getMessage());
        }
    }
}
