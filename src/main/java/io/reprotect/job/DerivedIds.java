package io.reprotect.job;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids derived from a seed: the same seed gives the same id in every process, restart and release. Job ids derived
 * from a caller's idempotency key, a message id or an item's state make a repeated submission find the job the first
 * one created, so what this class derives must never change (a unit test pins known seeds to their ids).
 *
 * <p>The id is a name-based UUID (version 3, MD5) over the seed's UTF-8 bytes, as {@link UUID#nameUUIDFromBytes}.
 */
public final class DerivedIds {

    private DerivedIds() {
    }

    /** The UUID derived from {@code seed}. */
    public static UUID uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }

    /** The id derived from {@code seed}, as text (a job id). */
    public static String of(String seed) {
        return uuid(seed).toString();
    }
}
