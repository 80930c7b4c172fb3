package by.butb.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Records in {@link ReportedCommands} the last command whose reports are all in their sessions' stores, though with
 * several I/O threads a report the sending thread is done with is only queued for an I/O thread to encode and store
 * ({@link NativeLoopEncoder}). The sending thread tells each command it has reported ({@link #accept}) and each
 * loop's queue it handed a message to ({@link #queuedTo}); {@link #settle}, after each of its passes, notes how far
 * every such queue has been filled, and once each loop has taken that far (a slot is taken only once its message
 * is stored) records the commands reported by then. The record therefore lags the stores a little (a kill -9 then
 * reports a few commands again, twice rather than never), and never runs ahead of them. With one I/O thread every
 * report is stored before the sending thread goes on, and a command is recorded at the next settle.
 *
 * <p>A command waiting more than 5 s (an I/O thread stalled or dead) is logged once.
 *
 * <p>Threading: the sending thread only. Creates no object after the first message to each loop.
 */
final class StoredReports implements LongConsumer
{
    private static final Logger LOG = LoggerFactory.getLogger(StoredReports.class);
    private static final long LONG_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final ReportedCommands record;
    /** Queues of the loops handed messages so far; the first {@code loops} entries are in use. */
    private NativeReportQueue[] queues = new NativeReportQueue[4];
    /** For each of {@link #queues}: how far it was filled when {@link #pending} was noted. */
    private long[] filledTo = new long[4];
    private int loops;
    /** The last command reported; {@link ReportedCommands#NONE} before the first. */
    private long reported = ReportedCommands.NONE;
    /** A command reported whose reports may still wait in a loop's queue; {@link ReportedCommands#NONE} if none. */
    private long pending = ReportedCommands.NONE;
    /** The last command recorded. */
    private long recorded;
    /** When {@link #pending} was noted. */
    private long pendingSinceNanos;
    private boolean warned;

    /** {@code record}: where to record, already saying that every command through its {@code through()} is stored. */
    StoredReports(final ReportedCommands record)
    {
        this.record = record;
        this.recorded = record.through();
    }

    /** Command {@code sequence}'s reports are stored or queued for a loop (the sending thread is done with them). */
    @Override
    public void accept(final long sequence)
    {
        reported = sequence;
    }

    /** A message was queued on {@code queue} for its loop to encode and store. */
    void queuedTo(final NativeReportQueue queue)
    {
        for (int i = 0; i < loops; i++)
        {
            if (queues[i] == queue)
            {
                return;
            }
        }
        if (loops == queues.length)
        {
            queues = Arrays.copyOf(queues, loops * 2);
            filledTo = Arrays.copyOf(filledTo, loops * 2);
        }
        queues[loops] = queue;
        filledTo[loops] = queue.takenCount(); // a pending command noted before this one was queued waits for none of it
        loops++;
    }

    /** After each pass of the sending thread: records what every loop has stored by now. */
    void settle()
    {
        if (pending != ReportedCommands.NONE)
        {
            if (!stored())
            {
                if (!warned && System.nanoTime() - pendingSinceNanos > LONG_WAIT_NANOS)
                {
                    warned = true;
                    LOG.warn("the reports of command {} have waited 5 s for an I/O thread to store them; until they " +
                        "are, a restart reports every command after {} again", pending, recorded);
                }
                return;
            }
            warned = false;
            recorded = pending;
            record.through(pending);
            pending = ReportedCommands.NONE;
        }
        if (reported != ReportedCommands.NONE && reported != recorded)
        {
            pending = reported;
            pendingSinceNanos = System.nanoTime();
            for (int i = 0; i < loops; i++)
            {
                filledTo[i] = queues[i].publishedCount();
            }
            if (stored())
            {
                recorded = pending;
                record.through(pending);
                pending = ReportedCommands.NONE;
            }
        }
    }

    private boolean stored()
    {
        for (int i = 0; i < loops; i++)
        {
            if (queues[i].takenCount() < filledTo[i])
            {
                return false;
            }
        }
        return true;
    }
}
