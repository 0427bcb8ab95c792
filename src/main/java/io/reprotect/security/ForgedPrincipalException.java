package io.reprotect.security;

/** Principal headers that Easy Auth did not set: the request is refused and changes nothing. */
public class ForgedPrincipalException extends RuntimeException {

    public ForgedPrincipalException(String message) {
        super(message);
    }
}
