package io.reprotect.failover;

import java.util.List;

/**
 * What one failover or drill job created, as it recorded it: removed together by
 * {@link RemoveFailoverResources} (only the VM whose ownership tag names {@code jobId}).
 *
 * @param jobId the job that created them
 * @param vmId  its VM, or null when it created none
 * @param nics  NICs it created (never an original NIC it reused)
 * @param disks managed disks it created
 */
public record CreatedResources(String jobId, String vmId, List<String> nics, List<String> disks) {

    /** Job input: the list of {@link CreatedResources} the job removes. */
    public static final String INPUT = "removeResources";

    public CreatedResources {
        nics = nics == null ? List.of() : List.copyOf(nics);
        disks = disks == null ? List.of() : List.copyOf(disks);
    }
}
