package io.reprotect.api;

import io.reprotect.plan.PlanAction;
import io.reprotect.plan.RecoveryPlan;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A plan as the API shows it: HTTP actions' header values hidden (they may hold keys). */
final class RecoveryPlanView {

    /** What a hidden header value reads as. */
    static final String HIDDEN = "(hidden)";

    private RecoveryPlanView() {
    }

    static RecoveryPlan of(RecoveryPlan plan) {
        return new RecoveryPlan(plan.name(), plan.description(), plan.groups().stream().map(g ->
                new RecoveryPlan.Group(g.items(), hidden(g.preActions()), hidden(g.postActions()))).toList());
    }

    private static List<PlanAction> hidden(List<PlanAction> actions) {
        return actions.stream().map(a -> a.http() == null || a.http().headers() == null ? a
                : new PlanAction(a.name(), a.kind(), new PlanAction.HttpCall(a.http().url(), a.http().method(),
                        a.http().body(), hide(a.http().headers())), a.queue(), a.instructions(), a.timeout(),
                        a.stopsPlanOnFailure())).toList();
    }

    private static Map<String, String> hide(Map<String, String> headers) {
        Map<String, String> shown = new TreeMap<>();
        headers.keySet().forEach(k -> shown.put(k, HIDDEN));
        return shown;
    }
}
