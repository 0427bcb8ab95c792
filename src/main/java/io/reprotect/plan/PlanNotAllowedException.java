package io.reprotect.plan;

/** A plan operation some item's state (or a missing point or network) does not allow; nothing was started. */
public class PlanNotAllowedException extends RuntimeException {

    private final PlanCheck check;

    public PlanNotAllowedException(String plan, PlanOperation operation, PlanCheck check) {
        super("Recovery plan " + plan + " cannot run " + operation + ": " + check.refusals() + ". Nothing was started; "
                + "POST the operation with ?whatIf=true to see every item's state.");
        this.check = check;
    }

    public PlanCheck check() {
        return check;
    }
}
