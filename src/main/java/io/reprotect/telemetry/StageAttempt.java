package io.reprotect.telemetry;

/**
 * One run of one stage of one job: what a stage span and the stage metrics describe.
 *
 * @param jobId the job
 * @param workflow the job's workflow
 * @param stage the stage
 * @param attempt the stage's attempt number (1 for the first run; a retry counts one more)
 * @param parent the W3C traceparent the attempt continues (the message's, else the job's), or null
 */
public record StageAttempt(String jobId, String workflow, String stage, int attempt, String parent) {
}
