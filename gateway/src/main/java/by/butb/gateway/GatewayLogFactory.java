package by.butb.gateway;

import by.butb.cluster.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * QuickFIX/J session logs to SLF4J: session events at debug, errors at warn. Message contents are not logged
 * (a Logon carries the password), except at trace with Password(554) masked. Errors (QuickFIX/J writes each message
 * it rejects into its error, in full) are at most {@value #ERROR_LINES_PER_SESSION_MINUTE} lines a minute for each
 * session and {@value #ERROR_LINES_PER_MINUTE} for all sessions together, each cut to {@value #ERROR_TEXT_CHARS}
 * characters, so that a client sending invalid messages can neither fill the server's log (with {@code serve}: its
 * standard output) nor crowd out the other sessions' errors. Thread-safe.
 */
final class GatewayLogFactory implements LogFactory
{
    static final int ERROR_LINES_PER_MINUTE = 60;
    static final int ERROR_LINES_PER_SESSION_MINUTE = 10;
    static final int ERROR_TEXT_CHARS = 300;
    private static final Logger LOG = LoggerFactory.getLogger("by.butb.gateway.fix");

    private final RateLimitedLog errors;
    private final LongSupplier nanoClock;
    /** Each session's own limit, for {@link #flush}; one per participant's session (the sessions are kept). */
    private final List<RateLimitedLog> sessionErrors = new CopyOnWriteArrayList<>();

    /** Errors to this class's log. */
    GatewayLogFactory()
    {
        this(LOG::warn, System::nanoTime);
    }

    /** Errors to {@code sink}, the minutes counted on {@code nanoClock}. */
    GatewayLogFactory(final Consumer<String> sink, final LongSupplier nanoClock)
    {
        this.nanoClock = nanoClock;
        errors = new RateLimitedLog(sink, ERROR_LINES_PER_MINUTE, TimeUnit.MINUTES.toNanos(1), nanoClock,
            "QuickFIX/J session errors");
    }

    @Override
    public Log create(final SessionID sessionID)
    {
        final String who = sessionID.getTargetCompID();
        final RateLimitedLog own = new RateLimitedLog(line -> errors.log(() -> line), ERROR_LINES_PER_SESSION_MINUTE,
            TimeUnit.MINUTES.toNanos(1), nanoClock, "QuickFIX/J session errors of " + who);
        sessionErrors.add(own);
        return new Log()
        {
            @Override
            public void clear()
            {
            }

            @Override
            public void onIncoming(final String message)
            {
                if (LOG.isTraceEnabled())
                {
                    LOG.trace("{} in  {}", who, mask(message));
                }
            }

            @Override
            public void onOutgoing(final String message)
            {
                if (LOG.isTraceEnabled())
                {
                    LOG.trace("{} out {}", who, mask(message));
                }
            }

            @Override
            public void onEvent(final String text)
            {
                LOG.debug("{}: {}", who, text);
            }

            @Override
            public void onErrorEvent(final String text)
            {
                own.log(() -> who + ": " + cut(mask(text)));
            }
        };
    }

    /** Writes the summaries of a minute that is over, if errors were left out in it. */
    void flush()
    {
        sessionErrors.forEach(RateLimitedLog::flush);
        errors.flush();
    }

    private static String cut(final String text)
    {
        return text.length() <= ERROR_TEXT_CHARS ? text :
            text.substring(0, ERROR_TEXT_CHARS) + "... (" + text.length() + " characters)";
    }

    static String mask(final String message)
    {
        return message.replaceAll("(^|\u0001)554=[^\u0001]*", "$1554=***").replace('\u0001', '|');
    }
}
