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
import reactor.core.publisher.Mono;

/**
 * Counts the requests an SDK client sends, by the kind Azure bills or throttles them as: ARM calls by
 * method, and Blob service transactions by operation (snapshot create and delete, Get Page Ranges with and
 * without a diff, Put Page, Put Page From URL, Clear Pages, job store reads and writes, ...). Added to the
 * pipelines of the ARM managers and the blob clients in tests and benchmarks; it counts what is sent,
 * so a request the budget guard held back is not counted.
 */
public final class CallMeter implements HttpPipelinePolicy {

    private static final HttpHeaderName PAGE_WRITE = HttpHeaderName.fromString("x-ms-page-write");
    private static final HttpHeaderName COPY_SOURCE = HttpHeaderName.fromString("x-ms-copy-source");
    private static final HttpHeaderName PREVIOUS_SNAPSHOT = HttpHeaderName.fromString("x-ms-previous-snapshot-url");
    private static final HttpHeaderName BLOB_TYPE = HttpHeaderName.fromString("x-ms-blob-type");

    private final String jobContainer;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /** @param jobContainer the job store's container: its blobs are counted as job store reads and writes */
    public CallMeter(String jobContainer) {
        this.jobContainer = jobContainer;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        count(context.getHttpRequest());
        return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        count(context.getHttpRequest());
        return next.processSync();
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
        counts.computeIfAbsent(kind(request), k -> new AtomicLong()).incrementAndGet();
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
