package io.reprotect.softdelete;

/**
 * A refused undelete, purge or retention change; nothing was changed. The API answers 409 (400 for a bad retention)
 * problem+json of the reason's kind, with the message as its detail.
 */
public class DeletedItemRefusedException extends RuntimeException {

    /** Why, as the problem type's kind (an anchor of docs/errors.md). */
    public enum Reason {
        /** Purge before the retention period ended. */
        NOT_EXPIRED("deleted-item-not-expired", "The deleted item is kept until its expiry"),
        /** Undelete refused: the VM is gone, another item protects it, or the data belongs to a committed failover. */
        NOT_RESTORABLE("deleted-item-not-restorable", "The deleted item cannot be restored"),
        /** Undelete or purge of an item already purging, purged or undeleted. */
        NOT_KEPT("deleted-item-not-kept", "The deleted item is no longer kept"),
        /** A retention below the minimum. */
        INVALID_RETENTION("invalid-retention", "Invalid soft-delete retention");

        private final String kind;
        private final String title;

        Reason(String kind, String title) {
            this.kind = kind;
            this.title = title;
        }

        public String kind() {
            return kind;
        }

        public String title() {
            return title;
        }
    }

    private final Reason reason;

    public DeletedItemRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
