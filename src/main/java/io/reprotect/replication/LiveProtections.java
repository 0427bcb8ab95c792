package io.reprotect.replication;

import io.reprotect.protection.ItemStatus;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the protections that exist now use, so that a purge of a deleted one never deletes it: their replica blobs
 * (a reprotect may reuse an account, container and blob name) and their restore point collections (named after
 * the item, shared by every protection of one VM). Reads only.
 */
@ApplicationScoped
public class LiveProtections {

    private static final int PAGE = 100;

    private final ProtectedItemStore items;

    public LiveProtections(ProtectedItemStore items) {
        this.items = items;
    }

    /** A replica blob's key: blob endpoint, container and name, lower-cased. */
    public static String replicaKey(Outputs.AccountRef account, Outputs.Replica replica) {
        return (account.blobEndpoint() + "|" + replica.container() + "|" + replica.blobName()).toLowerCase(Locale.ROOT);
    }

    /** The replica blobs that items other than {@code deleted}'s own protection list. */
    public Set<String> replicasInUse(ProtectedItem deleted) {
        Set<String> used = new HashSet<>();
        forEachOther(deleted, other -> {
            if (other.placement().targetStorageAccount() != null && other.lifecycle().status() != ItemStatus.FAILOVER_COMMITTED) {
                other.replicaSet().replicas().forEach(r -> used.add(replicaKey(other.placement().targetStorageAccount(), r)));
            }
        });
        return used;
    }

    /** True when an item with {@code deleted}'s id exists as another protection (it shares the collection). */
    public boolean itemReused(ProtectedItem deleted) {
        return items.get(deleted.id()).filter(i -> !same(i, deleted)).isPresent();
    }

    private void forEachOther(ProtectedItem deleted, java.util.function.Consumer<ProtectedItem> each) {
        String continuation = null;
        do {
            ProtectedItemStore.Page page = items.list(PAGE, continuation);
            page.items().stream().filter(i -> !same(i, deleted)).forEach(each);
            continuation = page.continuation();
        } while (continuation != null);
    }

    /** The same protection: same item and same reprotect job. */
    static boolean same(ProtectedItem a, ProtectedItem b) {
        return a.id().equals(b.id()) && java.util.Objects.equals(a.origin().reprotectJobId(), b.origin().reprotectJobId());
    }
}
