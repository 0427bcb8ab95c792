package io.reprotect.protection;

import io.reprotect.job.Job;
import io.reprotect.job.JobStore;
import io.reprotect.job.Versioned;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.request.ResourceId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Who still references a storage account: the guard every deletion of a cache or target account asks first
 * (commit and disable today, a later purge of soft-deleted protection too). An account is referenced by
 * <ul>
 * <li>a protected item whose replication may still use it (every item but a committed one: a commit removed
 * its replication), and</li>
 * <li>an unfinished job that named it: a reprotect that chose it ({@link Outputs#CACHE_STORAGE_ACCOUNT},
 * {@link Outputs#TARGET_STORAGE_ACCOUNT}) or whose request names it, such as another VM's reprotect still
 * seeding into a shared {@code asr...} account before that VM has a protected item.</li>
 * </ul>
 * Unfinished jobs are found through the VM claims ({@link JobStore#claimingJobIds()}: one listing, every job
 * that has not ended holds one), so asking costs one listing of items and one of claims.
 *
 * <p>Reads only; ask again right before deleting, as the answer may change at any time.
 */
@ApplicationScoped
public class AccountReferences {

    private static final int PAGE = 100;

    private final ProtectedItemStore items;
    private final JobStore jobs;

    public AccountReferences(ProtectedItemStore items, JobStore jobs) {
        this.items = items;
        this.jobs = jobs;
    }

    /**
     * What references {@code accountId} apart from the protection {@code except} (the same item id and reprotect
     * job: a later protection of the same VM is another user) and job {@code exceptJobId} (either may be null), each
     * told as {@code "protected item <id>"} or {@code "job <id> (<workflow>, VM <vm>)"}; empty when nothing does.
     */
    public List<String> users(String accountId, ProtectedItem except, String exceptJobId) {
        String account = accountId.toLowerCase(Locale.ROOT);
        List<String> users = new ArrayList<>();
        String continuation = null;
        do {
            ProtectedItemStore.Page page = items.list(PAGE, continuation);
            for (ProtectedItem other : page.items()) {
                if (!sameProtection(other, except) && other.lifecycle().status() != ItemStatus.FAILOVER_COMMITTED
                        && Stream.of(other.placement().cacheStorageAccount(), other.placement().targetStorageAccount())
                                .filter(Objects::nonNull)
                                .anyMatch(a -> account.equalsIgnoreCase(a.id()))) {
                    users.add("protected item " + other.id());
                }
            }
            continuation = page.continuation();
        } while (continuation != null);
        for (String jobId : jobs.claimingJobIds()) {
            if (jobId.equals(exceptJobId)) {
                continue;
            }
            jobs.get(jobId).map(Versioned::value).filter(j -> !j.state().ended())
                    .filter(j -> accountsOf(j).anyMatch(account::equalsIgnoreCase))
                    .ifPresent(j -> users.add("job " + j.id() + " (" + j.workflow() + ", VM " + j.vmId() + ")"));
        }
        return users;
    }

    private static boolean sameProtection(ProtectedItem a, ProtectedItem b) {
        return b != null && a.id().equals(b.id()) && Objects.equals(a.origin().reprotectJobId(), b.origin().reprotectJobId());
    }

    /** The accounts a job chose or was asked to use. */
    private static Stream<String> accountsOf(Job job) {
        Stream<String> chosen = Stream.of(Outputs.CACHE_STORAGE_ACCOUNT, Outputs.TARGET_STORAGE_ACCOUNT)
                .flatMap(key -> key.read(job).stream()).map(Outputs.AccountRef::id).filter(Objects::nonNull);
        ReprotectRequest request = job.request() == null ? null : ReprotectRequest.of(job);
        Stream<String> named = request == null ? Stream.empty()
                : Stream.of(request.cacheStorageAccountId(), request.targetStorageAccountId()).filter(Objects::nonNull)
                        .map(ResourceId::id);
        return Stream.concat(chosen, named);
    }
}
