package by.butb.sim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The long-running commands stop cleanly on SIGTERM (what {@code kill}, systemd and {@link ProcessHandle#destroy} send;
 * Ctrl-C takes the same path) and exit with code 0, as their help says, not with the 143 of a JVM the signal ended.
 * Each runs as its own JVM, started through the launcher's main class.
 */
class StopOnSignalTest
{
    @TempDir
    Path dir;

    @Test
    void serveStopsCleanlyOnSigtermWithExitCodeZero() throws Exception
    {
        final List<String> lines = runUntilSignalled("press Ctrl-C to stop", "serve", "--port", "0", "--data",
            dir.resolve("data").toString());
        assertTrue(lines.contains("serve: stopped"), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("serve: FIX 4.4 gateway listening on 0.0.0.0:")),
            "the default host, as given: " + lines);
    }

    @Test
    void classroomStopsCleanlyOnSigtermWithExitCodeZero() throws Exception
    {
        final List<String> lines = runUntilSignalled("Ctrl-C stops it", "classroom", "--port", "0");
        assertTrue(lines.contains("Classroom stopped"), String.join("\n", lines));
    }

    /** Starts {@code butb ARGS}, sends SIGTERM once a line holds {@code ready}, checks exit code 0; its lines. */
    private List<String> runUntilSignalled(final String ready, final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-")).toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ButbCommand.class.getName());
        command.addAll(List.of(args));
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile()).start();
        CompletableFuture.delayedExecutor(120, TimeUnit.SECONDS).execute(child::destroyForcibly); // if it hangs
        final List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = out.readLine()) != null)
            {
                lines.add(line);
                if (line.contains(ready))
                {
                    child.toHandle().destroy(); // SIGTERM, leaving the output to read
                }
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "stopped within 60 s: " + lines);
        }
        finally
        {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue(), String.join("\n", lines));
        return lines;
    }
}
