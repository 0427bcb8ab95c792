package io.reprotect.cloud;

/**
 * A public IP address resource.
 *
 * @param ipConfigurationId the NIC IP configuration that uses it ({@code properties.ipConfiguration.id}), or null
 *                          when it is free
 * @param ipAddress         the address, or null while none is allocated
 */
public record PublicIpInfo(String id, String ipConfigurationId, String ipAddress) {

    /** Whether no IP configuration uses it, so a new NIC may take it. */
    public boolean free() {
        return ipConfigurationId == null;
    }
}
