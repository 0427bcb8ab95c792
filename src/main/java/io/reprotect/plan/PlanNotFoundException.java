package io.reprotect.plan;

/** No recovery plan of that name. */
public class PlanNotFoundException extends RuntimeException {

    public PlanNotFoundException(String name) {
        super("No recovery plan " + name + "; list them with GET /api/recovery-plans");
    }
}
