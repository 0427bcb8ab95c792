package io.reprotect.protection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long disable protection and commit keep the recovery data they take out of view. */
@ConfigMapping(prefix = "reprotect.soft-delete")
public interface SoftDeleteConfig {

    /** The shortest period a deleted item may be kept: a purge is never possible on the day of the delete. */
    int MIN_RETENTION_DAYS = 1;

    /**
     * Days a deleted item's replicas, recovery points, snapshots and storage accounts are kept before a purge
     * may delete them (Azure Backup's soft delete keeps 14). The stored setting
     * ({@code PUT /api/settings/soft-delete}) replaces it once set. At least {@link #MIN_RETENTION_DAYS}.
     */
    @WithDefault("14")
    int retentionDays();

    /**
     * Days Azure's blob soft delete keeps a blob or snapshot deleted on the engine's replica account (its
     * {@code deleteRetentionPolicy}), whoever deleted it: a stolen account key cannot destroy replicas for good before
     * then. Every recovery point a cycle prunes is kept that long too and billed like a live one (docs/cost-and-capacity.md, "What
     * keeping deleted recovery data costs"), so it is shorter than {@link #retentionDays()}. Azure allows 1 to 365.
     */
    @WithDefault("7")
    int blobSoftDeleteDays();

    /** Azure's upper bound for {@code deleteRetentionPolicy.days}. */
    int MAX_BLOB_SOFT_DELETE_DAYS = 365;

    /** The configured default, validated: the message names the key to set. */
    static int validated(SoftDeleteConfig config) {
        if (config.retentionDays() < MIN_RETENTION_DAYS) {
            throw new IllegalStateException("reprotect.soft-delete.retention-days is " + config.retentionDays()
                    + ": it must be at least " + MIN_RETENTION_DAYS + " (day); set REPROTECT_SOFT_DELETE_RETENTION_DAYS");
        }
        if (config.blobSoftDeleteDays() < MIN_RETENTION_DAYS || config.blobSoftDeleteDays() > MAX_BLOB_SOFT_DELETE_DAYS) {
            throw new IllegalStateException("reprotect.soft-delete.blob-soft-delete-days is " + config.blobSoftDeleteDays()
                    + ": Azure allows " + MIN_RETENTION_DAYS + " to " + MAX_BLOB_SOFT_DELETE_DAYS
                    + "; set REPROTECT_SOFT_DELETE_BLOB_SOFT_DELETE_DAYS");
        }
        return config.retentionDays();
    }
}
