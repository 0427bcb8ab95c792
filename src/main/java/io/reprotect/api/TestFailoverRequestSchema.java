package io.reprotect.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The test-failover request body as the OpenAPI document describes it (the resource validates the JSON itself). */
@Schema(name = "TestFailoverRequest", additionalProperties = Schema.False.class)
public record TestFailoverRequestSchema(
        @Schema(description = "Latest, LatestProcessed, LatestApplicationConsistent or a recovery point id",
                defaultValue = "Latest") String recoveryPoint,
        @Schema(required = true, description = "Resource id of an isolated virtual network in the primary region for "
                + "the drill VM: refused when it is a production network of the VM or peered with one")
        String networkId,
        @Schema(defaultValue = "false", description = "Allow a production network of the VM, or one peered with it")
        Boolean allowProductionNetwork,
        @Schema(description = "Names of the production VM's user-assigned managed identities the drill VM keeps; "
                + "default: none") List<String> keepIdentities,
        @Schema(description = "Names of the production VM's tags the drill VM keeps; default: none (it gets only the "
                + "drill's own)") List<String> keepTags) {
}
