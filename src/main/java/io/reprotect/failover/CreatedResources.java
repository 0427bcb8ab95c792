package io.reprotect.failover;

import io.reprotect.pipeline.OutputKey;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one failover or drill job created, as it recorded it, and what it planned to create (a job that failed
 * part-way may have created a resource without recording it): removed together by {@link RemoveFailoverResources},
 * each only when its ownership tag names {@code jobId} (and a disk only when its {@code uniqueId} is the one
 * recorded).
 *
 * @param jobId         the job that created them
 * @param vmId          its VM, or null when it created none
 * @param nics          NICs it created or planned to create under its own names (never an original NIC it reused)
 * @param disks         managed disks it created or planned to create
 * @param diskUniqueIds Azure's uniqueId of each disk the job recorded, by disk id in lower case
 */
public record CreatedResources(String jobId, String vmId, List<String> nics, List<String> disks,
                               Map<String, String> diskUniqueIds) {

    /** Job input: the list of {@link CreatedResources} the job removes. */
    public static final OutputKey<List<CreatedResources>> INPUT = OutputKey.listOf("removeResources",
            CreatedResources.class);

    public CreatedResources {
        nics = nics == null ? List.of() : List.copyOf(nics);
        disks = disks == null ? List.of() : List.copyOf(disks);
        diskUniqueIds = diskUniqueIds == null ? Map.of() : Map.copyOf(diskUniqueIds);
    }

    /** The uniqueId the job recorded for {@code diskId}, or null. */
    public String uniqueIdOf(String diskId) {
        return diskUniqueIds.get(diskId.toLowerCase(Locale.ROOT));
    }
}
