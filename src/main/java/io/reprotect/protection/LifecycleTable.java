package io.reprotect.protection;

import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.job.Task;
import io.reprotect.job.TaskState;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The protected item's lifecycle, on one page: for each operation, the states it may start from, the state
 * written when its job starts (before any stage destroys anything), and the states its success and its
 * failure lead to. A job that fails before its first stage that changes Azure ({@link Rule#firstChange})
 * returns the item to where it started; one that fails after settles in a state that allows only what is
 * safe with what may be left. API checks, what-ifs, cycles, the watchdog and stages all read it from here.
 */
public final class LifecycleTable {

    /**
     * One operation's row; a null status column leaves the status as it is.
     *
     * @param from        the item statuses it may start from
     * @param drillFrom   the drill statuses it may start from
     * @param during      the status written when its job starts
     * @param success     the status its last stage writes
     * @param failed      the status a failure after {@code firstChange} settles in
     * @param firstChange the first stage that changes Azure (null: none does)
     */
    public record Rule(Operation operation, Set<ItemStatus> from, Set<DrillStatus> drillFrom, ItemStatus during,
                       ItemStatus success, ItemStatus failed, DrillStatus drillDuring, DrillStatus drillSuccess,
                       DrillStatus drillFailed, String firstChange) {
    }

    private static final Set<DrillStatus> ANY_DRILL = EnumSet.allOf(DrillStatus.class);
    private static final Set<DrillStatus> NO_DRILL = EnumSet.of(DrillStatus.NONE);

    /** The whole table, in the order {@code allowedOperations} lists what is allowed. */
    public static final List<Rule> RULES = List.of(
            new Rule(Operation.PLANNED_FAILOVER, EnumSet.of(ItemStatus.PROTECTED), ANY_DRILL,
                    ItemStatus.FAILOVER_IN_PROGRESS, ItemStatus.FAILED_OVER_PENDING_COMMIT, ItemStatus.FAILOVER_FAILED,
                    null, null, null, "deallocate-source-vm"),
            new Rule(Operation.UNPLANNED_FAILOVER, EnumSet.of(ItemStatus.PROTECTED), ANY_DRILL,
                    ItemStatus.FAILOVER_IN_PROGRESS, ItemStatus.FAILED_OVER_PENDING_COMMIT, ItemStatus.FAILOVER_FAILED,
                    null, null, null, "create-failover-disks"),
            new Rule(Operation.TEST_FAILOVER, EnumSet.of(ItemStatus.PROTECTED), NO_DRILL, null, null, null,
                    DrillStatus.IN_PROGRESS, DrillStatus.WAITING_FOR_CLEANUP, DrillStatus.WAITING_FOR_CLEANUP,
                    "create-failover-disks"),
            new Rule(Operation.COMMIT, EnumSet.of(ItemStatus.FAILED_OVER_PENDING_COMMIT, ItemStatus.COMMIT_FAILED),
                    ANY_DRILL, ItemStatus.COMMIT_IN_PROGRESS, ItemStatus.FAILOVER_COMMITTED, ItemStatus.COMMIT_FAILED,
                    null, null, null, "keep-deleted-data"),
            new Rule(Operation.CHANGE_RECOVERY_POINT,
                    EnumSet.of(ItemStatus.FAILED_OVER_PENDING_COMMIT, ItemStatus.CHANGE_RECOVERY_POINT_FAILED), ANY_DRILL,
                    ItemStatus.CHANGE_RECOVERY_POINT_IN_PROGRESS, ItemStatus.FAILED_OVER_PENDING_COMMIT,
                    ItemStatus.CHANGE_RECOVERY_POINT_FAILED, null, null, null, "create-failover-disks"),
            new Rule(Operation.CANCEL_FAILOVER, EnumSet.of(ItemStatus.FAILED_OVER_PENDING_COMMIT,
                    ItemStatus.FAILOVER_FAILED, ItemStatus.CHANGE_RECOVERY_POINT_FAILED, ItemStatus.CANCEL_FAILED),
                    ANY_DRILL, ItemStatus.CANCEL_IN_PROGRESS, ItemStatus.PROTECTED, ItemStatus.CANCEL_FAILED,
                    null, null, null, "remove-failover-resources"),
            new Rule(Operation.REPROTECT, EnumSet.of(ItemStatus.FAILOVER_COMMITTED), NO_DRILL, null,
                    ItemStatus.PROTECTED, null, null, null, null, null),
            new Rule(Operation.DISABLE_PROTECTION, EnumSet.of(ItemStatus.PROTECTED, ItemStatus.FAILOVER_COMMITTED,
                    ItemStatus.DISABLE_FAILED), NO_DRILL, ItemStatus.DISABLING_PROTECTION, null,
                    ItemStatus.DISABLE_FAILED, null, null, null, "keep-deleted-data"),
            new Rule(Operation.TEST_FAILOVER_CLEANUP, EnumSet.allOf(ItemStatus.class),
                    EnumSet.of(DrillStatus.WAITING_FOR_CLEANUP), null, null, null, DrillStatus.CLEANUP_IN_PROGRESS,
                    DrillStatus.NONE, DrillStatus.WAITING_FOR_CLEANUP, "remove-failover-resources"));

    private LifecycleTable() {
    }

    public static Rule rule(Operation operation) {
        return RULES.stream().filter(r -> r.operation() == operation).findFirst().orElseThrow();
    }

    /** What may be started now: nothing while a lifecycle job runs. */
    public static List<Operation> allowed(Lifecycle l) {
        if (l.running() != null) {
            return List.of();
        }
        return RULES.stream().filter(r -> r.from().contains(l.status()) && r.drillFrom().contains(l.drill()))
                .map(Rule::operation).toList();
    }

    public static List<String> allowedNames(Lifecycle l) {
        return allowed(l).stream().map(Operation::wireName).toList();
    }

    /**
     * The state written when job {@code jobId} of {@code operation} starts: its row's {@code during} status,
     * with the job recorded as running. The same job again (a retried call) changes nothing.
     *
     * @throws OperationNotAllowedException the state does not allow the operation; nothing may be written
     */
    public static Lifecycle start(Lifecycle l, Operation operation, String jobId, String itemId) {
        if (l.runs(jobId)) {
            return l;
        }
        requireAllowed(l, operation, itemId);
        Rule r = rule(operation);
        return l.with(or(r.during(), l.status()), or(r.drillDuring(), l.drill()),
                new Lifecycle.RunningJob(jobId, operation, l.status(), l.drill()), l.lastJobId());
    }

    public static void requireAllowed(Lifecycle l, Operation operation, String itemId) {
        if (!allowed(l).contains(operation)) {
            throw new OperationNotAllowedException(operation.wireName(), l.describe(), allowedNames(l), itemId,
                    l.runningJobId());
        }
    }

    /** The state the running job's last stage writes: its row's success columns; the job is no longer running. */
    public static Lifecycle succeed(Lifecycle l) {
        Rule r = rule(l.running().operation());
        return l.with(or(r.success(), l.status()), or(r.drillSuccess(), l.drill()), null, l.running().jobId());
    }

    /**
     * The state once the running job has ended without its last stage (failed, cancelled, or gone): back
     * where it started when it changed nothing in Azure, else its row's failure columns; what it created is
     * then remembered (the failed-over side's jobs, or the drill), so that cancel or cleanup removes it.
     * Unchanged while the job runs.
     */
    public static Lifecycle settle(Lifecycle l, Optional<Job> job) {
        if (l.running() == null || job.isPresent() && !job.get().state().ended()) {
            return l;
        }
        Lifecycle.RunningJob running = l.running();
        Rule r = rule(running.operation());
        if (job.isPresent() && job.get().state() == JobState.Succeeded) {
            return succeed(l);
        }
        boolean changed = r.firstChange() == null || job.isEmpty()
                || job.get().task(r.firstChange()).map(LifecycleTable::started).orElse(true);
        if (!changed) {
            return l.with(running.from(), running.fromDrill(), null, running.jobId());
        }
        Lifecycle failed = l.with(or(r.failed(), running.from()), or(r.drillFailed(), running.fromDrill()), null,
                running.jobId());
        return switch (running.operation()) {
            case PLANNED_FAILOVER, UNPLANNED_FAILOVER, CHANGE_RECOVERY_POINT -> failed.withFailoverJob(running.jobId());
            case TEST_FAILOVER -> failed.withDrillJob(running.jobId());
            default -> failed;
        };
    }

    /**
     * The table as docs/architecture.md shows it (a test keeps the two the same): one row per operation, a status column
     * left empty where the operation does not change it.
     */
    public static String markdown() {
        StringBuilder out = new StringBuilder("| operation | allowed from | while its job runs | on success | on failure "
                + "after it changed Azure | first stage that changes Azure |\n|---|---|---|---|---|---|\n");
        for (Rule r : RULES) {
            String from = r.from().size() == ItemStatus.values().length ? "any" : names(r.from());
            if (r.drillFrom().size() != DrillStatus.values().length) {
                from += "; drill " + names(r.drillFrom());
            }
            out.append("| ").append(r.operation()).append(" | ").append(from).append(" | ")
                    .append(cell(r.during(), r.drillDuring())).append(" | ")
                    .append(r.operation() == Operation.DISABLE_PROTECTION ? "(item removed)"
                            : cell(r.success(), r.drillSuccess())).append(" | ")
                    .append(cell(r.failed(), r.drillFailed())).append(" | ")
                    .append(r.firstChange() == null ? "none" : "`" + r.firstChange() + "`").append(" |\n");
        }
        return out.toString();
    }

    private static String names(Set<?> values) {
        return String.join(", ", values.stream().map(Object::toString).toList());
    }

    private static String cell(ItemStatus status, DrillStatus drill) {
        if (status == null && drill == null) {
            return "(unchanged)";
        }
        return status != null ? status.toString() : "drill " + drill;
    }

    private static boolean started(Task task) {
        // a task cancelled before it ran gets an end (and start) time but no attempt
        return task.attempts() > 0 || task.state() != TaskState.NotStarted && task.state() != TaskState.Cancelled;
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
