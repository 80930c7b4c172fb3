package by.butb.cluster;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stop that hangs is ended by a second signal (exit code {@link StopSignal#FORCED}, after the command's own last
 * words), and a second signal within {@link StopSignal#GRACE_NANOS} of the first is the same stop. Each case runs
 * {@link Hanging} as a JVM of its own and signals it with SIGTERM.
 */
class StopSignalTest
{
    /** A command whose stop takes {@code args[0]} ms ("forever": never ends by itself). */
    public static final class Hanging
    {
        public static void main(final String[] args) throws Exception
        {
            final long stopMillis = "forever".equals(args[0]) ? Long.MAX_VALUE : Long.parseLong(args[0]);
            final StopSignal signal = new StopSignal("hanging-stop", () ->
            {
                System.out.println("stopping");
                System.out.flush();
                sleep(stopMillis);
                System.out.println("stopped");
                System.exit(0);
            }, () -> System.out.println("forced"));
            System.out.println("ready");
            System.out.flush();
            sleep(Long.MAX_VALUE);
            signal.close();
        }

        private static void sleep(final long millis)
        {
            try
            {
                Thread.sleep(millis);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aSecondSignalAfterTheGraceEndsAStopThatHangsWithTheForcedExitCode() throws Exception
    {
        final Result result = run("forever", 1_500);
        assertEquals(StopSignal.FORCED, result.exitCode, result.lines.toString());
        assertEquals(List.of("ready", "stopping", "forced"), result.lines);
    }

    @Test
    void aSecondSignalWithinTheGraceIsTheSameStop() throws Exception
    {
        final Result result = run("3000", 0);
        assertEquals(0, result.exitCode, result.lines.toString());
        assertEquals(List.of("ready", "stopping", "stopped"), result.lines);
    }

    private record Result(int exitCode, List<String> lines)
    {
    }

    /**
     * Starts {@link Hanging} with {@code stop}, signals it once it is ready, and again {@code againAfterMillis} after
     * it began to stop; its exit code and lines.
     */
    private static Result run(final String stop, final long againAfterMillis) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Hanging.class.getName(), stop));
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS).execute(child::destroyForcibly); // if it hangs
        final List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = out.readLine()) != null)
            {
                lines.add(line);
                if (line.equals("ready"))
                {
                    child.toHandle().destroy(); // SIGTERM
                }
                else if (line.equals("stopping"))
                {
                    Thread.sleep(againAfterMillis); // from after the first signal was taken: at least this long
                    child.toHandle().destroy();
                }
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "ended: " + lines);
        }
        finally
        {
            child.destroyForcibly();
        }
        return new Result(child.exitValue(), lines);
    }
}
