package io.reprotect.cloud;

/**
 * Answer of a storage account name check.
 *
 * @param reason AlreadyExists or AccountNameInvalid when not available, else ""
 */
public record NameAvailability(String name, boolean available, String reason, String message) {
}
