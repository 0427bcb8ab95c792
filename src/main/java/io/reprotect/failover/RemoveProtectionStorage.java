package io.reprotect.failover;

import io.reprotect.cloud.StorageAccounts;
import io.reprotect.job.Job;
import io.reprotect.job.JobStore;
import io.reprotect.job.Versioned;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.AccountReferences;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.stage.PrepareTarget;
import io.reprotect.replication.RemoveReplication;
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
 * Commit and disable, after the replicas are gone: deletes the cache and target storage accounts that reprotect
 * created for protection, so nothing of replication is left. An account is deleted only when all hold:
 * <ul>
 * <li>the reprotect request did not name it (the engine chose it);</li>
 * <li>it carries {@link StorageAccounts#CREATED_BY_ENGINE} and {@link PrepareTarget#TAG_CREATED_FOR} (the engine
 * created it for protection, it did not reuse one that existed);</li>
 * <li>nothing else references it ({@link AccountReferences}): no other protected item, and no unfinished job, such
 * as another VM's reprotect still seeding into a shared {@code asr...} account before it has an item.</li>
 * </ul>
 * Every other account is kept and listed as kept, with why (naming the item or job that still uses it). The
 * guard is asked again for each account right before it is deleted.
 *
 * <p>Idempotency: an account already gone is skipped; a rerun deletes nothing more.
 */
@ApplicationScoped
public class RemoveProtectionStorage implements StageHandler {

    public static final String NAME = "remove-protection-storage";

    private final JobStore jobs;
    private final StorageAccounts accounts;
    private final AccountReferences references;
    private final ItemLifecycle lifecycle;
    private final ProtectedItemStore items;

    public RemoveProtectionStorage(ProtectedItemStore items, JobStore jobs, StorageAccounts accounts,
            ItemLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.items = items;
        this.jobs = jobs;
        this.accounts = accounts;
        this.references = new AccountReferences(items, jobs);
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        String itemId = context.output(RemoveReplication.ITEM_ID, String.class).orElseThrow();
        Optional<ProtectedItem> found = items.get(itemId);
        if (found.isEmpty()) {
            return Outcome.skipped(Map.of());
        }
        ProtectedItem item = lifecycle.requireRunning(itemId, context.job());
        Decision decision = decide(item, context.job().id());
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>(decision.kept());
        for (String id : decision.delete()) {
            // asked again right before the delete: a reprotect may have chosen the account meanwhile
            Optional<String> why = whyKeep(id, item.id(), context.job().id());
            if (why.isPresent()) {
                kept.add(id + ": " + why.get());
            } else {
                accounts.delete(id);
                deleted.add(id);
            }
        }
        return Outcome.next(Map.of("deletedStorageAccounts", StageContext.json(deleted),
                "keptStorageAccounts", StageContext.json(kept)));
    }

    /** The accounts to delete, and those kept with why (each "id: reason"). */
    public record Decision(List<String> delete, List<String> kept) {
    }

    /** What this stage would delete and keep for {@code item} now; reads only (the what-ifs ask it too). */
    public Decision decide(ProtectedItem item) {
        return decide(item, null);
    }

    private Decision decide(ProtectedItem item, String jobId) {
        ReprotectRequest request = jobs.get(item.reprotectJobId()).map(Versioned::value).map(Job::request).orElse(null);
        Set<String> candidates = new LinkedHashSet<>();
        List<String> kept = new ArrayList<>();
        consider(item.cacheStorageAccount(), request == null || request.cacheStorageAccountId() != null, candidates, kept);
        consider(item.targetStorageAccount(), request == null || request.targetStorageAccountId() != null, candidates,
                kept);
        List<String> delete = new ArrayList<>();
        for (String id : candidates) {
            if (accounts.find(id).isEmpty()) {
                continue; // gone (a rerun)
            }
            whyKeep(id, item.id(), jobId).ifPresentOrElse(why -> kept.add(id + ": " + why), () -> delete.add(id));
        }
        return new Decision(delete, kept);
    }

    /** Why the account must be kept, read now; empty when the engine created it and nothing else uses it. */
    private Optional<String> whyKeep(String id, String itemId, String jobId) {
        Optional<Map<String, String>> tags = accounts.tags(id);
        if (tags.isEmpty()) {
            return Optional.of("not found");
        }
        if (!tags.get().entrySet().containsAll(StorageAccounts.CREATED_BY_ENGINE.entrySet())
                || !tags.get().containsKey(PrepareTarget.TAG_CREATED_FOR)) {
            return Optional.of("existed before reprotect (not tagged " + PrepareTarget.TAG_CREATED_FOR
                    + " by the engine)");
        }
        List<String> users = references.users(id, itemId, jobId);
        return users.isEmpty() ? Optional.empty() : Optional.of("still used by " + String.join(", ", users));
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
}
