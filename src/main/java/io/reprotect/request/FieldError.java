package io.reprotect.request;

/**
 * One invalid field of a request.
 *
 * @param field JSON path of the field, e.g. {@code replicationPolicy.recoveryPointRetentionInHours}
 * @param reason why it is invalid and what is expected
 */
public record FieldError(String field, String reason) {
}
