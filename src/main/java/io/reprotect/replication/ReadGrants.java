package io.reprotect.replication;

import io.reprotect.cloud.AccessGrant;
import io.reprotect.cloud.DiskAccess;
import io.reprotect.pipeline.StageConfig;
import io.reprotect.sync.blob.BlobSyncEngines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Read access to snapshots and disks for copies that run slice by slice and cycle after cycle: a grant obtained
 * for one slice serves the next slices this process runs, and the next cycle too, where the snapshot it was
 * granted on is the base of the diff, instead of asking Azure again. A grant draws on Compute's smallest budget
 * ({@code HighCostDiskAccess}, a few calls per window per subscription), so a replication cycle asks for one grant
 * per disk (its new snapshot) and its deleter revokes one (the old base), where it used to grant both snapshots
 * and revoke them twice.
 *
 * <p>Bounded in time: a grant is asked for {@code durationInSeconds} = {@code reprotect.stage.disk-access-duration}
 * (one hour by default) and is not handed out once less than {@link #RENEW_WITHIN_SHARE} of that is left: it is
 * asked for again (ARM answers a fresh SAS for a resource whose access is active). Whoever deletes a snapshot
 * revokes its access first ({@link SourceSnapshots#delete}); Azure refuses to delete a snapshot whose SAS is active.
 *
 * <p>Not waited for: a grant is a long-running operation (Compute answers 202 and is polled). {@link #prepare}
 * begins the grants a copy will need in the background and returns at once with the time to look again; the
 * stage ends its invocation with "continue later" and, run again, finds the grants ready. Only a process that
 * began a grant can read its SAS: a later run elsewhere begins it again (ARM answers a fresh SAS).
 *
 * <p>Grants are kept in this process's memory only, never stored or logged, like every SAS URL. A grant kept
 * here may have been revoked by another instance (the copy finished there) or have expired early: the source
 * then refuses the URL (403), and {@link #using} forgets it and runs the work once more with a fresh grant.
 * The work must be safe to repeat, as every slice is (it writes absolute page contents from its checkpoint).
 */
@ApplicationScoped
public class ReadGrants {

    /**
     * A kept grant is asked for again once less than this share of its duration is left (a quarter: 15 of 60
     * minutes, far more than one slice's wall time, so a URL handed out never expires under the work using it).
     */
    static final double RENEW_WITHIN_SHARE = 0.25;

    /** When to look again at a grant begun and not ended: the Disk resource provider's {@code Retry-After}. */
    public static final Duration GRANT_POLL = Duration.ofSeconds(2);

    /** Grants waited for at once in the background, at most. */
    static final int GRANTS_IN_FLIGHT = 8;

    /** Azure checks a SAS against its own wall clock, which the grant's expiry was computed from. */
    private static final Clock WALL = Clock.systemUTC();

    private final DiskAccess access;
    private final Duration duration;
    private final Map<String, AccessGrant> held = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<AccessGrant>> begun = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newFixedThreadPool(GRANTS_IN_FLIGHT, runnable -> {
        Thread thread = new Thread(runnable, "read-grant");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public ReadGrants(DiskAccess access, StageConfig config) {
        this(access, config.diskAccessDuration());
    }

    ReadGrants(DiskAccess access, Duration duration) {
        this.access = access;
        this.duration = duration;
    }

    /**
     * Runs {@code work} with a read URL of each resource in {@code ids} (in that order). If the source refuses a
     * URL this process had kept, the grants are asked for again and the work is run once more.
     */
    public <T> T using(List<String> ids, Function<List<String>, T> work) {
        List<String> reused = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (String id : ids) {
            AccessGrant kept = kept(id);
            if (kept != null) {
                reused.add(id);
            }
            urls.add((kept != null ? kept : fresh(id)).sasUrl().toString());
        }
        try {
            return work.apply(urls);
        } catch (RuntimeException e) {
            if (reused.isEmpty() || !BlobSyncEngines.refusedAccess(e)) {
                throw e;
            }
            ids.forEach(held::remove);
            return work.apply(ids.stream().map(id -> fresh(id).sasUrl().toString()).toList());
        }
    }

    /**
     * Begins, without waiting and without reporting failures (the {@link #prepare} that needs a grant reports
     * them), the grants of {@code ids} that this process neither keeps nor has begun: a copy begins those of all
     * its disks at once, so their operations overlap and it continues later once, not once per disk.
     */
    public void begin(List<String> ids) {
        takeInEnded();
        for (String id : ids) {
            if (kept(id) == null) {
                begun.computeIfAbsent(id,
                        key -> CompletableFuture.supplyAsync(() -> access.grantRead(key, duration), background));
            }
        }
    }

    /**
     * Begins, without waiting, the grants of {@code ids} that this process neither keeps nor has begun, and takes
     * in those that ended. Idempotent: a grant begun is begun once.
     *
     * @return empty when every grant is ready for {@link #using}; otherwise how long to wait before asking again
     * @throws RuntimeException what a grant that ended failed with (e.g. {@code CloudException.NotFound}: the
     *         snapshot is gone), once
     */
    public Optional<Duration> prepare(List<String> ids) {
        boolean waiting = false;
        for (String id : ids) {
            if (kept(id) != null) {
                continue;
            }
            CompletableFuture<AccessGrant> grant = begun.computeIfAbsent(id,
                    key -> CompletableFuture.supplyAsync(() -> access.grantRead(key, duration), background));
            if (!grant.isDone()) {
                waiting = true;
                continue;
            }
            begun.remove(id, grant);
            try {
                held.put(id, grant.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : e;
            }
        }
        return waiting ? Optional.of(GRANT_POLL) : Optional.empty();
    }

    /** Keeps every grant begun here that ended well, so none waits in {@link #begun} for a prepare that never comes. */
    private void takeInEnded() {
        begun.forEach((id, grant) -> {
            if (grant.isDone() && !grant.isCompletedExceptionally() && begun.remove(id, grant)) {
                held.put(id, grant.join());
            }
        });
    }

    /** Ends read access to the resource and forgets its grant (kept if the revocation fails, as it is still valid). */
    public void revoke(String id) {
        access.revoke(id);
        held.remove(id);
    }

    /** How many grants this process keeps now (expired ones are dropped as grants are asked for). */
    int kept() {
        return held.size();
    }

    /** A grant kept for the resource with more than {@link #RENEW_WITHIN_SHARE} of its time left, or null. */
    private AccessGrant kept(String id) {
        Instant now = WALL.instant();
        held.values().removeIf(g -> !g.expiresOn().isAfter(now));
        AccessGrant grant = held.get(id);
        Duration renewWithin = Duration.ofMillis((long) (duration.toMillis() * RENEW_WITHIN_SHARE));
        return grant != null && grant.expiresOn().isAfter(now.plus(renewWithin)) ? grant : null;
    }

    private AccessGrant fresh(String id) {
        AccessGrant grant = access.grantRead(id, duration);
        held.put(id, grant);
        return grant;
    }
}
