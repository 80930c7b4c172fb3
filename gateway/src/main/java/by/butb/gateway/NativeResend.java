package by.butb.gateway;

import by.butb.gateway.fix.FixDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one native session's ResendRequest from its stored messages: each again with its number, PossDupFlag=Y
 * and OrigSendingTime, and a SequenceReset-GapFill for each run of numbers not stored (admin messages, those no
 * longer kept, a record that does not decode). A chunk at a time: it queues on the connection only while less than
 * {@link #CHUNK_BYTES} (and a quarter of the slow-consumer bound) wait there, and goes on when the I/O loop finds
 * the socket writable again ({@link #continueOn}), so that a resend of any length neither trips the slow-consumer
 * bound nor holds the session's lock for long. Messages sent meanwhile go out between chunks, with their higher
 * numbers, as FIX allows. How often a request is answered is its {@link #pace}'s; a request taken during a resend
 * joins it; a Logout, a disconnect or a sequence reset ends it.
 *
 * <p>Threading: {@link #start} and {@link #continueOn} on the I/O thread of the connection answered; the state is
 * read and written under the session's lock ({@link #answering} also outside it, to skip connections with nothing to
 * resend).
 */
final class NativeResend
{
    private static final Logger LOG = LoggerFactory.getLogger(NativeResend.class);

    /** Bytes waiting on the connection below which the next stored messages are queued (see also the bound). */
    static final int CHUNK_BYTES = 64 * 1024;

    /** The session's pace of ResendRequests, told of each chunk resent. */
    final ResendPace pace;
    private final NativeSession session;
    private final FixDecoder stored = new FixDecoder();
    /** The connection being answered; null when no resend is in progress. */
    private volatile NativeConnection answering;
    /** The next number to resend, the last one, and where the run of numbers not stored began (-1: none). */
    private long next;
    private long end;
    private long gapStart;

    NativeResend(final NativeSession session, final ResendPace pace)
    {
        this.session = session;
        this.pace = pace;
    }

    /**
     * Starts answering {@code begin..end} on {@code c} (end already the last number sent, at most). With a resend in
     * progress on {@code c}, the two ranges join: what is left of the first is still sent (a counterparty that asked
     * again for a part need not ask for the rest again), from the lower start (numbers sent twice are PossDup).
     */
    void start(final NativeConnection c, final long begin, final long end)
    {
        synchronized (session)
        {
            if (answering == c)
            {
                final long from = gapStart >= 0 ? Math.min(begin, gapStart) : begin;
                if (from < next)
                {
                    next = from; // walked again from there (from a gap not yet filled, too), its gaps found again
                    gapStart = -1;
                }
                this.end = Math.max(this.end, end);
            }
            else
            {
                answering = c;
                next = begin;
                this.end = end;
                gapStart = -1;
            }
        }
        continueOn(c);
    }

    /** Ends a resend in progress (the connection is gone, or the numbers start again). */
    void cancel()
    {
        synchronized (session)
        {
            answering = null;
        }
    }

    /**
     * Queues the next chunk on {@code c} when it is the connection being answered and has room; then writes what the
     * socket takes, and asks to be called again when it is writable if more is left. I/O thread of {@code c}.
     */
    void continueOn(final NativeConnection c)
    {
        if (answering != c)
        {
            return;
        }
        final boolean more;
        synchronized (session)
        {
            if (answering != c)
            {
                return;
            }
            if (next <= end && c.hasRoomFor(CHUNK_BYTES))
            {
                while (next <= end && c.hasRoomFor(CHUNK_BYTES))
                {
                    step();
                }
                pace.resent(System.nanoTime());
            }
            if (next > end)
            {
                if (gapStart >= 0)
                {
                    gapFill(gapStart, end + 1);
                }
                answering = null;
            }
            more = answering != null;
        }
        c.flush();
        if (more)
        {
            c.loop().wantWrite(c);
        }
    }

    /**
     * {@link #continueOn}; false, the resend ended, when it met an unexpected error: as with a read, a bug met by one
     * connection's resend is to close that connection only (logged).
     */
    boolean continueOrFail(final NativeConnection c)
    {
        try
        {
            continueOn(c);
            return true;
        }
        catch (final RuntimeException ex)
        {
            LOG.error("closing {} after an unexpected error resending to it", c.address, ex);
            cancel();
            return false;
        }
    }

    /** One number: its stored message again, or it joins the run of numbers to gap-fill. Under the lock. */
    private void step()
    {
        final long oldest = session.oldestKept();
        if (next < oldest)
        {
            gapStart = gapStart < 0 ? next : gapStart;
            next = oldest; // none before the oldest kept: one gap
            return;
        }
        final int seq = (int)next++;
        final byte[] message = session.stored(seq);
        if (message == null)
        {
            gapStart = gapStart < 0 ? seq : gapStart;
            return;
        }
        if (gapStart >= 0)
        {
            gapFill(gapStart, seq);
            gapStart = -1;
        }
        resendStored(seq, message, session.storedLength(seq));
    }

    private void gapFill(final long from, final long to)
    {
        session.beginResend("4", (int)from).timestamp(122, System.currentTimeMillis()).field(123, 'Y').field(36, to);
        session.finishAdmin();
    }

    /** A stored message again, with its sequence number, PossDupFlag=Y, OrigSendingTime and a new SendingTime. */
    private void resendStored(final int seq, final byte[] message, final int length)
    {
        if (!stored.wrap(message, 0, length))
        {
            gapFill(seq, seq + 1L);
            return;
        }
        final int sendingTime = stored.indexOf(52);
        session.beginResend(NativeSessionProtocol.msgType(stored), seq)
            .field(122, message, stored.valueStart(sendingTime), stored.valueEnd(sendingTime) -
                stored.valueStart(sendingTime));
        final int trailer = stored.count() - 1;
        for (int i = 3; i < trailer; i++)
        {
            switch (stored.tagAt(i))
            {
                case 49, 56, 34, 52, 43, 122 ->
                {
                }
                default ->
                {
                    final int from = stored.fieldStart(i);
                    session.encoder().raw(message, from, stored.valueEnd(i) + 1 - from);
                }
            }
        }
        session.finishAdmin();
    }
}
