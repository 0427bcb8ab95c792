package io.reprotect.job;

import java.time.Instant;
import java.util.List;

/**
 * An error a person can act on, in Azure Site Recovery's shape.
 *
 * @param code stable machine-readable code, e.g. {@code VmNotFound}
 * @param message what went wrong
 * @param possibleCauses why it may have happened
 * @param recommendedAction what to do about it
 * @param time when it was recorded
 */
public record JobError(String code, String message, List<String> possibleCauses, String recommendedAction,
        Instant time) {

    public JobError {
        possibleCauses = possibleCauses == null ? List.of() : List.copyOf(possibleCauses);
        message = Redaction.redact(message);
    }

    public static JobError of(String code, String message, String possibleCause, String recommendedAction) {
        return new JobError(code, message, possibleCause == null ? List.of() : List.of(possibleCause),
                recommendedAction, null);
    }

    public JobError at(Instant when) {
        return new JobError(code, message, possibleCauses, recommendedAction, when);
    }
}
