package io.reprotect.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every problem {@code type} the app can answer links to a heading of the error catalogue (docs/errors.md) that exists. */
class ProblemTypesTest {

    /** {@code ProblemDetails.of(<status>, "<kind>", ...)}, across line breaks. */
    private static final Pattern KIND = Pattern.compile("(?:ProblemDetails\\.of\\(\\s*[^,]+,"
            + "|ApprovalRefusedException\\(\\s*\\d+,|PlanActionRefusedException\\(\\s*\\d+,|TYPES \\+)\\s*\"([^\"]+)\"");

    static Set<String> kindsInSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return KIND.matcher(Files.readString(f)).results().map(m -> m.group(1));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toSet());
        }
    }

    @Test
    void everyProblemTypeHasItsReadmeAnchor() throws IOException {
        Set<String> kinds = kindsInSources();
        assertThat(kinds).as("the scan finds the kinds").contains("invalid-request", "vm-busy", "unavailable",
                "role-required", "forged-principal", "approval-used", "approval-expired", "self-approval",
                "plan-callback-not-found", "plan-action-ended", "plan-approval-decided");
        for (String kind : kinds) {
            String type = ProblemDetails.of(Response.Status.BAD_REQUEST, kind, "t", "d").type();
            assertThat(ReadmeAnchors.all()).as(type).contains(ReadmeAnchors.of(type));
        }
    }

    @Test
    void problemTypesLinkIntoTheReadme() {
        assertThat(ProblemDetails.of(Response.Status.BAD_REQUEST, "invalid-request", "t", "d").type())
                .endsWith("/docs/errors.md#invalid-request");
    }
}
