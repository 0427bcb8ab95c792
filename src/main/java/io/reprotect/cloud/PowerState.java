package io.reprotect.cloud;

import java.util.Locale;

/** A VM's power state, from the {@code PowerState/...} status of its instance view. */
public enum PowerState {
    STARTING, RUNNING, STOPPING, STOPPED, DEALLOCATING, DEALLOCATED, UNKNOWN;

    /** Parses an instance view status code such as {@code PowerState/running}; anything else is UNKNOWN. */
    public static PowerState fromStatusCode(String code) {
        if (code == null || !code.startsWith("PowerState/")) {
            return UNKNOWN;
        }
        try {
            return valueOf(code.substring("PowerState/".length()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** True when the VM still holds compute and must be deallocated before its disks are copied. */
    public boolean holdsCompute() {
        return this == STARTING || this == RUNNING || this == STOPPING || this == STOPPED;
    }
}
