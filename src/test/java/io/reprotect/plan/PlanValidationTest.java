package io.reprotect.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.request.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a PUT of a plan is refused for, each problem naming its field. */
class PlanValidationTest {

    final Set<String> known = Set.of("db", "app", "web");
    final FakePlanActions actions = new FakePlanActions(new ArrayList<>());

    private List<FieldError> problems(RecoveryPlan plan) {
        return PlanValidation.problems(plan, known::contains, actions);
    }

    private static RecoveryPlan.Group group(List<PlanAction> pre, String... items) {
        return new RecoveryPlan.Group(List.of(items), pre, List.of());
    }

    @Test
    void aPlanOfKnownItemsEachInOneGroupIsFine() {
        assertThat(problems(new RecoveryPlan("erp-prod", "ERP", List.of(group(List.of(), "db"),
                group(List.of(FakePlanActions.manual("dns", true)), "app", "web"))))).isEmpty();
    }

    @Test
    void unknownItemsAreNamedWithTheirPlace() {
        assertThat(problems(new RecoveryPlan("erp", null, List.of(group(List.of(), "db", "ghost")))))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("groups[0].items[1]");
                    assertThat(e.reason()).contains("no protected item ghost");
                });
    }

    @Test
    void anItemInTwoGroupsIsRefusedNamingWhereItAlreadyIs() {
        assertThat(problems(new RecoveryPlan("erp", null, List.of(group(List.of(), "db"), group(List.of(), "app",
                "db"))))).singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("groups[1].items[1]");
                    assertThat(e.reason()).contains("already in the plan at groups[0].items[0]");
                });
    }

    @Test
    void actionNamesAreUniqueAcrossThePlanAndEachActionIsCheckedByTheActionRunner() {
        PlanAction noTimeout = new PlanAction("late", PlanAction.Kind.MANUAL, null, null, "x", null, true);
        List<FieldError> errors = problems(new RecoveryPlan("erp", null, List.of(
                group(List.of(FakePlanActions.manual("dns", true)), "db"),
                new RecoveryPlan.Group(List.of("app"), List.of(), List.of(FakePlanActions.manual("dns", false),
                        noTimeout)))));
        assertThat(errors).extracting(FieldError::field).containsExactly("groups[1].postActions[0].name",
                "groups[1].postActions[1]");
        assertThat(errors.get(0).reason()).contains("named twice");
        assertThat(errors.get(1).reason()).contains("timeout");
    }

    @Test
    void thePathsOfThePlansActionsAreNotPlanNames() {
        for (String reserved : List.of("approvals", "Callbacks")) {
            List<FieldError> errors = problems(new RecoveryPlan(reserved, null, List.of(group(List.of(), "db"))));
            assertThat(errors).extracting(FieldError::field).containsExactly("name");
            assertThat(errors.get(0).reason()).contains("reserved");
        }
    }

    @Test
    void theNameHasASyntax() {
        assertThat(problems(new RecoveryPlan("erp prod/1", null, List.of(group(List.of(), "db")))))
                .extracting(FieldError::field).containsExactly("name");
        assertThat(problems(new RecoveryPlan("-erp", null, List.of(group(List.of(), "db")))))
                .extracting(FieldError::field).containsExactly("name");
    }

    @Test
    void aPlanHoldsAtMostOneHundredItemsAndNoEmptyGroup() {
        String[] many = IntStream.range(0, RecoveryPlan.MAX_ITEMS + 1).mapToObj(i -> "item-" + i)
                .toArray(String[]::new);
        List<FieldError> errors = PlanValidation.problems(new RecoveryPlan("big", null,
                List.of(group(List.of(), many), group(List.of()))), id -> true, actions);
        assertThat(errors).extracting(FieldError::field).containsExactly("groups", "groups[1].items");
        assertThat(errors.get(0).reason()).contains("at most 100").contains("101");
        assertThat(Duration.ofHours(1)).isPositive();
    }
}
