package io.reprotect.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The workflows talk to Azure through the ports of {@code cloud/} ({@link PageBlobs} for the blob data plane, the
 * control-plane ports for ARM) and the sync engines of {@code sync/}: no workflow package names a Storage or Resource
 * Manager SDK type, imported or written out, so the stages can be read, and run on the stand-ins, without the SDK.
 */
class StagesHoldNoSdkClientsTest {

    static final List<String> WORKFLOWS = List.of("reprotect", "failover", "replication", "softdelete");
    /**
     * Job-store files inside a workflow package: the fleet's shard membership index is a container of the app's own
     * job store (as protection/'s item store is), not a call a workflow makes on the customer's Azure resources.
     */
    static final List<String> JOB_STORE_FILES = List.of("replication/CycleShards.java");
    private static final Path MAIN = Path.of("src/main/java/io/reprotect");
    private static final Pattern SDK = Pattern.compile("\\bcom\\.azure\\.(storage|resourcemanager)\\b");

    @Test
    void noWorkflowPackageNamesAStorageOrResourceManagerSdkType() {
        List<String> named = new ArrayList<>();
        for (String workflow : WORKFLOWS) {
            javaFiles(MAIN.resolve(workflow)).stream()
                    .filter(file -> !JOB_STORE_FILES.contains(MAIN.relativize(file).toString())).forEach(file -> {
                String[] lines = read(file).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    if (SDK.matcher(lines[i]).find()) {
                        named.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
                    }
                }
            });
        }
        assertThat(named).as("SDK types in workflow code: use a port of cloud/ instead").isEmpty();
    }

    @Test
    void theCheckSeesEveryWorkflowPackage() {
        WORKFLOWS.forEach(w -> assertThat(javaFiles(MAIN.resolve(w))).as(w).isNotEmpty());
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
