package by.butb.cluster;

import org.agrona.concurrent.ShutdownSignalBarrier;

import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop a long-running command ({@code serve}, {@code classroom}, {@code
 * cluster start}, {@code cluster node}): while one is open, the first such signal runs {@code onSignal} on a thread
 * of its own and does not end the JVM, so that the command stops cleanly and returns its own exit code (0 when it
 * stopped cleanly) instead of the 130 or 143 of a JVM ended by the signal. A second signal before {@link #close} at
 * least {@link #GRACE_NANOS} after the first runs {@code onForced}, then ends the JVM at once with {@link #FORCED},
 * shutdown hooks skipped (for a stop that hangs). The JVM's other ways out (System.exit, SIGHUP) are left to
 * shutdown hooks.
 *
 * <p>Built on Agrona's {@link ShutdownSignalBarrier}, because Aeron's cluster contexts create one too: its handler,
 * installed for the life of the JVM once the class is loaded, releases every barrier of the JVM, so these coexist
 * (a handler of our own would be replaced by Agrona's when Aeron's cluster contexts load it). Hence also: after
 * {@link #close} the two signals no longer end the JVM, which is why the commands exit right after it; a second
 * signal within the moment between the first and the setting up of the forced end is not seen. Thread-safe.
 */
public final class StopSignal implements AutoCloseable
{
    /** The exit code of a JVM ended by a second signal: 128 + SIGINT, as a shell reports it. */
    public static final int FORCED = 130;
    /**
     * A second signal this soon after the first is the same request to stop, not a forced end: Ctrl-C reaches
     * {@code cluster start} and its nodes at once, then {@code cluster start} sends its nodes SIGTERM (systemd too
     * signals a whole group).
     */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ShutdownSignalBarrier first = new ShutdownSignalBarrier();
    private volatile ShutdownSignalBarrier second;
    private volatile boolean closed;

    /** Starts watching: {@code onSignal} runs at most once, on the daemon thread {@code threadName}. */
    public StopSignal(final String threadName, final Runnable onSignal, final Runnable onForced)
    {
        final Thread watcher = new Thread(() ->
        {
            first.await();
            if (closed)
            {
                return;
            }
            final long firstNanos = System.nanoTime();
            second = new ShutdownSignalBarrier();
            final Thread forced = new Thread(() ->
            {
                while (true)
                {
                    second.await();
                    if (closed)
                    {
                        return;
                    }
                    if (System.nanoTime() - firstNanos >= GRACE_NANOS)
                    {
                        break;
                    }
                    second = new ShutdownSignalBarrier(); // the same stop, signalled twice: keep watching
                }
                try
                {
                    onForced.run();
                }
                finally
                {
                    Runtime.getRuntime().halt(FORCED);
                }
            }, threadName + "-forced");
            forced.setDaemon(true);
            forced.start();
            onSignal.run();
        }, threadName);
        watcher.setDaemon(true);
        watcher.start();
    }

    /** As {@link #StopSignal(String, Runnable, Runnable)}, with nothing to do before a forced end. */
    public StopSignal(final String threadName, final Runnable onSignal)
    {
        this(threadName, onSignal, () ->
        {
        });
    }

    /** Stops watching: a signal after this does nothing here. */
    @Override
    public void close()
    {
        closed = true;
        first.signal();
        final ShutdownSignalBarrier again = second;
        if (again != null)
        {
            again.signal();
        }
    }
}
