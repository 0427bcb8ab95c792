package io.reprotect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout README describes, held: every package imports only packages below it, the generic engine names no
 * workflow, the packaged app never reaches the local stand-ins, and project types are imported, never written out
 * in full (a fully qualified name hides a tie between packages from anyone reading the imports).
 */
class ArchitectureTest {

    /**
     * Each main package's layer. A package may import its own layer's package only if it is itself (or its
     * parent/child), and any package of a lower layer. The workflows sit above the engine and the item, in the
     * order in which one builds on another; the entry points sit on top.
     */
    static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("job", 0), Map.entry("watchdog", 0),
            Map.entry("request", 1),
            Map.entry("cloud", 2), Map.entry("telemetry", 2), Map.entry("security", 2),
            Map.entry("pipeline", 3),
            Map.entry("sync", 4), Map.entry("protection", 4),
            Map.entry("whatif", 5),
            Map.entry("replication", 6),
            Map.entry("failover", 7),
            Map.entry("reprotect", 8),
            Map.entry("softdelete", 9), Map.entry("plan", 9),
            Map.entry("api", 10), Map.entry("intake", 10));

    private static final Path MAIN = Path.of("src/main/java/io/reprotect");
    private static final Pattern PROJECT_TYPE = Pattern.compile("\\bio\\.reprotect\\.((?:[a-z]\\w*\\.)*)[A-Z]\\w*");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.reprotect\\.([a-z]\\w*)[.\\w]*;",
            Pattern.MULTILINE);

    @Test
    void everyMainPackageHasALayer() {
        List<String> packages = javaFiles(MAIN).map(ArchitectureTest::topPackage).distinct().toList();
        assertThat(packages).isNotEmpty().allSatisfy(p -> assertThat(LAYERS).containsKey(p));
    }

    @Test
    void noPackageImportsAPackageAboveIt() {
        List<String> upward = new ArrayList<>();
        javaFiles(MAIN).forEach(file -> {
            String from = topPackage(file);
            Matcher imports = IMPORT.matcher(read(file));
            while (imports.find()) {
                String to = imports.group(1);
                if (!to.equals(from) && (!LAYERS.containsKey(to) || LAYERS.get(to) >= LAYERS.get(from))) {
                    upward.add(MAIN.relativize(file) + " imports " + to);
                }
            }
        });
        assertThat(upward).as("imports that run up the layers (or sideways)").isEmpty();
    }

    @Test
    void theEngineKnowsNoWorkflowRequestType() {
        List<String> named = javaFiles(MAIN.resolve("pipeline"))
                .filter(f -> read(f).contains("ReprotectRequest") || read(f).contains("FailoverRequest"))
                .map(f -> MAIN.relativize(f).toString()).toList();
        assertThat(named).isEmpty();
        assertThat(read(Path.of("src/main/java/io/reprotect/job/Job.java"))).doesNotContain("ReprotectRequest");
    }

    @Test
    void mainCodeNeverReachesTheLocalStandIns() {
        List<String> local = javaFiles(MAIN).filter(f -> read(f).contains("io.reprotect.local"))
                .map(f -> MAIN.relativize(f).toString()).toList();
        assertThat(local).isEmpty();
    }

    @Test
    void projectTypesAreImportedNotWrittenOutInFull() {
        List<String> qualified = new ArrayList<>();
        for (String root : List.of("src/main/java", "src/local/java", "src/test/java")) {
            javaFiles(Path.of(root)).forEach(file -> {
                String[] lines = read(file).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    String code = lines[i].replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"");
                    if (!code.startsWith("import ") && !code.startsWith("package ")
                            && PROJECT_TYPE.matcher(code).find()) {
                        qualified.add(file + ":" + (i + 1) + ": " + lines[i].strip());
                    }
                }
            });
        }
        assertThat(qualified).isEmpty();
    }

    private static String topPackage(Path file) {
        return MAIN.relativize(file).getName(0).toString();
    }

    private static Stream<Path> javaFiles(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.toString().endsWith(".java")).toList().stream();
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
