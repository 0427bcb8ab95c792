package io.reprotect.failover;

import io.reprotect.cloud.StorageAccounts;
import io.reprotect.job.Job;
import io.reprotect.job.JobStore;
import io.reprotect.job.Versioned;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.stage.Outputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Purge of a deleted item, after the replicas are gone: lifts the engine's lock and deletes the cache and target
 * storage accounts that reprotect created for the deleted protection, so nothing of replication is left. An
 * account is deleted only when all hold: the reprotect request did not name it (the engine chose it), it carries
 * {@link StorageAccounts#CREATED_BY_ENGINE} (the engine created it, it did not reuse an existing one),
 * and no protection that exists now uses it. Every other account is kept and listed as kept, with why.
 *
 * <p>Runs only while the deleted item is {@code Purging} by this job and expired
 * ({@link io.reprotect.softdelete.Purging}).
 *
 * <p>Idempotency: an account already gone is skipped; a rerun deletes nothing more.
 */
@ApplicationScoped
public class RemoveProtectionStorage implements StageHandler {

    public static final String NAME = "remove-protection-storage";
    private static final int PAGE = 100;

    private final ProtectedItemStore items;
    private final JobStore jobs;
    private final StorageAccounts accounts;
    private final io.reprotect.softdelete.Purging purging;

    public RemoveProtectionStorage(ProtectedItemStore items, JobStore jobs, StorageAccounts accounts,
            io.reprotect.softdelete.Purging purging) {
        this.purging = purging;
        this.items = items;
        this.jobs = jobs;
        this.accounts = accounts;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        Decision decision = decide(purging.require(context).item());
        for (String id : decision.delete()) {
            accounts.liftEngineLock(id); // the engine's own lock: lifted only here, right before the delete
            accounts.delete(id);
        }
        return Outcome.next(Map.of("deletedStorageAccounts", StageContext.json(decision.delete()),
                "keptStorageAccounts", StageContext.json(decision.kept())));
    }

    /** The accounts to delete, and those kept with why (each "id: reason"). */
    public record Decision(List<String> delete, List<String> kept) {
    }

    /** What this stage would delete and keep for {@code item} now; reads only (the what-ifs ask it too). */
    public Decision decide(ProtectedItem item) {
        ReprotectRequest request = jobs.get(item.reprotectJobId()).map(Versioned::value).map(Job::request).orElse(null);
        Set<String> candidates = new LinkedHashSet<>();
        List<String> kept = new ArrayList<>();
        consider(item.cacheStorageAccount(), request == null || request.cacheStorageAccountId() != null, candidates, kept);
        consider(item.targetStorageAccount(), request == null || request.targetStorageAccountId() != null, candidates,
                kept);
        Set<String> usedElsewhere = accountsOfOtherItems(item);
        List<String> delete = new ArrayList<>();
        for (String id : candidates) {
            Optional<Map<String, String>> tags = accounts.tags(id);
            if (tags.isEmpty()) {
                continue; // gone (a rerun)
            }
            if (!tags.get().entrySet().containsAll(StorageAccounts.CREATED_BY_ENGINE.entrySet())) {
                kept.add(id + ": existed before reprotect");
            } else if (usedElsewhere.contains(id.toLowerCase(java.util.Locale.ROOT))) {
                kept.add(id + ": another protected item uses it");
            } else {
                delete.add(id);
            }
        }
        return new Decision(delete, kept);
    }

    private static void consider(Outputs.AccountRef account, boolean named, Set<String> candidates, List<String> kept) {
        if (account == null || account.id() == null) {
            return;
        }
        if (named) {
            kept.add(account.id() + ": named in the reprotect request");
        } else {
            candidates.add(account.id());
        }
    }

    private Set<String> accountsOfOtherItems(ProtectedItem item) {
        Set<String> used = new java.util.HashSet<>();
        String continuation = null;
        do {
            ProtectedItemStore.Page page = items.list(PAGE, continuation);
            for (ProtectedItem other : page.items()) {
                // a committed item's replication is kept as a deleted item: it uses no account any more; the same
                // protection (disabled after its commit) is this one; another protection of the VM uses its accounts
                boolean same = other.id().equals(item.id())
                        && java.util.Objects.equals(other.reprotectJobId(), item.reprotectJobId());
                if (!same && other.lifecycle().status() != io.reprotect.protection.ItemStatus.FAILOVER_COMMITTED) {
                    for (Outputs.AccountRef a : new Outputs.AccountRef[] {other.cacheStorageAccount(),
                            other.targetStorageAccount()}) {
                        if (a != null && a.id() != null) {
                            used.add(a.id().toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
            }
            continuation = page.continuation();
        } while (continuation != null);
        return used;
    }
}
