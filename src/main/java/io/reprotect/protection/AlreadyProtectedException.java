package io.reprotect.protection;

/** Reprotect was asked for a VM that is already protected. */
public class AlreadyProtectedException extends RuntimeException {

    private final String itemId;

    public AlreadyProtectedException(String vmId, String itemId) {
        super("VM " + vmId + " is already protected as item " + itemId);
        this.itemId = itemId;
    }

    public String itemId() {
        return itemId;
    }
}
