package io.reprotect.cloud.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.OperationCheck;
import io.reprotect.cloud.PendingOperation;
import io.reprotect.cloud.RetryAfter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * ARM's long-running operations without a poller: {@link #begin} sends the request (the generated clients'
 * {@code xxxWithResponseAsync}, the first call a {@code beginXxx} poller makes) and keeps the status URL Azure
 * answers with; {@link #check} GETs that URL once. Azure's answers, as the SDK's poller reads them:
 * {@code Azure-AsyncOperation} (a status resource: {@code "status": InProgress / Succeeded / Failed / Canceled})
 * wins over {@code Location} (202 while running, 200 or 204 when done); a first answer of 200 or 204 without
 * either is done; the wait is {@code Retry-After} when sent, else the poll interval (the SDK's default 30 s:
 * Compute sends no Retry-After, Disk RP sends 2).
 */
final class ArmOperations {

    /** The azure-resourcemanager poll interval when ARM sends no {@code Retry-After}. */
    static final Duration SDK_DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpHeaderName AZURE_ASYNC_OPERATION = HttpHeaderName.fromString("Azure-AsyncOperation");

    private ArmOperations() {
    }

    /**
     * Sends the request that starts an operation on {@code resourceId} and returns at once.
     *
     * @param what names the operation in errors ("Deleting snapshot ...")
     * @param deleting whether the operation deletes the resource (a 404 answer is then a finished operation)
     */
    static PendingOperation begin(ArmManagers managers, String what, String resourceId, boolean deleting,
            Supplier<Mono<Response<Flux<ByteBuffer>>>> request) {
        Response<Flux<ByteBuffer>> response;
        try {
            response = ArmErrors.call(what, () -> request.get().block());
        } catch (CloudException.NotFound gone) {
            if (deleting) {
                return PendingOperation.done(resourceId, true);
            }
            throw gone;
        }
        String body = response.getValue() == null ? "" : text(response.getValue());
        String statusUrl = statusUrl(response.getHeaders().getValue(AZURE_ASYNC_OPERATION),
                response.getHeaders().getValue(HttpHeaderName.LOCATION));
        if (statusUrl == null && !deleting && running(provisioningState(body))) {
            // answered 200/201 with the resource still being created and no status URL: its own GET tells
            statusUrl = response.getRequest().getUrl().toString();
        }
        if (statusUrl == null) {
            return PendingOperation.done(resourceId, deleting);
        }
        return new PendingOperation(resourceId, statusUrl, deleting, wait(managers, response.getHeaders()));
    }

    /** One GET of the operation's status URL; what Azure answers, reduced to {@link OperationCheck}. */
    static OperationCheck check(ArmManagers managers, String what, PendingOperation operation) {
        if (operation.finished()) {
            return OperationCheck.succeeded();
        }
        HttpResponse response;
        try {
            response = managers.pipeline().sendSync(new HttpRequest(HttpMethod.GET, operation.statusUrl()), Context.NONE);
        } catch (RuntimeException e) {
            throw ArmErrors.classify("Checking: " + what, e);
        }
        try (response) {
            int status = response.getStatusCode();
            String body = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
            if (status == 404 && operation.deleting()) {
                return OperationCheck.succeeded();
            }
            if (status == 202) {
                return OperationCheck.inProgress(wait(managers, response.getHeaders()));
            }
            if (status >= 300) {
                throw ArmErrors.classify("Checking: " + what, new HttpResponseException("HTTP " + status + ": " + body,
                        response));
            }
            JsonNode json = parse(body);
            String state = json.hasNonNull("status") ? json.get("status").asText() : provisioningState(body);
            if (state == null || state.equalsIgnoreCase("Succeeded")) {
                return OperationCheck.succeeded();
            }
            if (state.equalsIgnoreCase("Failed") || state.equalsIgnoreCase("Canceled")) {
                JsonNode error = json.path("error");
                return OperationCheck.failed(error.path("code").asText(state),
                        error.path("message").asText("the operation ended " + state));
            }
            return OperationCheck.inProgress(wait(managers, response.getHeaders()));
        }
    }

    private static String statusUrl(String asyncOperation, String location) {
        return asyncOperation != null && !asyncOperation.isBlank() ? asyncOperation
                : location != null && !location.isBlank() ? location : null;
    }

    private static Duration wait(ArmManagers managers, com.azure.core.http.HttpHeaders headers) {
        return RetryAfter.from(headers, Instant.now()).orElse(managers.defaultPollInterval());
    }

    private static boolean running(String provisioningState) {
        if (provisioningState == null) {
            return false;
        }
        String s = provisioningState.toLowerCase(Locale.ROOT);
        return !s.equals("succeeded") && !s.equals("failed") && !s.equals("canceled");
    }

    private static String provisioningState(String body) {
        JsonNode state = parse(body).path("properties").path("provisioningState");
        return state.isTextual() ? state.asText() : null;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String text(Flux<ByteBuffer> body) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        body.doOnNext(b -> {
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.writeBytes(chunk);
        }).blockLast();
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
