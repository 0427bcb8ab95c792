package io.reprotect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data between stages stays typed: outside the engine ({@code pipeline/}) and the job record ({@code job/}), main
 * code reads and writes a job's outputs only through {@link OutputKey}s, never a bare name and a class named apart.
 */
class TypedOutputsTest {

    private static final Path MAIN = Path.of("src/main/java/io/reprotect");
    /** The engine and the job record handle outputs as the JSON map they are stored as. */
    private static final Set<String> ENGINE = Set.of("pipeline", "job");

    /** A name and a class read apart: {@code context.output(NAME, X.class)}, or a {@code TypeReference} of one. */
    static final Pattern NAMED_READ = Pattern.compile("\\.output\\(\\s*[\\w.\"-]+\\s*,\\s*[\\w.<>\\[\\]]+\\.class\\)");
    /** The stored map reached into by name: {@code job.outputs().get(NAME)}, {@code containsKey}, {@code ::get}. */
    static final Pattern MAP_READ = Pattern.compile("outputs\\(\\)\\s*(?:\\.(?:get|containsKey)\\(|::get)");
    /** {@code StageContext.json(x)} anywhere but as a checkpoint: {@code continueLater(StageContext.json(state), ..)}. */
    static final Pattern JSON_WRITE = Pattern.compile("(?<!continueLater\\()StageContext\\.json\\(");
    /** A key declared with its name and type, e.g. {@code OutputKey.named("cycle", Cycle.class)}. */
    private static final Pattern KEY = Pattern.compile(
            "OutputKey<([^=]+)>\\s+\\w+\\s*=\\s*OutputKey\\.(named|listOf)\\(\\s*\"([^\"]+)\"\\s*,\\s*([\\w.]+)");

    @Test
    void stagesAndServicesReadAndWriteOutputsOnlyThroughKeys() {
        List<String> found = new ArrayList<>();
        workflowFiles().forEach(file -> {
            String code = read(file);
            for (Pattern rule : List.of(NAMED_READ, MAP_READ, JSON_WRITE)) {
                Matcher m = rule.matcher(code);
                while (m.find()) {
                    found.add(MAIN.relativize(file) + ":" + line(code, m.start()) + ": " + lineText(code, m.start()));
                }
            }
        });
        assertThat(found).as("string-keyed reads or writes of job outputs (use an OutputKey: KEY.of(value), "
                + "context.get(KEY), KEY.read(job))").isEmpty();
    }

    @Test
    void theRulesCatchTheStringKeyedFormsTheyReplaced() {
        assertThat(NAMED_READ.matcher("context.output(CycleInputs.SNAPSHOTS, CycleInputs.Snapshots.class)").find())
                .isTrue();
        assertThat(NAMED_READ.matcher("context.output(Outputs.REPLICAS, Outputs.Replica[].class)").find()).isTrue();
        assertThat(MAP_READ.matcher("job.outputs().get(FailoverOutputs.VM)").find()).isTrue();
        assertThat(MAP_READ.matcher("j.outputs().containsKey(CycleInputs.DISKS)").find()).isTrue();
        assertThat(MAP_READ.matcher(".map(job.outputs()::get)").find()).isTrue();
        assertThat(JSON_WRITE.matcher("Outcome.next(Map.of(\"nextCycle\", StageContext.json(next.id())))").find())
                .isTrue();
        assertThat(JSON_WRITE.matcher("return Outcome.continueLater(StageContext.json(state), Duration.ZERO,").find())
                .as("a checkpoint is not an output").isFalse();
        assertThat(MAP_READ.matcher("JobView.of(job.outputs(), job.createdAt())").find()).isFalse();
    }

    @Test
    void twoKeysWithOneNameHoldTheSameType() {
        Map<String, String> typeByName = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        javaFiles(MAIN).forEach(file -> {
            Matcher m = KEY.matcher(read(file));
            while (m.find()) {
                String type = m.group(1).replaceAll("\\s", "");
                String other = typeByName.putIfAbsent(m.group(3), type);
                if (other != null && !other.equals(type)) {
                    clashes.add(m.group(3) + ": " + other + " and " + type + " (" + MAIN.relativize(file) + ")");
                }
            }
        });
        assertThat(typeByName).as("keys found").containsKeys("cycle", "replicas", "failoverVm", "afterJob");
        assertThat(clashes).as("a name read as two types: use KEY.as(Type.class) for a deliberate view").isEmpty();
    }

    /**
     * {@code Map.get(Object)} takes any key, so {@code job.outputs().get(KEY)} compiles and always finds nothing:
     * nowhere (main, local or test code) is a map read with a key object instead of {@code KEY.read(job)} or
     * {@code KEY.name()}.
     */
    @Test
    void noMapIsReadWithAKeyObject() {
        List<String> keys = new ArrayList<>();
        javaFiles(MAIN).forEach(file -> {
            Matcher m = Pattern.compile("OutputKey<.+?>\\s+(\\w+)\\s*=").matcher(read(file));
            while (m.find()) {
                keys.add(m.group(1));
            }
        });
        assertThat(keys).contains("REPLICAS", "RESULTS", "VM");
        Pattern lookup = Pattern.compile("\\.(?:get|getOrDefault|containsKey|doesNotContainKey|containsEntry|remove)"
                + "\\(\\s*(?:[A-Z]\\w*\\.)?(?:" + String.join("|", keys) + ")\\s*[,)]");
        List<String> found = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("src/local/java"), Path.of("src/test/java"))) {
            javaFiles(root).filter(f -> !f.endsWith("TypedOutputsTest.java")).forEach(file -> {
                String code = read(file);
                Matcher m = lookup.matcher(code);
                while (m.find()) {
                    String text = lineText(code, m.start());
                    if (!text.matches(".*\\b(context|c|ctx)\\.get\\(.*")) {
                        found.add(file + ":" + line(code, m.start()) + ": " + text);
                    }
                }
            });
        }
        assertThat(found).as("maps looked up with an OutputKey (always absent)").isEmpty();
    }

    private static Stream<Path> workflowFiles() {
        return javaFiles(MAIN).filter(f -> !ENGINE.contains(MAIN.relativize(f).getName(0).toString()));
    }

    private static int line(String code, int offset) {
        return (int) code.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String lineText(String code, int offset) {
        int start = code.lastIndexOf('\n', offset) + 1;
        int end = code.indexOf('\n', offset);
        return code.substring(start, end < 0 ? code.length() : end).strip();
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
