package io.reprotect.failover;

import java.util.List;

/**
 * What a drill VM keeps of the production VM, by name, when the test-failover request opts in
 * ({@code keepIdentities}, {@code keepTags}). By default it keeps neither: a drill VM with the production VM's
 * user-assigned identities could reach production databases and queues with production credentials even from an
 * isolated network, and production tags can drive automation (backup, patching, cost) meant for production.
 *
 * @param identities names of user-assigned managed identities to keep (the last segment of each identity id)
 * @param tags       names of the production VM's tags to keep
 */
public record DrillKeep(List<String> identities, List<String> tags) {

    /** Keep nothing: the default. */
    public static final DrillKeep NONE = new DrillKeep(List.of(), List.of());

    public DrillKeep {
        identities = identities == null ? List.of() : List.copyOf(identities);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
