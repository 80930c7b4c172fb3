package by.butb.gateway;

import quickfix.SessionID;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How often a session's ResendRequests are answered on QuickFIX/J, which answers each by reading back and parsing
 * every stored message of its range on the session's thread, ahead of whatever the session received after it (its
 * disconnect too): a request is taken when it continues the last one taken (it begins past that one's end, as a client
 * asking in chunks, QuickFIX/J's {@code ResendRequestChunkSize}, does), or when {@link #MIN_INTERVAL_NANOS} has passed
 * since the last resend ended; else it is to be rejected. The time counts from the last message resent, not from the
 * request, so requests queued behind a long resend do not pass for being late. Thread-safe: QuickFIX/J's session
 * threads, one session at a time on each.
 */
final class QfjResendPace
{
    /** The least time between the end of one resend and the next request taken that does not continue it. */
    static final long MIN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Per session: when its last resend was asked for or last sent a message, and where the range taken ended. */
    private static final class Last
    {
        boolean taken;
        long nanos;
        /** EndSeqNo(16) of the request taken (0: infinity). */
        long end;
    }

    private final Map<SessionID, Last> sessions = new ConcurrentHashMap<>();

    /** Whether a ResendRequest for {@code begin..end} (0: infinity) received at {@code now} is to be answered. */
    boolean take(final SessionID session, final long begin, final long end, final long now)
    {
        final Last last = sessions.computeIfAbsent(session, s -> new Last());
        synchronized (last)
        {
            final boolean continues = last.taken && last.end != 0 && begin > last.end;
            if (last.taken && !continues && now - last.nanos < MIN_INTERVAL_NANOS)
            {
                return false;
            }
            last.taken = true;
            last.nanos = now;
            last.end = end;
            return true;
        }
    }

    /** A message of a resend went out at {@code now} (PossDupFlag=Y): the interval counts from here. */
    void resent(final SessionID session, final long now)
    {
        final Last last = sessions.get(session);
        if (last != null)
        {
            synchronized (last)
            {
                last.nanos = now;
            }
        }
    }

    void forget(final SessionID session)
    {
        sessions.remove(session);
    }
}
