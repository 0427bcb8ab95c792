package io.reprotect.protection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.reprotect.job.Hashes;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Recovery data that disable protection or commit took out of view and keeps until {@code expiresAt}: one JSON
 * blob {@code deleted-items/{id}.json} in the job container, written before the item changes, changed If-Match.
 *
 * @param id          stable per protection ({@link #idOf}): a disable after a commit finds the commit's record
 * @param itemId      the protected item the data belonged to
 * @param vmId        the VM that was protected
 * @param deletedBy   which operation took it out of view
 * @param jobId       that operation's job
 * @param deletedAt   when
 * @param expiresAt   when a purge may delete it (deletedAt plus the retention in force then)
 * @param state       where it stands
 * @param purgeJobId  the purge job that deletes it, once one started
 * @param changedAt   when the state last changed
 * @param kept        what is kept and where, one line each (replica blobs, source snapshots, storage accounts)
 * @param item        the protected item as it was, with its replicas, recovery points and snapshots
 */
public record DeletedItem(String id, String itemId, String vmId, DeletedBy deletedBy, String jobId, Instant deletedAt,
        Instant expiresAt, State state, String purgeJobId, Instant changedAt, List<String> kept, ProtectedItem item) {

    public DeletedItem {
        kept = kept == null ? List.of() : List.copyOf(kept);
    }

    /** The record id of a protection: the item and the reprotect job that created the protection. */
    public static String idOf(ProtectedItem item) {
        return Hashes.sha256Hex(item.id() + ":" + item.origin().reprotectJobId()).substring(0, 32);
    }

    /** True once the retention period has passed at {@code now}. */
    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public DeletedItem withState(State value, String purgeJob, Instant at) {
        return new DeletedItem(id, itemId, vmId, deletedBy, jobId, deletedAt, expiresAt, value, purgeJob, at, kept,
                item);
    }

    /** Which operation took the data out of view. */
    public enum DeletedBy {
        /** Disable protection: the item is gone; undelete brings it back protected. */
        DISABLE_PROTECTION("DisableProtection"),
        /** Commit of a failover: the VM runs on the other side; the old direction cannot come back. */
        COMMIT("Commit");

        private final String wireName;

        DeletedBy(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }

        @JsonCreator
        public static DeletedBy of(String wireName) {
            return Arrays.stream(values()).filter(v -> v.wireName.equals(wireName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown deletedBy '" + wireName + "'"));
        }
    }

    /** Where a deleted item stands. */
    public enum State {
        /** Kept: listed with its expiry; undelete or (after expiry) purge may follow. */
        KEPT("Kept"),
        /** A purge job deletes it now (written before the first delete). */
        PURGING("Purging"),
        /** Deleted by a purge; the record stays as the trail of what was deleted and when. */
        PURGED("Purged"),
        /** Undelete restored the protection; the data is in use again. */
        UNDELETED("Undeleted");

        private final String wireName;

        State(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }

        @JsonCreator
        public static State of(String wireName) {
            return Arrays.stream(values()).filter(v -> v.wireName.equals(wireName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown state '" + wireName + "'"));
        }
    }
}
