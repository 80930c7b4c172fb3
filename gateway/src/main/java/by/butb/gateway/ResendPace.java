package by.butb.gateway;

import java.util.concurrent.TimeUnit;

/**
 * How often one session's ResendRequests are answered, with either FIX engine: a request is taken when it continues
 * the last one taken (it begins past that one's end, as a client asking in chunks, QuickFIX/J's
 * {@code ResendRequestChunkSize}, does), or when {@link #MIN_INTERVAL_NANOS} has passed since the last resend ended;
 * else it is rejected ({@link #REFUSAL}). The time counts from the last message resent, not from the request, so
 * requests queued behind a long resend do not pass for being late. A resend costs the gateway far more than its
 * request costs the client: QuickFIX/J reads back and parses every stored message of the range on the session's
 * thread, ahead of whatever the session received after it (its disconnect too); the native engine walks the session's
 * store on an I/O thread that serves other sessions too. Thread-safe.
 */
final class ResendPace
{
    /** The least time between the end of one resend and the next request taken that does not continue it. */
    static final long MIN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Text(58) of the session Reject (RefTagID 7, reason 5) answering a request not taken. */
    static final String REFUSAL = "a ResendRequest within a second of the last resend that does not continue it";

    private final long minIntervalNanos;
    private boolean taken;
    /** When the last request was taken or its resend last sent a message. */
    private long nanos;
    /** EndSeqNo(16) of the request taken (0: infinity). */
    private long end;

    /** A pace of {@link #MIN_INTERVAL_NANOS}. */
    ResendPace()
    {
        this(MIN_INTERVAL_NANOS);
    }

    /** {@code minIntervalNanos}: in place of {@link #MIN_INTERVAL_NANOS} (tests). */
    ResendPace(final long minIntervalNanos)
    {
        this.minIntervalNanos = minIntervalNanos;
    }

    /** Whether a ResendRequest for {@code begin..end} (0: infinity) received at {@code now} is to be answered. */
    synchronized boolean take(final long begin, final long end, final long now)
    {
        final boolean continues = taken && this.end != 0 && begin > this.end;
        if (taken && !continues && now - nanos < minIntervalNanos)
        {
            return false;
        }
        taken = true;
        nanos = now;
        this.end = end;
        return true;
    }

    /** Forgets the requests taken so far: the session's connection is gone. */
    synchronized void reset()
    {
        taken = false;
    }

    /** A message of a resend went out at {@code now} (PossDupFlag=Y): the interval counts from here. */
    synchronized void resent(final long now)
    {
        nanos = now;
    }
}
