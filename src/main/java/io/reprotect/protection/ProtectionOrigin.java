package io.reprotect.protection;

import io.reprotect.cloud.VmShape;
import java.time.Instant;

/**
 * How a protected item came to be: the reprotect job that protected the VM, when, and the old primary VM
 * that job replaced.
 *
 * @param reprotectJobId the job that protected the VM
 * @param protectedAt when it became protected
 * @param targetVmShape the old primary VM as reprotect captured it before deleting it (what failover
 *        rebuilds); null for items protected before shapes were captured
 */
public record ProtectionOrigin(String reprotectJobId, Instant protectedAt, VmShape targetVmShape) {
}
