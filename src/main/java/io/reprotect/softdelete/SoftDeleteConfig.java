package io.reprotect.softdelete;

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

    /** The configured default, validated: the message names the key to set. */
    static int validated(SoftDeleteConfig config) {
        if (config.retentionDays() < MIN_RETENTION_DAYS) {
            throw new IllegalStateException("reprotect.soft-delete.retention-days is " + config.retentionDays()
                    + ": it must be at least " + MIN_RETENTION_DAYS + " (day); set REPROTECT_SOFT_DELETE_RETENTION_DAYS");
        }
        return config.retentionDays();
    }
}
