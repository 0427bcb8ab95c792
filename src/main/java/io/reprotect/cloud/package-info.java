/**
 * Control-plane ports of the reprotect stages: small interfaces over VMs, managed disks, disk access,
 * snapshots, availability sets, storage accounts and resource groups, with records for results; and the blob data
 * plane ({@code PageBlobs}: replica and temporary page blobs named by {@code BlobRef}).
 * Failures are {@link CloudException}s whose {@code retryable()} decides between
 * retrying later and failing the job. The azure-resourcemanager adapters live in
 * {@code io.reprotect.cloud.azure}; {@code ArmPermissions.REQUIRED_ACTIONS} lists the ARM actions they need.
 */
package io.reprotect.cloud;
