package io.reprotect.pipeline;

/**
 * What a stage throws when it knows how a failure should be treated: retried later or not at all.
 * Anything else is unexpected: the message is abandoned and redelivered, and dead-lettered past
 * the queue's max delivery count.
 */
public abstract sealed class StageException extends RuntimeException
        permits RetryableStageException, PermanentStageException {

    protected StageException(String message, Throwable cause) {
        super(message, cause);
    }
}
