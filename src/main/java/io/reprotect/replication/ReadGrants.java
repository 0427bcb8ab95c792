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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Read access to snapshots and disks for copies that run slice by slice: a grant obtained for one slice serves
 * the next slices this process runs while most of its time is left, instead of asking Azure again for each
 * slice. A grant draws on Compute's smallest budget ({@code HighCostDiskAccess}, a few calls per window per
 * subscription), so asking once per disk rather than once per slice is what lets many VMs replicate at once.
 *
 * <p>Grants are kept in this process's memory only, never stored or logged, like every SAS URL. A grant kept
 * here may have been revoked by another instance (the copy finished there) or have expired early: the source
 * then refuses the URL (403), and {@link #using} forgets it and runs the work once more with a fresh grant.
 * The work must be safe to repeat, as every slice is (it writes absolute page contents from its checkpoint).
 */
@ApplicationScoped
public class ReadGrants {

    /** Azure checks a SAS against its own wall clock, which the grant's expiry was computed from. */
    private static final Clock WALL = Clock.systemUTC();

    private final DiskAccess access;
    private final Duration duration;
    private final Map<String, AccessGrant> held = new ConcurrentHashMap<>();

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

    /** Ends read access to the resource and forgets its grant (kept if the revocation fails, as it is still valid). */
    public void revoke(String id) {
        access.revoke(id);
        held.remove(id);
    }

    /** How many grants this process keeps now (expired ones are dropped as grants are asked for). */
    int kept() {
        return held.size();
    }

    /** A grant kept for the resource with more than half of its time left, or null. */
    private AccessGrant kept(String id) {
        Instant now = WALL.instant();
        held.values().removeIf(g -> !g.expiresOn().isAfter(now));
        AccessGrant grant = held.get(id);
        return grant != null && grant.expiresOn().isAfter(now.plus(duration.dividedBy(2))) ? grant : null;
    }

    private AccessGrant fresh(String id) {
        AccessGrant grant = access.grantRead(id, duration);
        held.put(id, grant);
        return grant;
    }
}
