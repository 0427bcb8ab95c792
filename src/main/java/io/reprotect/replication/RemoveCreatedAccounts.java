package io.reprotect.replication;

import io.reprotect.cloud.StorageAccountInfo;
import io.reprotect.cloud.StorageAccounts;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.stage.Outputs;
import io.reprotect.stage.PrepareTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Second stage of disabling protection: deletes the cache and target storage accounts that
 * reprotect created for this item, and only those: an account is deleted when it carries the tag
 * {@link PrepareTarget#TAG_CREATED_FOR} with this item's id and no other protected item names it.
 * An account that existed before reprotect, or that another item uses, is kept.
 *
 * <p>Idempotency: the accounts are read again on every run; an account already gone is success.
 */
@ApplicationScoped
public class RemoveCreatedAccounts implements StageHandler {

    public static final String NAME = "remove-created-accounts";
    private static final int PAGE = 100;

    private final ProtectedItemStore items;
    private final StorageAccounts accounts;

    public RemoveCreatedAccounts(ProtectedItemStore items, StorageAccounts accounts) {
        this.items = items;
        this.accounts = accounts;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        String id = context.output(RemoveReplication.ITEM_ID, String.class).orElseThrow();
        Optional<ProtectedItem> found = items.get(id);
        if (found.isEmpty()) {
            return Outcome.skipped(Map.of());
        }
        Set<String> candidates = new LinkedHashSet<>();
        accountIds(found.get()).forEach(a -> candidates.add(a.toLowerCase()));
        candidates.removeAll(usedByOthers(id));
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String accountId : candidates) {
            Optional<StorageAccountInfo> account = accounts.find(accountId);
            if (account.isEmpty()) {
                continue;
            }
            if (id.equals(account.get().tags().get(PrepareTarget.TAG_CREATED_FOR))) {
                accounts.delete(account.get().id());
                deleted.add(account.get().id());
            } else {
                kept.add(account.get().id());
            }
        }
        return Outcome.next(Map.of("deletedStorageAccounts", StageContext.json(deleted),
                "keptStorageAccounts", StageContext.json(kept)));
    }

    private static List<String> accountIds(ProtectedItem item) {
        return java.util.stream.Stream.of(item.cacheStorageAccount(), item.targetStorageAccount())
                .filter(Objects::nonNull).map(Outputs.AccountRef::id).filter(Objects::nonNull).toList();
    }

    /** The accounts other protected items name (lower case). */
    private Set<String> usedByOthers(String itemId) {
        Set<String> used = new LinkedHashSet<>();
        String continuation = null;
        do {
            ProtectedItemStore.Page page = items.list(PAGE, continuation);
            page.items().stream().filter(i -> !i.id().equals(itemId))
                    .forEach(i -> accountIds(i).forEach(a -> used.add(a.toLowerCase())));
            continuation = page.continuation();
        } while (continuation != null);
        return used;
    }
}
