package io.reprotect.protection;

import java.util.List;

/**
 * A call the item's state does not allow: answered 409, naming the state and what is allowed, with the
 * job in progress (when one is) or the item as the place to look.
 */
public class OperationNotAllowedException extends RuntimeException {

    private final String operation;
    private final String state;
    private final List<String> allowed;
    private final String itemId;
    private final String activeJobId;

    public OperationNotAllowedException(String operation, String state, List<String> allowed, String itemId,
                                        String activeJobId) {
        super(operation + " is not allowed while the item is in " + state + "; allowed now: "
                + (allowed.isEmpty() ? "none" + (activeJobId == null ? "" : " until job " + activeJobId + " ends")
                : String.join(", ", allowed)));
        this.operation = operation;
        this.state = state;
        this.allowed = List.copyOf(allowed);
        this.itemId = itemId;
        this.activeJobId = activeJobId;
    }

    public String operation() {
        return operation;
    }

    public String state() {
        return state;
    }

    public List<String> allowed() {
        return allowed;
    }

    public String itemId() {
        return itemId;
    }

    /** The job of the operation in progress, or null. */
    public String activeJobId() {
        return activeJobId;
    }
}
