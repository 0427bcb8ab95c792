package io.reprotect.cloud;

import java.util.List;
import java.util.Map;

/**
 * A VM to create over existing managed disks and NICs, in the shape of a captured VM.
 *
 * @param shape          size, zone, availability set, security, plan, identity, boot diagnostics,
 *                       OS type, licence and each disk's caching and write accelerator come from it
 * @param osDiskId       the managed disk to attach as OS disk
 * @param dataDiskIds    managed disks to attach, by the LUN they had in {@code shape}
 * @param nicIds         NICs to attach; the first is primary
 * @param keepPlacement  false leaves out availability set, proximity placement group and zone (a drill
 *                       VM must not join the production placement)
 */
public record VmCreateSpec(String resourceGroup, String name, String region, VmShape shape, String osDiskId,
                           Map<Integer, String> dataDiskIds, List<String> nicIds, Map<String, String> tags,
                           boolean keepPlacement) {

    public VmCreateSpec {
        dataDiskIds = Map.copyOf(dataDiskIds);
        nicIds = List.copyOf(nicIds);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
