package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The stand-in's state kept in a file, so that a restarted app finds "Azure" as its jobs left it: every
 * {@link #SAVE_INTERVAL} the state is serialised and, when it changed, written atomically (a temporary file
 * in the same folder, then a move over the old one), so a file read at start is always whole. A stop
 * ({@link #close()}) saves once more. What is kept is what {@link ArmStandIn} puts in it: resources (with
 * VM power states and disk states), disk blob references, locks and regions down.
 */
final class StandInState implements AutoCloseable {

    /** How long a change may wait before it is written: what a kill -9 can lose. */
    static final Duration SAVE_INTERVAL = Duration.ofMillis(500);
    /** The file's format; a file of another format is not loaded (the stand-in starts afresh). */
    static final int FORMAT = 1;

    private static final Logger LOG = Logger.getLogger(StandInState.class.getName());

    private final Path file;
    private final Supplier<byte[]> snapshot;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "arm-stand-in-state");
        t.setDaemon(true);
        return t;
    });
    private byte[] saved = new byte[0];

    private StandInState(Path file, Supplier<byte[]> snapshot) {
        this.file = file;
        this.snapshot = snapshot;
    }

    /** Saves {@code snapshot()} to {@code file} whenever it changes, from now on. */
    static StandInState start(Path file, Supplier<byte[]> snapshot) {
        StandInState state = new StandInState(file, snapshot);
        state.saveIfChanged();
        state.timer.scheduleWithFixedDelay(state::saveQuietly, SAVE_INTERVAL.toMillis(), SAVE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return state;
    }

    /** The state in {@code file}, or null when there is none (or it is of another format). */
    static JsonNode read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode state = ArmResponse.JSON.readTree(file.toFile());
            if (state == null || state.path("format").asInt() != FORMAT) {
                LOG.warning("ARM stand-in state " + file + " is not of format " + FORMAT + "; starting afresh");
                return null;
            }
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the ARM stand-in's state " + file + "; delete it to start "
                    + "afresh", e);
        }
    }

    synchronized void saveIfChanged() {
        byte[] bytes = snapshot.get();
        if (Arrays.equals(bytes, saved)) {
            return;
        }
        writeAtomically(file, bytes);
        saved = bytes;
    }

    private void saveQuietly() {
        try {
            saveIfChanged();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not save the ARM stand-in's state to " + file, e);
        }
    }

    static void writeAtomically(Path file, byte[] bytes) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        saveIfChanged();
    }
}
