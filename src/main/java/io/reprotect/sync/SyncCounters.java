package io.reprotect.sync;

import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters of one slice; folded into the {@link SyncCheckpoint} when the slice ends. */
public final class SyncCounters {

    final LongAdder bytesExamined = new LongAdder();
    final LongAdder bytesCompared = new LongAdder();
    final LongAdder bytesRead = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();
    final LongAdder bytesCleared = new LongAdder();
    final LongAdder requests = new LongAdder();

    /** One read (or digest) request that returned bytes. */
    public void read(long bytes) {
        bytesRead.add(bytes);
        requests.increment();
    }

    /** One metadata request (Get Page Ranges, properties). */
    public void request() {
        requests.increment();
    }

    public void compared(long bytes) {
        bytesCompared.add(bytes);
    }

    public void written(long bytes) {
        bytesWritten.add(bytes);
        requests.increment();
    }

    public void cleared(long bytes) {
        bytesCleared.add(bytes);
        requests.increment();
    }

    public void examined(long bytes) {
        bytesExamined.add(bytes);
    }
}
