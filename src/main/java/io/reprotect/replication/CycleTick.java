package io.reprotect.replication;

import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * Handles one tick of a shard: finds the shard's items whose cycle is due (or whose cycle in flight may go on) and
 * runs a turn of each ({@link FleetCycle}), at most {@link CyclesConfig#parallelItems()} at once, within
 * {@link CyclesConfig#tickBudget()}. What the budget leaves is handed on to a tick sent at once; a cycle waiting on
 * Azure gets a tick at its resume time. A failing item records its error and never holds back the others.
 *
 * <p>Idempotent: a redelivered or duplicate tick finds the items it ran no longer due (their next cycle is later)
 * and the ones another tick runs claimed; it runs nothing twice.
 */
@ApplicationScoped
public class CycleTick {

    private static final Logger LOG = Logger.getLogger(CycleTick.class);

    private final CycleShards shards;
    private final CycleTicks ticks;
    private final ProtectedItemStore items;
    private final FleetCycle cycles;
    private final CyclesConfig config;
    private final Clock clock;

    public CycleTick(CycleShards shards, CycleTicks ticks, ProtectedItemStore items, FleetCycle cycles,
            CyclesConfig config, Clock clock) {
        CyclesConfig.check(config);
        this.shards = shards;
        this.ticks = ticks;
        this.items = items;
        this.cycles = cycles;
        this.config = config;
        this.clock = clock;
    }

    /** What one tick did: the turns it ran, in the order the items were listed. */
    public record Result(String shard, List<FleetCycle.Turn> turns) {

        /** Turns that ended as {@code end}. */
        public long count(FleetCycle.End end) {
            return turns.stream().filter(t -> t.end() == end).count();
        }
    }

    /** Handles a tick message body. */
    public Result run(String body) {
        return run(CycleTicks.Tick.parse(body));
    }

    /** Runs the shard's due items. */
    public Result run(CycleTicks.Tick tick) {
        Instant started = clock.instant();
        Instant deadline = started.plus(config.tickBudget());
        String owner = tick.shard() + "@" + tick.due() + "#" + UUID.randomUUID();
        Instant asOf = FleetCycle.latest(started, tick.due());
        List<String> due = dueItems(tick.shard(), asOf);
        List<FleetCycle.Turn> turns = new ArrayList<>();
        if (!due.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.parallelItems(), due.size()));
            try {
                List<Future<FleetCycle.Turn>> running = new ArrayList<>();
                for (String itemId : due) {
                    running.add(pool.submit(() -> turn(itemId, owner, deadline, asOf)));
                }
                for (int i = 0; i < running.size(); i++) {
                    turns.add(result(due.get(i), owner, running.get(i)));
                }
            } finally {
                pool.shutdownNow();
            }
        }
        handOn(tick.shard(), turns);
        LOG.infof("cycle tick %s: %d due, %d done, %d later, %d handed on, %d abandoned", tick.shard(), due.size(),
                count(turns, FleetCycle.End.DONE), count(turns, FleetCycle.End.LATER),
                count(turns, FleetCycle.End.HANDED_ON), count(turns, FleetCycle.End.ABANDONED));
        return new Result(tick.shard(), turns);
    }

    /** Members of the shard whose cycle may run now; members that left (gone, moved to another shard) leave. */
    private List<String> dueItems(String shard, Instant now) {
        List<String> due = new ArrayList<>();
        for (String itemId : shards.members(shard)) {
            Optional<ProtectedItem> item = items.get(itemId);
            if (item.isEmpty() || movedAway(item.get(), shard)) {
                shards.leave(shard, itemId);
            } else if (FleetCycle.due(item.get(), now)) {
                due.add(itemId);
            }
        }
        return due;
    }

    private static boolean movedAway(ProtectedItem item, String shard) {
        return item.cycle() != null && item.cycle().shard() != null && !item.cycle().shard().equals(shard);
    }

    private FleetCycle.Turn turn(String itemId, String owner, Instant deadline, Instant asOf) {
        if (!clock.instant().isBefore(deadline)) {
            return new FleetCycle.Turn(itemId, FleetCycle.End.HANDED_ON, clock.instant(), null);
        }
        try {
            return cycles.turn(itemId, owner, deadline, asOf);
        } catch (RuntimeException e) {
            return cycles.failed(itemId, owner, e);
        }
    }

    private FleetCycle.Turn result(String itemId, String owner, Future<FleetCycle.Turn> running) {
        try {
            return running.get();
        } catch (ExecutionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
            return cycles.failed(itemId, owner, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cycles.failed(itemId, owner, new IllegalStateException("the tick was interrupted", e));
        }
    }

    /** A tick at once for what the budget left, and one at each waiting cycle's resume time (one per grid point). */
    private void handOn(String shard, List<FleetCycle.Turn> turns) {
        if (turns.stream().anyMatch(t -> t.end() == FleetCycle.End.HANDED_ON)) {
            ticks.send(shard, clock.instant());
        }
        turns.stream().filter(t -> t.end() == FleetCycle.End.LATER).map(FleetCycle.Turn::resumeAt).distinct()
                .forEach(at -> ticks.send(shard, at));
    }

    private static long count(List<FleetCycle.Turn> turns, FleetCycle.End end) {
        return turns.stream().filter(t -> t.end() == end).count();
    }
}
