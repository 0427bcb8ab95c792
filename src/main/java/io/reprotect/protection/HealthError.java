package io.reprotect.protection;

import io.reprotect.job.Redaction;
import java.time.Instant;
import java.util.List;

/**
 * Something wrong with a protected item's replication, in ASR's shape.
 *
 * @param code stable code, e.g. {@code SourceVmNotFound}
 * @param severity {@code Warning} or {@code Critical}
 * @param since when it was first seen
 */
public record HealthError(String code, String severity, String message, List<String> possibleCauses,
        String recommendedAction, Instant since) {

    public static final String WARNING = "Warning";
    public static final String CRITICAL = "Critical";

    public HealthError {
        possibleCauses = possibleCauses == null ? List.of() : List.copyOf(possibleCauses);
        message = Redaction.redact(message);
    }

    /** The same error first seen at {@code first} (a repeat keeps its original time). */
    public HealthError since(Instant first) {
        return new HealthError(code, severity, message, possibleCauses, recommendedAction, first);
    }
}
