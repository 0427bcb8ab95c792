package io.reprotect.pipeline;

/**
 * The work of one stage. Implementations must be idempotent: the same message may arrive twice,
 * and a crash may come after a side effect but before the job is saved, so a second run must
 * find its earlier effects and treat "already exists / already done" as success.
 *
 * <p>A stage returns an {@link Outcome}, or throws a {@link StageException} (or an SDK exception
 * that {@link ErrorClassifier} understands). It never sleeps to wait for Azure: it returns
 * {@link Outcome.ContinueLater} and is called again.
 */
public interface StageHandler {

    /** The stage's name, as the workflows in {@link Workflows} list it. */
    String stage();

    Outcome execute(StageContext context);
}
