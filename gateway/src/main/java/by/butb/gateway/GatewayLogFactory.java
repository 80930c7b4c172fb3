package by.butb.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

/**
 * QuickFIX/J session logs to SLF4J: session events at debug, errors at warn. Message contents are not logged
 * (a Logon carries the password), except at trace with Password(554) masked.
 */
final class GatewayLogFactory implements LogFactory
{
    private static final Logger LOG = LoggerFactory.getLogger("by.butb.gateway.fix");

    @Override
    public Log create(final SessionID sessionID)
    {
        final String who = sessionID.getTargetCompID();
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
                LOG.warn("{}: {}", who, mask(text));
            }
        };
    }

    static String mask(final String message)
    {
        return message.replaceAll("(^|\u0001)554=[^\u0001]*", "$1554=***").replace('\u0001', '|');
    }
}
