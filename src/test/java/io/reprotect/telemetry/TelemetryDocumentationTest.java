package io.reprotect.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md's "Traces and metrics" documents every attribute and metric the app emits, and its Kusto queries
 * read only attributes and metrics the app emits.
 */
class TelemetryDocumentationTest {

    private static final Pattern DIMENSION = Pattern.compile("customDimensions\\[\"([^\"]+)\"]");
    private static final Pattern METRIC_NAME = Pattern.compile("name == \"([^\"]+)\"");

    @Test
    void everyAttributeAndMetricIsDocumentedAndTheQueriesReadOnlyWhatIsEmitted() throws Exception {
        String section = section();
        List<String> attributes = attributeNames();
        assertThat(attributes).isNotEmpty().allSatisfy(name -> assertThat(section).as("docs/operations.md documents " + name)
                .contains("`" + name + "`"));
        List<String> metrics = List.of(JobTelemetry.STAGE_DURATION, JobTelemetry.STAGE_FAILURES,
                JobTelemetry.BYTES_MOVED, JobTelemetry.RPO);
        metrics.forEach(name -> assertThat(section).contains("`" + name + "`"));

        List<String> read = matches(DIMENSION, section);
        assertThat(read).as("the Kusto queries read custom dimensions").isNotEmpty();
        assertThat(attributes).containsAll(read);
        assertThat(metrics).containsAll(matches(METRIC_NAME, section));
        assertThat(section).contains("```kusto");
    }

    private static String section() throws Exception {
        String readme = Files.readString(Path.of("docs/operations.md"));
        int start = readme.indexOf("### Traces and metrics");
        assertThat(start).as("docs/operations.md section").isNotNegative();
        return readme.substring(start, readme.indexOf("\n## ", start) < 0 ? readme.length()
                : Math.min(readme.indexOf("\n### ", start + 1), readme.indexOf("\n## ", start)));
    }

    private static List<String> attributeNames() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field field : TelemetryAttributes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof AttributeKey<?> key) {
                names.add(key.getKey());
            }
        }
        return names;
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
