package io.reprotect.local;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Makes sure an Azurite blob service listens on 127.0.0.1:10000 (or {@code $AZURITE_PORT}) for local
 * runs and tests.
 *
 * <p>If something already listens there (CI starts Azurite itself), it is used as is. Otherwise
 * the pinned Azurite from package.json is installed with {@code npm ci} when missing and started
 * in memory; it is stopped when the JVM exits. Dev and test only: never in the packaged app.
 */
public final class AzuriteLauncher {

    public static final String HOST = "127.0.0.1";
    /** 10000, Azurite's default; the environment variable AZURITE_PORT moves it (parallel checkouts). */
    public static final int BLOB_PORT = blobPort();
    /** Azurite's documented, public development key; it protects nothing. */
    public static final String DEV_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    /** Accounts: the app's own (jobs), and one per region for disks, seeds and replicas. */
    public static final List<String> ACCOUNTS = List.of("devstoreaccount1", "primaryregion", "secondaryregion");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static Process process;

    private AzuriteLauncher() {
    }

    /** Connection string for one of {@link #ACCOUNTS} on the local Azurite. */
    public static String connectionString(String account) {
        return "DefaultEndpointsProtocol=http;AccountName=" + account + ";AccountKey=" + DEV_KEY
                + ";BlobEndpoint=http://" + HOST + ":" + BLOB_PORT + "/" + account + ";";
    }

    /** Value for Azurite's AZURITE_ACCOUNTS variable: every local account with the development key. */
    public static String accountsVariable() {
        return String.join(";", ACCOUNTS.stream().map(a -> a + ":" + DEV_KEY).toList());
    }

    private static int blobPort() {
        String port = System.getenv("AZURITE_PORT");
        return port == null || port.isBlank() ? 10000 : Integer.parseInt(port.trim());
    }

    /** Blob endpoint of one of {@link #ACCOUNTS}, ending in a slash. */
    public static String accountEndpoint(String account) {
        return "http://" + HOST + ":" + BLOB_PORT + "/" + account + "/";
    }

    /** Whether this JVM started Azurite itself (in memory: its blobs end with the JVM) rather than finding one running. */
    public static synchronized boolean startedInMemory() {
        return process != null;
    }

    public static synchronized void ensureRunning() {
        if (listening()) {
            return;
        }
        Path projectDir = projectDir();
        Path azurite = projectDir.resolve("node_modules/azurite/dist/src/blob/main.js");
        try {
            if (!Files.exists(azurite)) {
                run(projectDir, List.of("npm", "ci", "--no-audit", "--no-fund"));
            }
            ProcessBuilder pb = new ProcessBuilder("node", azurite.toString(),
                    "--blobHost", HOST, "--blobPort", String.valueOf(BLOB_PORT),
                    "--inMemoryPersistence", "--disableTelemetry", "--silent")
                    .directory(projectDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(projectDir.resolve("target/azurite.log").toFile());
            pb.environment().put("AZURITE_ACCOUNTS", accountsVariable());
            Files.createDirectories(projectDir.resolve("target"));
            process = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroy()));
        } catch (IOException e) {
            throw new IllegalStateException("Could not start Azurite: install Node.js 20+ and run 'npm ci' in "
                    + projectDir, e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!listening()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Azurite did not start on " + HOST + ":" + BLOB_PORT
                        + "; see target/azurite.log");
            }
            sleep(200);
        }
    }

    private static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, BLOB_PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path projectDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("package.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("package.json not found above " + new File("").getAbsolutePath());
        }
        return dir;
    }

    private static void run(Path dir, List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
