package by.butb.gateway;

import by.butb.engine.core.MatchingEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reports again, at a start, what a kill -9 caught between the engine journal and the FIX store: the commands
 * journaled after the last one whose reports the sending thread had stored ({@link ReportedCommands}) are reported
 * as if seen now ({@link EngineBridge#reportAgainAfter}), with the ExecIDs they had, so that a report that did go
 * out comes twice, alike but for its MsgSeqNum. Kept where the gateway's sessions keep what is sent to them before
 * they log on in a store that outlives the process ({@code --fix-store}; the sessions whose stores are found exist
 * from the start, with either FIX engine), with the engine in this process; elsewhere the record is removed.
 * {@link StoredReports} keeps it. The starting thread.
 */
final class ReportRecovery implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ReportRecovery.class);

    private final ReportedCommands reported;
    private final EngineBridge bridge;
    private final long reportedThrough;
    private boolean reportsAgain;
    /** What the sending thread records through; null when no record is kept. */
    private StoredReports stored;

    private ReportRecovery(final ReportedCommands reported, final EngineBridge bridge, final ClOrdIdJournal journal)
    {
        this.reported = reported;
        this.bridge = bridge;
        this.reportedThrough = reported == null ? ReportedCommands.NONE : reported.through();
        if (reportedThrough != ReportedCommands.NONE)
        {
            bridge.reportAgainAfter(reportedThrough, journal);
        }
    }

    /** Before the engine starts (and recovers): what {@code o} keeps, told to {@code bridge}. */
    static ReportRecovery open(final GatewayOptions o, final EngineBridge bridge, final ClOrdIdJournal journal)
    {
        final boolean kept = o.dataDirectory != null && o.fixStoreDirectory != null && o.cluster == null &&
            o.sectionClusters == null;
        if (!kept && o.dataDirectory != null)
        {
            ReportedCommands.remove(o.dataDirectory); // its numbers say nothing of a run that does not keep them
        }
        return new ReportRecovery(kept ? ReportedCommands.open(o.dataDirectory) : null, bridge, journal);
    }

    /**
     * After the engine's recovery, before the sending thread starts: seeds the bridge unless the recovery did (to
     * report commands again); gives the bridge the ClOrdIDs of those commands, or with none counts every command so
     * far as reported; from then on the sending thread records each command it reports.
     */
    void beforeSendingThread(final MatchingEngine engine, final Runnable seed)
    {
        reportsAgain = bridge.isSeeded();
        if (!reportsAgain)
        {
            seed.run();
        }
        if (reported == null)
        {
            return;
        }
        final long last = engine.lastSequence();
        if (reportsAgain)
        {
            bridge.takeUpRecoveredClOrdIds();
        }
        else
        {
            if (reportedThrough != ReportedCommands.NONE && reportedThrough < last)
            {
                LOG.warn("the reports of commands {} to {} cannot be made again: the engine recovered from a " +
                    "snapshot after them", reportedThrough + 1, last);
            }
            reported.through(last);
        }
        stored = new StoredReports(reported);
        bridge.recordReportsIn(stored);
    }

    /**
     * After {@link #beforeSendingThread}: what the sending thread is to tell of the loops' queues and to settle after
     * each pass; null when no record is kept.
     */
    StoredReports storedReports()
    {
        return stored;
    }

    /**
     * After the sending thread started: waits until it has made the reports again, so that they go out before those
     * of any new order (at most a minute: then sessions are let in, their reports queued behind).
     */
    void awaitReportsMadeAgain(final Outbound outbound)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (reportsAgain && !outbound.idle())
        {
            if (System.nanoTime() > deadline)
            {
                LOG.warn("still reporting commands again after a minute: letting sessions in meanwhile");
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Override
    public void close()
    {
        if (reported != null)
        {
            reported.close();
        }
    }
}
