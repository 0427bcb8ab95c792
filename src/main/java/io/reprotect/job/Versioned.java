package io.reprotect.job;

/**
 * A value with the ETag it was read or written with; the ETag is what an update must match.
 */
public record Versioned<T>(T value, String etag) {
}
