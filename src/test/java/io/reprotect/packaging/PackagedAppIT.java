package io.reprotect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reprotect.pipeline.Queues;
import io.reprotect.watchdog.Watchdog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** Checks the Functions app that {@code ./mvnw package} stages, as the Functions host would load it. */
class PackagedAppIT {

    static final Path APP = Path.of(System.getProperty("functions.staging.dir", "target/azure-functions/vm-reprotect"));
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode function(String name) throws IOException {
        Path file = APP.resolve(name).resolve("function.json");
        assertThat(file).as(name + "/function.json").exists();
        return JSON.readTree(file.toFile());
    }

    @Test
    void httpFunctionExistsAndRequiresAKey() throws IOException {
        JsonNode trigger = function("QuarkusHttp").path("bindings").get(0);
        assertThat(trigger.path("type").asText()).isEqualTo("httpTrigger");
        assertThat(trigger.path("route").asText()).isEqualTo("{*path}");
        assertThat(trigger.path("authLevel").asText()).isEqualTo("FUNCTION");
    }

    @Test
    void noHttpFunctionInThePackageIsAnonymous() throws IOException {
        List<String> anonymous = new ArrayList<>();
        try (Stream<Path> files = Files.walk(APP, 2)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("function.json")).toList()) {
                for (JsonNode binding : JSON.readTree(file.toFile()).path("bindings")) {
                    if (binding.path("type").asText().equals("httpTrigger")
                            && binding.path("authLevel").asText("").equalsIgnoreCase("anonymous")) {
                        anonymous.add(file.toString());
                    }
                }
            }
        }
        assertThat(anonymous).isEmpty();
    }

    @Test
    void intakeFunctionListensOnTheIntakeQueue() throws IOException {
        JsonNode trigger = function("reprotect-intake").path("bindings").get(0);
        assertThat(trigger.path("type").asText()).isEqualTo("serviceBusTrigger");
        assertThat(trigger.path("queueName").asText()).isEqualTo(Queues.INTAKE);
        assertThat(trigger.path("connection").asText()).isEqualTo(Queues.CONNECTION);
    }

    @Test
    void oneFunctionRunsEveryStageAndOneHandlesItsDeadLetters() throws IOException {
        assertThat(function("stages").path("bindings").get(0).path("queueName").asText()).isEqualTo(Queues.STAGES);
        assertThat(function("stages-dead-letter").path("bindings").get(0).path("queueName").asText())
                .isEqualTo(Queues.STAGES + Queues.DEAD_LETTER_SUFFIX);
        try (Stream<Path> dirs = Files.list(APP)) {
            assertThat(dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith("stage-")).toList())
                    .as("no function per stage any more").isEmpty();
        }
    }

    @Test
    void watchdogRunsOnItsTimer() throws IOException {
        JsonNode trigger = function("watchdog").path("bindings").get(0);
        assertThat(trigger.path("type").asText()).isEqualTo("timerTrigger");
        assertThat(trigger.path("schedule").asText()).isEqualTo(Watchdog.SCHEDULE);
    }

    @Test
    void intakeDeadLetterQueueHasAFunction() throws IOException {
        JsonNode trigger = function("reprotect-intake-dead-letter").path("bindings").get(0);
        assertThat(trigger.path("type").asText()).isEqualTo("serviceBusTrigger");
        assertThat(trigger.path("queueName").asText()).isEqualTo(Queues.INTAKE + Queues.DEAD_LETTER_SUFFIX);
    }

    @Test
    void hostJsonUsesExtensionBundle4() throws IOException {
        JsonNode host = JSON.readTree(APP.resolve("host.json").toFile());
        assertThat(host.path("extensionBundle").path("version").asText()).isEqualTo("[4.*, 5.0.0)");
    }

    @Test
    void localStandInsAreNotPackaged() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(APP)) {
            jar = files.filter(f -> f.toString().endsWith("-runner.jar")).findFirst().orElseThrow();
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.stream().map(e -> e.getName()).filter(n -> n.startsWith("io/reprotect/local/") && n.endsWith(".class")).toList())
                    .isEmpty();
            assertThat(zip.getEntry("io/reprotect/pipeline/StageRunner.class")).isNotNull();
        }
    }
}
