package io.reprotect.request;

/**
 * Where a problem's {@code type} URI points (RFC 9457): a heading of the error catalogue, docs/errors.md, whose anchor
 * is the problem's kind ({@code invalid-request}, {@code role-required}, ...). Every problem of this API, from any
 * package, builds its type from {@link #BASE}.
 */
public final class ProblemTypes {

    /** The error catalogue's address; a problem's kind is appended as the heading's anchor. */
    public static final String BASE = "https://github.com/vm-reprotect/vm-reprotect/blob/main/docs/errors.md#";

    private ProblemTypes() {
    }
}
