package io.reprotect.plan;

/** A plan write or delete named a version (If-Match / If-None-Match) that is not the stored one; nothing changed. */
public class PlanChangedException extends RuntimeException {

    public PlanChangedException(String name) {
        super("recovery plan " + name + " is not at the version the request names (If-Match or If-None-Match): "
                + "someone changed, created or deleted it meanwhile. Read it again (GET gives its ETag) and repeat "
                + "the change on what is stored now");
    }
}
