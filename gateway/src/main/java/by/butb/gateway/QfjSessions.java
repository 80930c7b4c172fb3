package by.butb.gateway;

import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;

import java.io.IOException;
import java.io.UncheckedIOException;

/** {@link FixSessions} of QuickFIX/J's registry; batches through {@link CoalescingResponder}. */
final class QfjSessions implements FixSessions
{
    @Override
    public boolean exists(final SessionID id)
    {
        return Session.doesSessionExist(id);
    }

    @Override
    public boolean connected(final SessionID id)
    {
        final Session session = Session.lookupSession(id);
        return session != null && session.hasResponder();
    }

    @Override
    public boolean loggedOn(final SessionID id)
    {
        final Session session = Session.lookupSession(id);
        return session != null && session.isLoggedOn();
    }

    @Override
    public boolean send(final SessionID id, final Message message)
    {
        final Session session = Session.lookupSession(id);
        if (session == null)
        {
            return false;
        }
        session.send(message); // stored for resend when the session is not logged on (a gap fill on its next logon)
        return true;
    }

    @Override
    public boolean sendMarketData(final SessionID id, final MarketDataMessage message)
    {
        return send(id, message.toQuickFixJ());
    }

    @Override
    public boolean sendReport(final SessionID id, final OrderReport report)
    {
        return Session.doesSessionExist(id) && send(id, report.toQuickFixJ());
    }

    @Override
    public long unwrittenBytes(final SessionID id)
    {
        final Session session = Session.lookupSession(id);
        return session != null && session.getResponder() instanceof CoalescingResponder c ? c.unwrittenBytes() : 0;
    }

    @Override
    public int[] sequenceNumbers(final SessionID id)
    {
        final Session session = Session.lookupSession(id);
        if (session == null)
        {
            return null;
        }
        try
        {
            return new int[] {session.getStore().getNextSenderMsgSeqNum(),
                session.getStore().getNextTargetMsgSeqNum()};
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void beginBatch()
    {
        CoalescingResponder.beginBatch();
    }

    @Override
    public void endBatch()
    {
        CoalescingResponder.endBatch();
    }
}
