package io.reprotect.reprotect;

import io.reprotect.job.Hashes;
import java.util.Locale;

/** Storage account names that follow Azure's rule: 3-24 lowercase letters and digits, globally unique. */
public final class StorageAccountNames {

    /** Azure's limits on a storage account name's length. */
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 24;
    /** Hex digits appended to make a taken name unique. */
    static final int SUFFIX_LENGTH = 4;
    static final String ASR_PREFIX = "asr";

    private StorageAccountNames() {
    }

    /** {@code asr} + the secondary account's name, cut to the length limit. */
    public static String asr(String secondaryAccountName) {
        return fit(ASR_PREFIX + clean(secondaryAccountName));
    }

    /** The deterministic default cache account name for a VM. */
    public static String cache(String vmId) {
        return "asrcache" + Hashes.sha256Hex(vmId.toLowerCase(Locale.ROOT)).substring(0, 8);
    }

    /**
     * The {@code attempt}-th alternative when {@code name} is taken elsewhere: the name cut to leave
     * room for a suffix derived from {@code seed} and the attempt, so reruns pick the same names.
     */
    public static String alternative(String name, String seed, int attempt) {
        String base = name.length() > MAX_LENGTH - SUFFIX_LENGTH ? name.substring(0, MAX_LENGTH - SUFFIX_LENGTH) : name;
        return base + Hashes.sha256Hex(seed.toLowerCase(Locale.ROOT) + "#" + attempt).substring(0, SUFFIX_LENGTH);
    }

    static String clean(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String fit(String name) {
        String cut = name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
        return cut.length() < MIN_LENGTH ? cut + "0".repeat(MIN_LENGTH - cut.length()) : cut;
    }

}
