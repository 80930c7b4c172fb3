package by.butb.harness;

/**
 * An engine under test, as the {@link Driver} sees it. The target owns a {@link Workload.Replay} and submits its
 * commands in order; it reports each command's completion (all its results published) to the
 * {@link CompletionRecorder} it was given, from whatever thread completes it.
 *
 * <p>Threading: {@link #submit} from the driver's thread only.
 */
public interface Target extends AutoCloseable
{
    /** Short name for tables and file names, e.g. {@code butb} or {@code exchange-core}. */
    String engine();

    /** The configuration, one line (wait strategy, journal, risk...), for the results. */
    String configuration();

    /**
     * Submits the next command of the workload; the target hands {@code intendedNanos} (a {@link System#nanoTime}
     * value: when the command was meant to be sent) back to {@link CompletionRecorder#complete} when it completes.
     */
    void submit(long intendedNanos);

    /** Counters for the results (trades, rejects...), as {@code key=value} lines; read after a drain. */
    String counters();

    @Override
    void close();
}
