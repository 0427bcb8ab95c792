package io.reprotect.local.arm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Every RBAC action any stand-in in this JVM served, kept in {@link #FILE} (one action a line,
 * sorted) so that a check after the whole test run can compare it with the engine's custom role:
 * {@code ArmPermissions.REQUIRED_ACTIONS} must be exactly what the stand-ins saw.
 */
public final class ActionsLog {

    /** {@code target/arm-actions-seen.txt} of the project the tests run in. */
    public static final Path FILE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target",
            "arm-actions-seen.txt");

    private static final Set<String> SEEN = new ConcurrentSkipListSet<>();

    private ActionsLog() {
    }

    static void record(String action) {
        if (SEEN.add(action)) {
            write();
        }
    }

    /** The actions seen in this JVM so far. */
    public static Set<String> seen() {
        return new TreeSet<>(SEEN);
    }

    private static synchronized void write() {
        try {
            Files.createDirectories(FILE.getParent());
            Files.write(FILE, new TreeSet<>(SEEN));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not record ARM actions in " + FILE, e);
        }
    }
}
