package io.reprotect.cost;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Counts the requests an SDK client sends, by the kind Azure bills or throttles them as: ARM calls by
 * method, and Blob service transactions by operation (snapshot create and delete, Get Page Ranges with and
 * without a diff, Put Page, Put Page From URL, Clear Pages, job store reads and writes, ...). Added to the
 * pipelines of the ARM managers and the blob clients in tests and benchmarks; it counts what is sent,
 * so a request the budget guard held back is not counted.
 *
 * <p>Long-running operations are counted apart, by the resource provider that runs them (see {@link LroFamily}):
 * {@code lro started <family>} for each answer naming an operation to poll, {@code lro awaited <family>} for
 * each operation first polled within the function execution that started it (the caller waited for it
 * in-process, where Azure makes it wait its poll interval), {@code lro checked later <family>} for one first
 * polled in a later execution, and {@code lro poll in-process <family>} for every in-process poll. Without
 * {@link #countExecutionsWith} every operation counts as awaited.
 */
public final class CallMeter implements HttpPipelinePolicy {

    private static final HttpHeaderName PAGE_WRITE = HttpHeaderName.fromString("x-ms-page-write");
    private static final HttpHeaderName COPY_SOURCE = HttpHeaderName.fromString("x-ms-copy-source");
    private static final HttpHeaderName PREVIOUS_SNAPSHOT = HttpHeaderName.fromString("x-ms-previous-snapshot-url");
    private static final HttpHeaderName BLOB_TYPE = HttpHeaderName.fromString("x-ms-blob-type");

    private static final HttpHeaderName ASYNC_OPERATION = HttpHeaderName.fromString("Azure-AsyncOperation");

    /** Where a long-running operation's status is published, by resource provider (ARM's operation URL shapes). */
    public enum LroFamily {
        /** Compute (VMs, restore points): {@code .../Microsoft.Compute/locations/{region}/operations/{id}}. */
        COMPUTE("/providers/microsoft.compute/locations/", "/operations/"),
        /** Disk RP (disks, snapshots, access grants): {@code .../Microsoft.Compute/locations/{region}/DiskOperations/{id}}. */
        DISK("/providers/microsoft.compute/locations/", "/diskoperations/"),
        /** Storage accounts: {@code .../Microsoft.Storage/locations/{region}/asyncoperations/{id}}. */
        STORAGE("/providers/microsoft.storage/locations/", "/asyncoperations/"),
        /** Network: {@code .../Microsoft.Network/locations/{region}/operations/{id}} (and operationResults). */
        NETWORK("/providers/microsoft.network/locations/", "/operation");

        private final String provider;
        private final String collection;

        LroFamily(String provider, String collection) {
            this.provider = provider;
            this.collection = collection;
        }

        /** The family of an operation URL's path, or null if it is not one. */
        static LroFamily of(String path) {
            String p = path.toLowerCase(Locale.ROOT);
            for (LroFamily f : values()) {
                if (p.contains(f.provider) && p.contains(f.collection)) {
                    return f;
                }
            }
            return null;
        }

        /** Its name in count kinds: {@code compute}, {@code disk}, ... */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String jobContainer;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    /** Operation (status path, lower case) to the execution count when it started. */
    private final Map<String, Long> operationsStarted = new ConcurrentHashMap<>();
    private final Map<String, Boolean> operationsPolled = new ConcurrentHashMap<>();
    private volatile LongSupplier executions = () -> 0;
    /** Set while the caller's own look-ups run ({@link #uncounted}): they are not the app's. */
    private final ThreadLocal<Boolean> paused = ThreadLocal.withInitial(() -> false);

    /** @param jobContainer the job store's container: its blobs are counted as job store reads and writes */
    public CallMeter(String jobContainer) {
        this.jobContainer = jobContainer;
    }

    /** Runs {@code lookUp} on this thread without counting its requests (a benchmark's own reads of the store). */
    public <T> T uncounted(Supplier<T> lookUp) {
        paused.set(true);
        try {
            return lookUp.get();
        } finally {
            paused.set(false);
        }
    }

    /**
     * Tells the meter how many function executions have ended so far, so that it can tell an operation awaited
     * within the execution that started it from one checked in a later execution.
     */
    public void countExecutionsWith(LongSupplier executionsEnded) {
        this.executions = executionsEnded;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        count(context.getHttpRequest());
        return next.process().doOnNext(this::noteOperationStarted);
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        count(context.getHttpRequest());
        HttpResponse response = next.processSync();
        noteOperationStarted(response);
        return response;
    }

    /** Records the operation an answer names (Azure-AsyncOperation, else Location) for its polls to be told apart. */
    void noteOperationStarted(HttpResponse response) {
        String url = response.getHeaderValue(ASYNC_OPERATION);
        if (url == null && response.getStatusCode() == 202) {
            url = response.getHeaderValue(HttpHeaderName.LOCATION);
        }
        if (url == null || LroFamily.of(url) == null || LroFamily.of(response.getRequest().getUrl().getPath()) != null) {
            return;
        }
        String path = operationKey(url);
        if (operationsStarted.putIfAbsent(path, executions.getAsLong()) == null) {
            increment("lro started " + LroFamily.of(path).label());
        }
    }

    private static String operationKey(String url) {
        String path = url.replaceFirst("^[a-zA-Z]+://[^/]+", "");
        int q = path.indexOf('?');
        path = (q < 0 ? path : path.substring(0, q)).toLowerCase(Locale.ROOT);
        return path.replace("/operationresults/", "/operations/");
    }

    private void notePoll(String path) {
        LroFamily family = LroFamily.of(path);
        String key = operationKey(path);
        Long startedIn = operationsStarted.get(key);
        boolean inProcess = startedIn == null || startedIn == executions.getAsLong();
        if (inProcess) {
            increment("lro poll in-process " + family.label());
        }
        if (operationsPolled.putIfAbsent(key, Boolean.TRUE) == null) {
            increment((inProcess ? "lro awaited " : "lro checked later ") + family.label());
        }
    }

    private void increment(String kind) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    /** Counts so far, by kind, sorted. */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** The count of one kind (0 if none). */
    public long count(String kind) {
        AtomicLong n = counts.get(kind);
        return n == null ? 0 : n.get();
    }

    private void count(HttpRequest request) {
        if (paused.get()) {
            return;
        }
        increment(kind(request));
        if (request.getHttpMethod().name().equals("GET") && LroFamily.of(request.getUrl().getPath()) != null) {
            notePoll(request.getUrl().getPath());
        }
    }

    /** The billing or throttling kind of a request. */
    String kind(HttpRequest r) {
        String method = r.getHttpMethod().name();
        String path = r.getUrl().getPath();
        String query = r.getUrl().getQuery() == null ? "" : r.getUrl().getQuery();
        if (path.toLowerCase(Locale.ROOT).startsWith("/subscriptions")) {
            return "arm " + method;
        }
        String comp = param(query, "comp");
        boolean jobStore = jobContainer != null && path.contains("/" + jobContainer);
        if (jobStore) {
            return switch (method) {
                case "GET", "HEAD" -> "list".equals(comp) ? "job store list" : "job store read";
                default -> "job store write";
            };
        }
        if ("snapshot".equals(comp)) {
            return "blob snapshot create";
        }
        if ("pagelist".equals(comp)) {
            return r.getHeaders().getValue(PREVIOUS_SNAPSHOT) != null || param(query, "prevsnapshot") != null
                    ? "get page ranges diff" : "get page ranges";
        }
        if ("page".equals(comp)) {
            if ("clear".equalsIgnoreCase(r.getHeaders().getValue(PAGE_WRITE))) {
                return "clear pages";
            }
            return r.getHeaders().getValue(COPY_SOURCE) != null ? "put page from url" : "put page";
        }
        if ("DELETE".equals(method)) {
            return param(query, "snapshot") != null ? "blob snapshot delete" : "blob delete";
        }
        if ("list".equals(comp)) {
            return "blob list";
        }
        if ("GET".equals(method)) {
            return "blob read";
        }
        if ("HEAD".equals(method)) {
            return "blob properties";
        }
        if ("PUT".equals(method) && comp == null) {
            if (r.getHeaders().getValue(COPY_SOURCE) != null) {
                return "blob copy";
            }
            return r.getHeaders().getValue(BLOB_TYPE) != null ? "blob create" : "container create";
        }
        return "blob other " + method + (comp == null ? "" : " " + comp);
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        return null;
    }
}
