package io.reprotect.local.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.local.arm.ThrottlingBudgets.Policy;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * docs/cost-and-capacity.md's table of budgets says which the stand-in takes from Microsoft's documentation and
 * which it assumes, with the same numbers as the code; and every undocumented budget is in {@link AssumedBudgets}.
 */
class StandInBudgetsDocumentationTest {

    @Test
    void everyDocumentedBudgetIsInTheTableAsDocumentedWithItsSizeAndRefill() throws Exception {
        List<String> rows = tableRows();
        for (List<Policy> group : ThrottlingBudgets.DOCUMENTED_COMPUTE) {
            for (Policy p : group) {
                assertThat(p.documented()).as(p.name()).isTrue();
                String row = rowNaming(rows, p.name());
                assertThat(row).as("row of " + p.name()).startsWith("| documented")
                        .contains(String.format(Locale.ROOT, "%,d, %,d per min", p.capacity(), p.refill()));
            }
        }
        for (ThrottlingBudgets.Bucket b : List.of(ThrottlingBudgets.ARM_READS, ThrottlingBudgets.ARM_WRITES,
                ThrottlingBudgets.ARM_DELETES)) {
            assertThat(rowNaming(rows, b.operationType())).startsWith("| documented (ARM)")
                    .contains(String.format(Locale.ROOT, "%d, %.0f per s", b.size(), b.refillPerSecond()))
                    .contains(String.format(Locale.ROOT, "global %,d, %.0f per s",
                            b.size() * ThrottlingBudgets.ARM_GLOBAL_FACTOR,
                            b.refillPerSecond() * ThrottlingBudgets.ARM_GLOBAL_FACTOR));
        }
    }

    @Test
    void everyAssumedBudgetIsInTheTableAsAnAssumptionWithItsBasisAndNumbers() throws Exception {
        List<String> rows = tableRows();
        List<String> assumedNames = new ArrayList<>();
        for (AssumedBudgets.Assumption a : AssumedBudgets.ALL) {
            assertThat(a.basis()).as(a.calls()).matches("(recorded|no source).+");
            for (Policy p : a.policies()) {
                assertThat(p.documented()).as(p.name()).isFalse();
                assumedNames.add(p.name());
                String row = rowNaming(rows, p.name());
                assertThat(row).as("row of " + p.name())
                        .startsWith(a.basis().startsWith("recorded") ? "| ASSUMPTION, recorded" : "| ASSUMPTION, no source")
                        .contains(String.format(Locale.ROOT, "%,d per %d min", p.capacity(), p.period().toMinutes()));
            }
        }
        for (String row : rows) {
            if (row.startsWith("| ASSUMPTION")) {
                String names = row.split("\\|")[2];
                assertThat(assumedNames).as("a table row of assumptions names only budgets in AssumedBudgets: " + row)
                        .anyMatch(n -> names.contains("`" + n + "`"));
            }
        }
    }

    @Test
    void everyBudgetTheStandInChargesIsDocumentedOrListedAmongTheAssumptions() throws Exception {
        List<Object> listed = new ArrayList<>(ThrottlingBudgets.DOCUMENTED_COMPUTE);
        for (Field field : ThrottlingBudgets.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == List.class
                    && field.getGenericType().getTypeName().contains("Policy")
                    && !field.getGenericType().getTypeName().contains("List<java.util.List")) {
                assertThat(listed).as("ThrottlingBudgets." + field.getName() + " in DOCUMENTED_COMPUTE")
                        .contains(field.get(null));
            }
        }
        for (Field field : AssumedBudgets.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == AssumedBudgets.Assumption.class) {
                assertThat(AssumedBudgets.ALL).as("AssumedBudgets." + field.getName() + " in ALL").contains(
                        (AssumedBudgets.Assumption) field.get(null));
            }
        }
    }

    private static String rowNaming(List<String> rows, String name) {
        return rows.stream().filter(r -> r.split("\\|").length > 2 && r.split("\\|")[2].contains("`" + name + "`"))
                .findFirst().orElseThrow(() -> new AssertionError("docs/cost-and-capacity.md has no row for `" + name + "`"));
    }

    private static List<String> tableRows() throws Exception {
        String doc = Files.readString(Path.of("docs/cost-and-capacity.md"));
        int start = doc.indexOf("### Which budgets are documented and which are assumed");
        assertThat(start).as("the section in docs/cost-and-capacity.md").isNotNegative();
        int end = doc.indexOf("\n### ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end).lines().filter(l -> l.startsWith("| ")).toList();
    }
}
