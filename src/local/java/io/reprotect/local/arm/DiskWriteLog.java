package io.reprotect.local.arm;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.PageRanges;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * What was written to and cleared on each disk, in order, so that the stand-in can answer the
 * page-range diff between two incremental snapshots as Azure does (Azurite cannot: it returns the
 * full range list and no cleared ranges).
 *
 * <p>Writes are recorded by {@link #recorder()}, a pipeline policy on the blob clients that
 * {@link ArmStandIn#blobOf} hands out for disks: Put Page and Clear Pages that succeed. A snapshot
 * waits for the writes in flight on its disk and holds new ones back while Azurite takes it (a
 * lock per disk), so it marks an exact position in the log. Writes that bypass those clients are
 * not seen: write to the stand-in's disks through {@link ArmStandIn#blobOf}.
 */
final class DiskWriteLog {

    /** One Put Page (written) or Clear Pages (cleared). */
    record Entry(ByteRange range, boolean cleared) {
    }

    /** An incremental snapshot's place in its disk's log. */
    record Mark(String diskKey, int position, long sizeBytes) {
    }

    /** Changed and cleared ranges between two marks. */
    record Diff(List<ByteRange> changed, List<ByteRange> cleared) {
    }

    private static final class Disk {
        final StampedLock snapshotting = new StampedLock();
        final List<Entry> entries = new ArrayList<>();
    }

    private final Map<String, Disk> disks = new ConcurrentHashMap<>();
    private final Map<String, Mark> marks = new ConcurrentHashMap<>();

    /** The key of a blob (a disk): account/container/blob, lower case. */
    static String key(String account, String container, String blob) {
        return (account + "/" + container + "/" + blob).toLowerCase(Locale.ROOT);
    }

    private static String snapshotKey(String diskKey, String snapshotId) {
        return diskKey + "?snapshot=" + snapshotId;
    }

    private Disk disk(String key) {
        return disks.computeIfAbsent(key, k -> new Disk());
    }

    /**
     * Takes a snapshot with {@code take} (which returns its id) while no write runs on the disk,
     * and remembers its position in the disk's log.
     */
    Mark snapshot(String diskKey, long sizeBytes, Supplier<String> take) {
        Disk disk = disk(diskKey);
        long stamp = disk.snapshotting.writeLock();
        try {
            String id = take.get();
            Mark mark;
            synchronized (disk.entries) {
                mark = new Mark(diskKey, disk.entries.size(), sizeBytes);
            }
            marks.put(snapshotKey(diskKey, id), mark);
            return mark;
        } finally {
            disk.snapshotting.unlockWrite(stamp);
        }
    }

    /** The mark of an incremental snapshot that still exists, or null. */
    Mark mark(String diskKey, String snapshotId) {
        return snapshotId == null ? null : marks.get(snapshotKey(diskKey, snapshotId));
    }

    /** The snapshot was deleted: diffs against it fail from now on. */
    void forget(String diskKey, String snapshotId) {
        marks.remove(snapshotKey(diskKey, snapshotId));
    }

    /** What changed from older to newer within window; a page's last write or clear decides. */
    Diff diff(Mark newer, Mark older, ByteRange window) {
        List<Entry> between;
        Disk disk = disk(newer.diskKey());
        synchronized (disk.entries) {
            between = new ArrayList<>(disk.entries.subList(older.position(), newer.position()));
        }
        List<ByteRange> decided = new ArrayList<>();
        List<ByteRange> changed = new ArrayList<>();
        List<ByteRange> cleared = new ArrayList<>();
        for (int i = between.size() - 1; i >= 0; i--) {
            Entry e = between.get(i);
            List<ByteRange> part = PageRanges.subtract(PageRanges.clip(List.of(e.range()), window), decided);
            if (part.isEmpty()) {
                continue;
            }
            (e.cleared() ? cleared : changed).addAll(part);
            decided = PageRanges.union(decided, part);
        }
        return new Diff(PageRanges.normalize(changed), PageRanges.normalize(cleared));
    }

    private void record(String diskKey, Entry entry) {
        Disk disk = disk(diskKey);
        synchronized (disk.entries) {
            disk.entries.add(entry);
        }
    }

    /** Records the Put Page and Clear Pages requests that succeed, holding off snapshots meanwhile. */
    HttpPipelinePolicy recorder() {
        return new HttpPipelinePolicy() {
            @Override
            public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
                Write write = Write.of(context.getHttpRequest());
                if (write == null) {
                    return next.process();
                }
                return Mono.defer(() -> {
                    Disk disk = disk(write.diskKey());
                    long stamp = disk.snapshotting.readLock();
                    return next.process().doOnNext(r -> recordIfDone(write, r))
                            .doFinally(s -> disk.snapshotting.unlockRead(stamp));
                });
            }

            @Override
            public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
                Write write = Write.of(context.getHttpRequest());
                if (write == null) {
                    return next.processSync();
                }
                Disk disk = disk(write.diskKey());
                long stamp = disk.snapshotting.readLock();
                try {
                    HttpResponse response = next.processSync();
                    recordIfDone(write, response);
                    return response;
                } finally {
                    disk.snapshotting.unlockRead(stamp);
                }
            }
        };
    }

    private void recordIfDone(Write write, HttpResponse response) {
        if (response.getStatusCode() / 100 == 2) {
            record(write.diskKey(), new Entry(write.range(), write.cleared()));
        }
    }

    /** A Put Page or Clear Pages request on a disk blob. */
    private record Write(String diskKey, ByteRange range, boolean cleared) {

        static Write of(HttpRequest request) {
            String query = request.getUrl().getQuery();
            String kind = request.getHeaders().getValue("x-ms-page-write");
            if (!"PUT".equals(request.getHttpMethod().name()) || query == null || !query.contains("comp=page")
                    || kind == null) {
                return null;
            }
            String rangeHeader = request.getHeaders().getValue("x-ms-range");
            if (rangeHeader == null) {
                rangeHeader = request.getHeaders().getValue("Range");
            }
            String[] bounds = rangeHeader.replace("bytes=", "").split("-");
            ByteRange range = ByteRange.between(Long.parseLong(bounds[0].trim()), Long.parseLong(bounds[1].trim()) + 1);
            String[] path = request.getUrl().getPath().substring(1).split("/", 3);
            String blob = URLDecoder.decode(path[2], StandardCharsets.UTF_8);
            return new Write(key(path[0], path[1], blob), range, kind.equalsIgnoreCase("clear"));
        }
    }
}
