package io.reprotect.local.arm;

import com.sun.net.httpserver.HttpExchange;
import io.reprotect.local.AzuriteLauncher;
import io.reprotect.sync.ByteRange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The blob endpoint behind the read SAS URLs of the stand-in's incremental snapshots: it serves
 * them at {@code http://<stand-in>/<account>/<container>/<blob>?snapshot=...&<sas>}, passes every
 * request through to Azurite (which checks the SAS), and answers Get Page Ranges with
 * {@code x-ms-previous-snapshot-url} (or {@code prevsnapshot}) itself, from the {@link DiskWriteLog},
 * in Azure's XML shape with {@code <PageRange>} and {@code <ClearRange>}.
 *
 * <p>Paged as the Blob service pages it since version 2020-10-02: at most {@code maxresults} ranges per
 * answer (at most {@link #MAX_RANGES_PER_ANSWER}, or the smaller page size a test sets with
 * {@link #rangesPerAnswer(int)}), then a {@code <NextMarker>} that the next request passes as {@code marker}
 * (opaque to the client; here it names the byte offset where the next answer starts); 400
 * {@code InvalidQueryParameterValue} for {@code maxresults <= 0} or a marker this endpoint did not give.
 *
 * <p>Errors as the Blob service names them: {@code PreviousSnapshotNotFound} (409) when the older
 * snapshot was deleted, {@code PreviousSnapshotOperationNotSupported} (409) when it is not an
 * incremental snapshot of the same disk, {@code PreviousSnapshotCannotBeNewer} (400), and
 * Azurite's own answer when a SAS is not valid.
 */
final class DiskDataPlane {

    private static final Logger LOG = Logger.getLogger(DiskDataPlane.class.getName());
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "date", "via", "warning", "te", "trailer", "proxy-connection");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    /** The most page ranges (page and clear ranges together) the Blob service puts in one answer. */
    static final int MAX_RANGES_PER_ANSWER = 10_000;
    private static final String MARKER_PREFIX = "offset:";

    private final DiskWriteLog log;
    private volatile int rangesPerAnswer = MAX_RANGES_PER_ANSWER;
    private final Map<String, java.util.concurrent.atomic.AtomicLong> requests =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final String azurite;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final java.util.function.Predicate<String> accountDown;

    /** @param accountDown whether the region of an Azurite account (the first path segment) is down */
    DiskDataPlane(DiskWriteLog log, java.util.function.Predicate<String> accountDown) {
        this.log = log;
        this.accountDown = accountDown;
        this.azurite = "http://" + AzuriteLauncher.HOST + ":" + AzuriteLauncher.BLOB_PORT;
    }

    /** Answers at most {@code ranges} ranges per diff (tests: a small page size, so that paging is exercised). */
    void rangesPerAnswer(int ranges) {
        if (ranges <= 0 || ranges > MAX_RANGES_PER_ANSWER) {
            throw new IllegalArgumentException("ranges per answer must be 1-" + MAX_RANGES_PER_ANSWER + ": " + ranges);
        }
        this.rangesPerAnswer = ranges;
    }

    /** Requests served so far, by kind ({@code get page ranges diff}, {@code get blob}, ...). */
    Map<String, Long> requests() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        requests.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** The URL served here for an Azurite URL of a blob. */
    static String servedUrl(String azuriteUrl, String standInEndpoint) {
        URI uri = URI.create(azuriteUrl);
        String base = standInEndpoint.endsWith("/") ? standInEndpoint.substring(0, standInEndpoint.length() - 1)
                : standInEndpoint;
        return base + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    void handle(HttpExchange exchange) {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String previousUrl = exchange.getRequestHeaders().getFirst("x-ms-previous-snapshot-url");
            boolean diff = "GET".equals(exchange.getRequestMethod()) && "pagelist".equals(query.get("comp"))
                    && (previousUrl != null || query.containsKey("prevsnapshot"));
            String kind = diff ? "get page ranges diff" : exchange.getRequestMethod().toLowerCase(java.util.Locale.ROOT)
                    + (query.get("comp") == null ? " blob" : " " + query.get("comp"));
            requests.computeIfAbsent(kind, k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
            String account = exchange.getRequestURI().getRawPath().substring(1).split("/", 2)[0];
            if (accountDown.test(account)) {
                // the region is down (RegionOutages): Storage's retryable "server busy"; a real outage may time out
                error(exchange, 503, "ServerBusy", "The server is currently unable to receive requests. Please retry "
                        + "your request.");
            } else if (diff) {
                answerDiff(exchange, query, previousUrl);
            } else {
                proxy(exchange);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "disk data plane request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answerDiff(HttpExchange exchange, Map<String, String> query, String previousUrl)
            throws IOException, InterruptedException {
        String rawPath = exchange.getRequestURI().getRawPath();
        HttpResponse<byte[]> target = head(rawPath, exchange.getRequestURI().getRawQuery());
        if (target.statusCode() != 200) {
            relayHeadError(exchange, target);
            return;
        }
        String diskKey = diskKey(rawPath);
        DiskWriteLog.Mark newer = log.mark(diskKey, query.get("snapshot"));
        if (newer == null) {
            error(exchange, 400, "InvalidOperation", "Differential Get Page Ranges is supported on incremental "
                    + "snapshots of managed disks only.");
            return;
        }
        DiskWriteLog.Mark older;
        if (previousUrl != null) {
            URI previous = URI.create(previousUrl);
            if (!diskKey(previous.getRawPath()).equals(diskKey)) {
                error(exchange, 409, "PreviousSnapshotOperationNotSupported", "Differential Get Page Ranges is not "
                        + "supported on the previous snapshot: it is not a snapshot of the same disk.");
                return;
            }
            older = log.mark(diskKey, query(previous.getRawQuery()).get("snapshot"));
            if (older == null && query(previous.getRawQuery()).get("snapshot") != null
                    && head(previous.getRawPath(), previous.getRawQuery()).statusCode() == 200) {
                error(exchange, 409, "PreviousSnapshotOperationNotSupported", "Differential Get Page Ranges is not "
                        + "supported on the previous snapshot: it is not an incremental snapshot.");
                return;
            }
            if (older != null) {
                HttpResponse<byte[]> access = head(previous.getRawPath(), previous.getRawQuery());
                if (access.statusCode() == 403) {
                    error(exchange, 403, "CannotVerifyCopySource", "The SAS of x-ms-previous-snapshot-url is not "
                            + "valid: it expired or its access was revoked.");
                    return;
                }
            }
        } else {
            older = log.mark(diskKey, query.get("prevsnapshot"));
        }
        if (older == null) {
            error(exchange, 409, "PreviousSnapshotNotFound", "The previous snapshot is not found.");
            return;
        }
        if (older.position() > newer.position()) {
            error(exchange, 400, "PreviousSnapshotCannotBeNewer", "The previous snapshot cannot be newer than the "
                    + "snapshot the request is made on.");
            return;
        }
        ByteRange window = window(exchange.getRequestHeaders().getFirst("x-ms-range"), newer.sizeBytes());
        Integer pageSize = pageSize(query.get("maxresults"));
        Long from = markerOffset(query.get("marker"));
        if (pageSize == null || from == null) {
            error(exchange, 400, "InvalidQueryParameterValue", "Value for one of the query parameters specified in "
                    + "the request URI is invalid (maxresults must be > 0; marker must be one this service returned).");
            return;
        }
        DiskWriteLog.Diff diff = log.diff(newer, older, window);
        List<Map.Entry<ByteRange, Boolean>> ranges = merged(diff).stream().filter(e -> e.getKey().offset() >= from)
                .toList();
        List<Map.Entry<ByteRange, Boolean>> page = ranges.subList(0, Math.min(pageSize, ranges.size()));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><PageList>");
        page.forEach(e -> xml.append('<').append(e.getValue() ? "ClearRange" : "PageRange").append("><Start>")
                .append(e.getKey().offset()).append("</Start><End>").append(e.getKey().end() - 1).append("</End></")
                .append(e.getValue() ? "ClearRange" : "PageRange").append('>'));
        if (page.size() < ranges.size()) {
            xml.append("<NextMarker>").append(marker(ranges.get(page.size()).getKey().offset())).append("</NextMarker>");
        } else {
            xml.append("<NextMarker />");
        }
        xml.append("</PageList>");
        byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/xml");
        headers.set("x-ms-blob-content-length", String.valueOf(newer.sizeBytes()));
        target.headers().firstValue("ETag").ifPresent(v -> headers.set("ETag", v));
        target.headers().firstValue("Last-Modified").ifPresent(v -> headers.set("Last-Modified", v));
        headers.set("x-ms-request-id", UUID.randomUUID().toString());
        headers.set("x-ms-version", exchange.getRequestHeaders().getFirst("x-ms-version"));
        send(exchange, 200, body);
    }

    /** The page size of an answer: {@code maxresults} capped as the service caps it; null when not valid. */
    private Integer pageSize(String maxResults) {
        if (maxResults == null) {
            return rangesPerAnswer;
        }
        try {
            int asked = Integer.parseInt(maxResults.trim());
            return asked <= 0 ? null : Math.min(asked, rangesPerAnswer);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String marker(long offset) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString((MARKER_PREFIX + offset)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a marker names: 0 without one, null for a marker not given here. */
    private static Long markerOffset(String marker) {
        if (marker == null || marker.isEmpty()) {
            return 0L;
        }
        try {
            String text = new String(java.util.Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            return text.startsWith(MARKER_PREFIX) ? Long.valueOf(text.substring(MARKER_PREFIX.length())) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Page and clear ranges in offset order, as Azure lists them. */
    private static List<Map.Entry<ByteRange, Boolean>> merged(DiskWriteLog.Diff diff) {
        List<Map.Entry<ByteRange, Boolean>> all = new java.util.ArrayList<>();
        diff.changed().forEach(r -> all.add(Map.entry(r, false)));
        diff.cleared().forEach(r -> all.add(Map.entry(r, true)));
        all.sort(Map.Entry.comparingByKey());
        return all;
    }

    private static ByteRange window(String rangeHeader, long size) {
        if (rangeHeader == null || rangeHeader.isBlank()) {
            return new ByteRange(0, size);
        }
        String[] bounds = rangeHeader.replace("bytes=", "").split("-");
        long start = Long.parseLong(bounds[0].trim());
        long end = bounds.length > 1 && !bounds[1].isBlank() ? Long.parseLong(bounds[1].trim()) + 1 : size;
        return ByteRange.between(Math.min(start, size), Math.min(end, size));
    }

    private static String diskKey(String rawPath) {
        String[] parts = rawPath.substring(1).split("/", 3);
        if (parts.length < 3) {
            return "";
        }
        return DiskWriteLog.key(parts[0], decode(parts[1]), decode(parts[2]));
    }

    private HttpResponse<byte[]> head(String rawPath, String rawQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(azurite + rawPath + (rawQuery == null ? "" : "?" + rawQuery)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("x-ms-version", "2021-12-02")
                .header("x-ms-date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void relayHeadError(HttpExchange exchange, HttpResponse<byte[]> head) throws IOException {
        String code = head.headers().firstValue("x-ms-error-code").orElse(head.statusCode() == 404 ? "BlobNotFound"
                : "AuthorizationFailure");
        error(exchange, head.statusCode(), code, "The snapshot is not readable with this URL.");
    }

    private void proxy(HttpExchange exchange) throws IOException, InterruptedException {
        URI uri = exchange.getRequestURI();
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(azurite + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> {
                    try {
                        request.header(name, v);
                    } catch (IllegalArgumentException restricted) {
                        // a header the JDK client sets itself
                    }
                });
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        if (exchange.getRequestMethod().equals("HEAD")) {
            response.headers().firstValue("Content-Length").ifPresent(v -> exchange.getResponseHeaders().set("Content-Length", v));
            exchange.sendResponseHeaders(response.statusCode(), -1);
            return;
        }
        send(exchange, response.statusCode(), response.body());
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "\nRequestId:" + UUID.randomUUID() + "\nTime:" + java.time.Instant.now() + "</Message></Error>";
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.getResponseHeaders().set("x-ms-error-code", code);
        exchange.getResponseHeaders().set("x-ms-request-id", UUID.randomUUID().toString());
        send(exchange, status, exchange.getRequestMethod().equals("HEAD") ? new byte[0] : xml.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
