package io.reprotect.pipeline;

import io.reprotect.telemetry.RedactedError;
import io.reprotect.telemetry.StageResult;

/** How a stage's {@link Outcome} reads on its span and in the stage metrics. */
final class StageResults {

    private StageResults() {
    }

    static StageResult of(Outcome outcome, Throwable thrown) {
        RedactedError error = RedactedError.of(thrown);
        if (outcome instanceof Outcome.Next next) {
            return new StageResult(next.skipped() ? StageResult.SKIPPED : StageResult.COMPLETED, null, error);
        }
        if (outcome instanceof Outcome.ContinueLater) {
            return new StageResult(StageResult.CONTINUED, null, error);
        }
        if (outcome instanceof Outcome.RetryLater retry) {
            return new StageResult(StageResult.RETRY, retry.throttled() ? "Throttled" : "TransientFailure", error);
        }
        Outcome.Fail fail = (Outcome.Fail) outcome;
        return new StageResult(StageResult.FAILED, fail.error().code(), error);
    }
}
