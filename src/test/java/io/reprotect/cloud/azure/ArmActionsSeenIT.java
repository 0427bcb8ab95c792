package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reprotect.local.arm.ActionsLog;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs after the unit and Quarkus tests (failsafe, in {@code verify}): the ARM actions the stand-ins
 * served during the whole test run ({@link ActionsLog#FILE}) must be exactly
 * {@link ArmPermissions#REQUIRED_ACTIONS}: an action the engine calls but the custom role lacks
 * fails in Azure with 403 (often after the change took effect); a required action nothing calls is
 * a permission the engine does not need.
 */
class ArmActionsSeenIT {

    @Test
    void theCustomRoleIsExactlyWhatTheStandInSawInTheWholeTestRun() throws Exception {
        assertTrue(Files.exists(ActionsLog.FILE), ActionsLog.FILE + " is missing: run the whole test suite "
                + "(./mvnw verify) so that the stand-ins record the actions they serve");
        Set<String> seen = new TreeSet<>(Files.readAllLines(ActionsLog.FILE));
        Set<String> missing = new TreeSet<>(seen);
        missing.removeAll(ArmPermissions.REQUIRED_ACTIONS);
        assertEquals(Set.of(), missing, "served by the stand-in but not in ArmPermissions.REQUIRED_ACTIONS "
                + "(add them there and to infra/reprotect-operator-actions.json)");
        Set<String> unused = new TreeSet<>(ArmPermissions.REQUIRED_ACTIONS);
        unused.removeAll(seen);
        assertEquals(Set.of(), unused, "in ArmPermissions.REQUIRED_ACTIONS but never called in the test run "
                + "(remove them, or test the code that calls them)");
    }
}
