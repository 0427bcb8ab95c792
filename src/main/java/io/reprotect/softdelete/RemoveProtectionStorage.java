package io.reprotect.softdelete;

import io.reprotect.cloud.StorageAccounts;
import io.reprotect.job.Job;
import io.reprotect.job.JobStore;
import io.reprotect.job.Versioned;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.OutputKey;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.AccountReferences;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.DeletedItemStore;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.replication.Purging;
import io.reprotect.reprotect.PrepareTarget;
import io.reprotect.request.ReprotectRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Purge of a deleted item, after the replicas are gone: lifts the engine's lock and deletes the cache and target
 * storage accounts that reprotect created for the deleted protection, so nothing of replication is left. An account
 * is deleted only when all hold:
 * <ul>
 * <li>the reprotect request did not name it (the engine chose it);</li>
 * <li>it carries {@link StorageAccounts#CREATED_BY_ENGINE} and {@link PrepareTarget#TAG_CREATED_FOR} (the engine
 * created it for protection, it did not reuse one that existed);</li>
 * <li>nothing else references it ({@link AccountReferences}): no other protection, no unfinished job (such as another
 * VM's reprotect still seeding into a shared {@code asr...} account before it has an item), and no other deleted
 * item whose kept data still lives in it.</li>
 * </ul>
 * Every other account is kept and listed as kept, with why (naming the item or job that still uses it). The guard
 * is asked again for each account right before it is deleted.
 *
 * <p>Runs only while the deleted item is {@code Purging} by this job and expired ({@link Purging}).
 *
 * <p>Idempotency: an account already gone is skipped; a rerun deletes nothing more.
 */
@ApplicationScoped
public class RemoveProtectionStorage extends NamedStage {

    public static final String NAME = "remove-protection-storage";

    private final JobStore jobs;
    private final StorageAccounts accounts;
    private final Purging purging;
    private final AccountReferences references;
    private final DeletedItemStore deletedItems;

    /** Job output: the storage accounts it deleted. */
    static final OutputKey<List<String>> DELETED_ACCOUNTS = OutputKey.listOf("deletedStorageAccounts", String.class);
    /** Job output: the storage accounts it kept, each "id: why". */
    static final OutputKey<List<String>> KEPT_ACCOUNTS = OutputKey.listOf("keptStorageAccounts", String.class);

    public RemoveProtectionStorage(ProtectedItemStore items, JobStore jobs, StorageAccounts accounts, Purging purging,
            DeletedItemStore deletedItems) {
        super(NAME);
        this.jobs = jobs;
        this.accounts = accounts;
        this.purging = purging;
        this.deletedItems = deletedItems;
        this.references = new AccountReferences(items, jobs);
    }

    @Override
    public Outcome execute(StageContext context) {
        DeletedItem purged = purging.require(context);
        Decision decision = decide(purged.item(), purged.id(), context.job().id());
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>(decision.kept());
        for (String id : decision.delete()) {
            // asked again right before the delete: a reprotect may have chosen the account meanwhile
            Optional<String> why = whyKeep(id, purged.item(), purged.id(), context.job().id());
            if (why.isPresent()) {
                kept.add(id + ": " + why.get());
            } else {
                accounts.liftEngineLock(id); // the engine's own lock: lifted only here, right before the delete
                accounts.delete(id);
                deleted.add(id);
            }
        }
        return Outcome.next(DELETED_ACCOUNTS.of(deleted), KEPT_ACCOUNTS.of(kept));
    }

    /** The accounts to delete, and those kept with why (each "id: reason"). */
    public record Decision(List<String> delete, List<String> kept) {
    }

    /** What a purge of {@code item}'s protection would delete and keep now; reads only (the what-ifs ask it too). */
    public Decision decide(ProtectedItem item) {
        return decide(item, null, null);
    }

    private Decision decide(ProtectedItem item, String deletedItemId, String jobId) {
        ReprotectRequest request = jobs.get(item.origin().reprotectJobId()).map(Versioned::value)
                .filter(job -> job.request() != null).map(ReprotectRequest::of).orElse(null);
        Set<String> candidates = new LinkedHashSet<>();
        List<String> kept = new ArrayList<>();
        consider(item.placement().cacheStorageAccount(), request == null || request.cacheStorageAccountId() != null,
                candidates, kept);
        consider(item.placement().targetStorageAccount(), request == null || request.targetStorageAccountId() != null,
                candidates, kept);
        List<String> delete = new ArrayList<>();
        for (String id : candidates) {
            if (accounts.find(id).isEmpty()) {
                continue; // gone (a rerun)
            }
            whyKeep(id, item, deletedItemId, jobId).ifPresentOrElse(why -> kept.add(id + ": " + why),
                    () -> delete.add(id));
        }
        return new Decision(delete, kept);
    }

    /** Why the account must be kept, read now; empty when the engine created it and nothing else uses it. */
    private Optional<String> whyKeep(String id, ProtectedItem item, String deletedItemId, String jobId) {
        Optional<Map<String, String>> tags = accounts.tags(id);
        if (tags.isEmpty()) {
            return Optional.of("not found");
        }
        if (!tags.get().entrySet().containsAll(StorageAccounts.CREATED_BY_ENGINE.entrySet())
                || !tags.get().containsKey(PrepareTarget.TAG_CREATED_FOR)) {
            return Optional.of("existed before reprotect (not tagged " + PrepareTarget.TAG_CREATED_FOR
                    + " by the engine)");
        }
        List<String> users = new ArrayList<>(references.users(id, item, jobId));
        deletedItems.list().stream().filter(d -> !d.id().equals(deletedItemId))
                .filter(d -> d.state() == DeletedItem.State.KEPT || d.state() == DeletedItem.State.PURGING)
                .filter(d -> Stream.of(d.item().placement().cacheStorageAccount(), d.item().placement().targetStorageAccount())
                        .anyMatch(a -> a != null && id.equalsIgnoreCase(a.id())))
                .forEach(d -> users.add("deleted item " + d.id() + " (kept until " + d.expiresAt() + ")"));
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
