package io.reprotect.replication;

import io.reprotect.job.JobJson;
import io.reprotect.pipeline.QueueMessage;
import io.reprotect.pipeline.Queues;
import io.reprotect.pipeline.StageQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Sends a shard's ticks: scheduled messages on {@link Queues#CYCLE_TICKS}, due on the tick grid
 * ({@link CyclesConfig#tickInterval()}), with the message id {@code shard@due}. Items of a shard due within one
 * interval share one tick: Service Bus drops the other sends of the same id (duplicate detection), so a shard has
 * one execution per grid point however many items fall due in it.
 */
@ApplicationScoped
public class CycleTicks {

    private final StageQueue queue;
    private final CyclesConfig config;
    private final Clock clock;

    public CycleTicks(StageQueue queue, CyclesConfig config, Clock clock) {
        this.queue = queue;
        this.config = config;
        this.clock = clock;
    }

    /** A tick: run the shard's due items. */
    public record Tick(String shard, Instant due) {

        static Tick parse(String body) {
            Tick tick = JobJson.read(body.getBytes(StandardCharsets.UTF_8), Tick.class);
            if (tick.shard() == null) {
                throw new IllegalArgumentException("a cycle tick needs its shard");
            }
            return tick;
        }
    }

    /**
     * Sends the shard's tick for items due at {@code due}: on the first grid point at or after it, and always after
     * now (a grid point already past may have had its tick run, and a resend of its id would be dropped).
     *
     * @return the tick's due time
     */
    public Instant send(String shard, Instant due) {
        Instant at = gridPointAfter(due, clock.instant(), config.tickInterval().toMillis());
        Tick tick = new Tick(shard, at);
        queue.send(new QueueMessage(Queues.CYCLE_TICKS, shard + "@" + at.getEpochSecond(),
                new String(JobJson.write(tick), StandardCharsets.UTF_8), at, Map.of()));
        return at;
    }

    /** The first multiple of {@code intervalMillis} at or after {@code due} and strictly after {@code now}. */
    static Instant gridPointAfter(Instant due, Instant now, long intervalMillis) {
        long step = Math.max(1, intervalMillis);
        long at = Math.floorDiv(due.toEpochMilli() + step - 1, step) * step;
        if (at <= now.toEpochMilli()) {
            at = (Math.floorDiv(now.toEpochMilli(), step) + 1) * step;
        }
        return Instant.ofEpochMilli(at);
    }
}
