package io.reprotect.local.arm;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Regions declared down (a regional outage) until declared up again. While a region is down, every ARM
 * call that its regional resource providers serve fails: reads and writes of a resource located there,
 * creations with that location, every {@code /providers/{ns}/locations/{region}/...} endpoint (operation
 * polls, usages), and the stand-in's own disk data plane for that region's storage account. Resource
 * groups, locks and other regions keep answering: ARM's front end is global.
 *
 * <p>The answer, {@link #answer}: 504 {@code GatewayTimeout}, "The gateway did not receive a response from
 * '{namespace}' within the specified time period.", with {@code x-ms-failure-cause: service}. What is documented
 * and what is assumed: Microsoft documents no answer for a regional outage. This is the answer ARM's front end
 * gives when a resource provider does not respond, as seen in answers reported during regional incidents
 * (e.g. West Europe); an outage may also show as 503 ServiceUnavailable or as connection timeouts. Both
 * 503 and 504 are retryable for the Azure SDK and for the engine's classifier. The disk data plane answers
 * 503 {@code ServerBusy} (Storage's documented retryable error); a real outage may instead time out.
 */
public final class RegionOutages {

    private final Set<String> down = new ConcurrentSkipListSet<>();

    /** Declares {@code region} down (names as {@code westeurope}; display names are normalised). */
    public void down(String region) {
        down.add(Json.normaliseRegion(region));
    }

    public void up(String region) {
        down.remove(Json.normaliseRegion(region));
    }

    public boolean isDown(String region) {
        return region != null && down.contains(Json.normaliseRegion(region));
    }

    /** The regions now down, sorted. */
    public Set<String> downRegions() {
        return new TreeSet<>(down);
    }

    void clear() {
        down.clear();
    }

    /** What ARM answers for a call that {@code namespace}'s provider in a down region must serve. */
    static ArmResponse answer(String namespace) {
        String provider = namespace == null || namespace.isBlank() ? "Microsoft.Compute" : namespace;
        return ArmResponse.error(504, "GatewayTimeout", "The gateway did not receive a response from '" + provider
                + "' within the specified time period.").withHeader("x-ms-failure-cause", "service");
    }
}
