package io.reprotect.failover;

import java.util.List;

/** A call the item's state does not allow: answered 409, naming the state and what is allowed. */
public class OperationNotAllowedException extends RuntimeException {

    private final String itemId;
    private final String operation;
    private final String state;
    private final List<String> allowed;

    public OperationNotAllowedException(String itemId, String operation, String state, List<String> allowed) {
        super(operation + " is not allowed while the item is in " + state + "; allowed now: "
                + (allowed.isEmpty() ? "none (a job is in progress)" : String.join(", ", allowed)));
        this.itemId = itemId;
        this.operation = operation;
        this.state = state;
        this.allowed = List.copyOf(allowed);
    }

    /** The protected item whose state refused the call. */
    public String itemId() {
        return itemId;
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
}
