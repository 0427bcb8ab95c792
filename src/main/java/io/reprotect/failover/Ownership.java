package io.reprotect.failover;

import io.reprotect.cloud.DiskInfo;
import io.reprotect.job.JobError;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a resource found under a name a failover or drill job planned is that job's own: its ownership tag
 * ({@link FailoverOutputs#TAG_JOB}) names the job and, for a disk, it was imported from the job's own blob
 * and (once recorded) still has the {@code uniqueId} the job recorded. A name alone never proves it.
 */
final class Ownership {

    private Ownership() {
    }

    static boolean taggedFor(Map<String, String> tags, String jobId) {
        return tags != null && jobId != null && jobId.equals(tags.get(FailoverOutputs.TAG_JOB));
    }

    /** Why the disk is not the job's, or empty when it is. {@code uniqueId}: the id the job recorded, or null. */
    static Optional<String> diskNotOwned(DiskInfo disk, String jobId, String sourceUri, String uniqueId) {
        if (!taggedFor(disk.tags(), jobId)) {
            return Optional.of("it is not tagged " + FailoverOutputs.TAG_JOB + "=" + jobId + " (tag: "
                    + disk.tags().get(FailoverOutputs.TAG_JOB) + ")");
        }
        if (sourceUri != null && !sourceUri.equals(disk.sourceUri())) {
            return Optional.of("it was imported from " + disk.sourceUri() + ", not from " + sourceUri);
        }
        if (uniqueId != null && !uniqueId.equalsIgnoreCase(String.valueOf(disk.uniqueId()))) {
            return Optional.of("its uniqueId is " + disk.uniqueId() + ", not the " + uniqueId + " recorded when the job "
                    + "created it (it was deleted and created again)");
        }
        return Optional.empty();
    }

    /** The refusal to use a resource of a planned name that the job cannot prove it created. */
    static JobError nameTaken(String resourceId, String why) {
        return JobError.of("ResourceNameTaken", resourceId + " exists, but " + why + "; it is neither used nor "
                + "deleted.", "A resource of this name was created outside this job, by a person or another job.",
                "Rename or delete it yourself if it is not needed, then resume the job.");
    }
}
