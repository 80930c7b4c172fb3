package by.butb.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * With several I/O threads: the messages the gateway's sending thread hands one I/O thread ({@link NativeIoLoop}) to
 * encode and write for the sessions whose connections it owns ({@link NativeSessions}), through a ring of
 * pre-allocated report copies ({@link NativeReportQueue}). {@link #encodeSoon} runs on the sending thread,
 * {@link #encodeQueued} on the loop's thread. When the loop stops, what it leaves queued is encoded (numbered and
 * stored for a resend) by the sending thread once the loop's thread has ended, so no message is lost or overtaken.
 */
final class NativeLoopEncoder
{
    private static final Logger LOG = LoggerFactory.getLogger(NativeLoopEncoder.class);
    /** Messages queued for the loop, at most; also the most one pass encodes before it flushes. */
    private static final int CAPACITY = 4096;

    private final NativeIoLoop loop;
    private final BooleanSupplier loopRuns;
    private final Runnable wakeLoop;
    private final NativeReportQueue queue = new NativeReportQueue(CAPACITY);
    /** The loop's thread: connections it encoded for in this pass, to flush at its end. */
    private final List<NativeConnection> encodedFor = new ArrayList<>();
    /** The sending thread's batch only ({@link NativeSessions#endBatch}): the loop is to be woken at its end. */
    boolean wakeQueued;

    NativeLoopEncoder(final NativeIoLoop loop)
    {
        this.loop = loop;
        this.loopRuns = loop::running;
        this.wakeLoop = loop::wakeForReports;
    }

    /** Its ring: how far the sending thread has filled it and the loop has taken (stored) from it. */
    NativeReportQueue queue()
    {
        return queue;
    }

    /**
     * The sending thread: {@code message} (a {@code quickfix.Message} or a {@link MarketDataMessage}), or when null a
     * copy of {@code report}, for session {@code s}, to be encoded and written by the loop, after what was queued
     * before; {@code s.queueOn} returned this loop. Waits while the queue is full. False, and nothing queued, when
     * the loop stopped before {@code message} could be queued (what it left queued is encoded first).
     */
    boolean encodeSoon(final NativeSession s, final OrderReport report, final Object message)
    {
        final NativeReportQueue.Slot slot = queue.claim(loopRuns, wakeLoop);
        if (slot == null)
        {
            encodeLeftAfterStop();
            return false;
        }
        slot.session = s;
        slot.message = message;
        if (message == null)
        {
            slot.report.copyFrom(report);
        }
        queue.publish();
        if (!loop.running())
        {
            encodeLeftAfterStop(); // the loop's last look at the queue may have come before this message
        }
        return true;
    }

    /**
     * The sending thread, once the loop is stopping: waits for its thread to end (it encodes what it finds queued as
     * it ends), then encodes what is still queued, in order.
     */
    private void encodeLeftAfterStop()
    {
        if (!loop.awaitEnd(5_000))
        {
            LOG.warn("{} has not ended: messages it holds for its sessions stay unsent", loop.threadName());
            return;
        }
        NativeReportQueue.Slot slot;
        while ((slot = queue.peek()) != null)
        {
            try
            {
                slot.session.sendQueued(slot); // stored for a resend; the connection is closed
            }
            catch (final RuntimeException ex)
            {
                LOG.error("encoding a message for {}", slot.session.participant.id(), ex);
            }
            finally
            {
                queue.taken(slot);
            }
        }
    }

    /**
     * The loop's thread: encodes what the sending thread queued, in order, each under its session's lock, at most a
     * ring's worth (so that reading and the timers go on under a steady stream), then writes each connection written
     * to once. Returns whether there was anything.
     */
    boolean encodeQueued()
    {
        NativeReportQueue.Slot slot;
        int taken = 0;
        NativeConnection last = null;
        while (taken < CAPACITY && (slot = queue.peek()) != null)
        {
            taken++;
            NativeConnection c = null;
            try
            {
                c = slot.session.sendQueued(slot);
            }
            catch (final RuntimeException ex)
            {
                LOG.error("encoding a message for {}", slot.session.participant.id(), ex);
            }
            finally
            {
                queue.taken(slot);
            }
            if (c != null && c != last && !encodedFor.contains(c))
            {
                encodedFor.add(c);
            }
            if (c != null && c.loop() == loop && c.queuedSinceLastWrite() >= NativeSessions.FLUSH_IN_BATCH_BYTES)
            {
                c.flush(); // as a batch of the sending thread does
            }
            last = c == null ? last : c;
        }
        for (int i = 0; i < encodedFor.size(); i++)
        {
            final NativeConnection c = encodedFor.get(i);
            if (c.loop() == loop)
            {
                c.flush();
            }
            else
            {
                c.loop().writeSoon(c); // the session logged on again on another loop
            }
        }
        encodedFor.clear();
        return taken > 0;
    }
}
