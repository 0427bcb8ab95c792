package io.reprotect.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Request;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void theRetryAdviceMentionsIdempotencyKeyOnlyForAPost() {
        assertThat(detail(mappers.unexpected(new IllegalStateException("storage down"), request("POST"))))
                .contains("Idempotency-Key");
        assertThat(detail(mappers.unexpected(new IllegalStateException("storage down"), request("GET"))))
                .contains("safe to retry").doesNotContain("Idempotency-Key");
    }

    @Test
    void frameworkRefusalsAreToldInTheCallersTerms() {
        ProblemDetails unsupported = HttpRefusals.of(415, "POST", "/api/reprotect");
        assertThat(unsupported.detail()).contains("application/json").doesNotContain("@Consumes");
        assertThat(HttpRefusals.of(405, "PUT", "/api/reprotect").detail()).contains("PUT /api/reprotect");
    }

    private static String detail(jakarta.ws.rs.core.Response response) {
        return ((ProblemDetails) response.getEntity()).detail();
    }

    private static Request request(String method) {
        return (Request) Proxy.newProxyInstance(Request.class.getClassLoader(), new Class<?>[] {Request.class},
                (proxy, m, args) -> "getMethod".equals(m.getName()) ? method : null);
    }
}
