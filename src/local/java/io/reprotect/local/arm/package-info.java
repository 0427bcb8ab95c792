/**
 * A local, stateful Azure Resource Manager stand-in ({@link ArmStandIn}) that
 * the real azure-resourcemanager SDK talks to, with managed disks as page blobs on Azurite, and the
 * demo region pair ({@link DemoSeed}). Dev and test only.
 */
package io.reprotect.local.arm;
