package io.reprotect.api;

import io.reprotect.request.FieldError;
import io.reprotect.request.InvalidRequestException;
import java.util.List;

/**
 * The {@code whatIf} query parameter. Strict: a value that is neither {@code true} nor {@code false} is
 * refused rather than read as false, since reading {@code whatIf=yes} as false would start a real job.
 */
final class WhatIfParameter {

    static final String NAME = "whatIf";

    private WhatIfParameter() {
    }

    /** @throws InvalidRequestException naming {@code whatIf} for any other value */
    static boolean isSet(String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidRequestException(List.of(new FieldError(NAME, "must be true or false")));
    }
}
