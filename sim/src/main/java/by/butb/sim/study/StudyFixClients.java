package by.butb.sim.study;

import quickfix.ApplicationAdapter;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.field.Password;
import quickfix.field.Text;
import quickfix.field.Username;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The study's participants as FIX 4.4 clients: one QuickFIX/J initiator with a session per participant that sends
 * commands, each logging on with its password. One command is outstanding at a time: {@link #send} returns the
 * exchange's first answer to it (ExecutionReport New, Rejected or Replaced; OrderCancelReject; or a
 * BusinessMessageReject or session Reject, which the caller treats as a failure).
 *
 * <p>Threading: {@link #send} from one driver thread; QuickFIX/J's initiator thread delivers the answers.
 */
final class StudyFixClients extends ApplicationAdapter implements AutoCloseable
{
    private final Map<SessionID, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, SessionID> sessions = new ConcurrentHashMap<>();
    private final SocketInitiator initiator;
    private final CountDownLatch loggedOn;
    private final BlockingQueue<Message> answers = new ArrayBlockingQueue<>(1);
    private final Map<SessionID, String> logoutTexts = new ConcurrentHashMap<>();
    private final AtomicLong executionReports = new AtomicLong();
    private final AtomicLong fills = new AtomicLong();
    private volatile SessionID pendingSession;
    private volatile String pendingClOrdId;

    /** @param credentials participant id -> password. */
    StudyFixClients(final String host, final int port, final String exchangeCompId,
        final Map<String, String> credentials) throws ConfigError
    {
        final SessionSettings s = new SessionSettings();
        s.setString("ConnectionType", "initiator");
        s.setString("SocketConnectHost", host);
        s.setLong("SocketConnectPort", port);
        s.setString("StartTime", "00:00:00");
        s.setString("EndTime", "00:00:00");
        s.setString("NonStopSession", "Y");
        s.setLong("HeartBtInt", 30);
        s.setLong("ReconnectInterval", 1);
        s.setString("UseDataDictionary", "Y");
        s.setString("DataDictionary", "FIX44.xml");
        s.setString("ValidateUserDefinedFields", "N");
        s.setString("ResetOnLogon", "Y");
        s.setString("SocketTcpNoDelay", "Y");
        s.setString("PersistMessages", "N");
        for (final Map.Entry<String, String> c : credentials.entrySet())
        {
            final SessionID id = new SessionID("FIX.4.4", c.getKey(), exchangeCompId);
            s.setString(id, "BeginString", "FIX.4.4");
            s.setString(id, "SenderCompID", c.getKey());
            s.setString(id, "TargetCompID", exchangeCompId);
            passwords.put(id, c.getValue());
            sessions.put(c.getKey(), id);
        }
        loggedOn = new CountDownLatch(credentials.size());
        initiator = new SocketInitiator(this, new MemoryStoreFactory(), s, new QuietLogFactory(),
            new DefaultMessageFactory());
    }

    /** Connects every session and waits until all are logged on. */
    void logOnAll(final long timeoutMillis) throws ConfigError, InterruptedException
    {
        initiator.start();
        if (!loggedOn.await(timeoutMillis, TimeUnit.MILLISECONDS))
        {
            final StringBuilder missing = new StringBuilder();
            for (final Map.Entry<String, SessionID> e : sessions.entrySet())
            {
                final Session session = Session.lookupSession(e.getValue());
                if (session == null || !session.isLoggedOn())
                {
                    final String why = logoutTexts.get(e.getValue());
                    missing.append(missing.length() == 0 ? "" : ", ").append(e.getKey())
                        .append(why == null ? "" : " (" + why + ")");
                }
            }
            throw new IllegalStateException("FIX sessions not logged on within " + timeoutMillis + " ms: " + missing);
        }
    }

    /**
     * Sends {@code message} in {@code participant}'s session and waits for the exchange's first answer to
     * {@code clOrdId}.
     *
     * @return the answer, or null after {@code timeoutMillis}.
     */
    Message send(final String participant, final String clOrdId, final Message message, final long timeoutMillis)
        throws InterruptedException, SessionNotFound
    {
        final SessionID session = sessions.get(participant);
        if (session == null)
        {
            throw new IllegalStateException("no FIX session for participant " + participant);
        }
        answers.clear();
        pendingClOrdId = clOrdId;
        pendingSession = session;
        if (!Session.sendToTarget(message, session))
        {
            throw new IllegalStateException("QuickFIX/J did not send the message of " + participant);
        }
        final Message answer = answers.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        pendingSession = null;
        pendingClOrdId = null;
        return answer;
    }

    long executionReports()
    {
        return executionReports.get();
    }

    long fills()
    {
        return fills.get();
    }

    Collection<SessionID> sessions()
    {
        return sessions.values();
    }

    @Override
    public void close()
    {
        initiator.stop(true);
    }

    private void answer(final SessionID session, final Message message, final String clOrdId)
    {
        if (session.equals(pendingSession) && clOrdId != null && clOrdId.equals(pendingClOrdId))
        {
            pendingSession = null;
            answers.offer(message);
        }
    }

    // ---------------------------------------------------------------------------------------- Application

    @Override
    public void onLogon(final SessionID sessionId)
    {
        loggedOn.countDown();
    }

    @Override
    public void toAdmin(final Message message, final SessionID sessionId)
    {
        if (MsgType.LOGON.equals(type(message)))
        {
            message.setString(Username.FIELD, sessionId.getSenderCompID());
            message.setString(Password.FIELD, passwords.get(sessionId));
        }
    }

    @Override
    public void fromAdmin(final Message message, final SessionID sessionId) throws FieldNotFound
    {
        final String type = type(message);
        if (MsgType.LOGOUT.equals(type) && message.isSetField(Text.FIELD))
        {
            logoutTexts.put(sessionId, message.getString(Text.FIELD));
        }
        else if (MsgType.REJECT.equals(type) && sessionId.equals(pendingSession))
        {
            answer(sessionId, message, pendingClOrdId);
        }
    }

    @Override
    public void fromApp(final Message message, final SessionID sessionId) throws FieldNotFound
    {
        switch (type(message))
        {
            case MsgType.EXECUTION_REPORT ->
            {
                executionReports.incrementAndGet();
                final char exec = message.getChar(ExecType.FIELD);
                if (exec == ExecType.TRADE)
                {
                    fills.incrementAndGet();
                }
                else if (exec == ExecType.NEW || exec == ExecType.REJECTED || exec == ExecType.REPLACED)
                {
                    answer(sessionId, message,
                        message.isSetField(ClOrdID.FIELD) ? message.getString(ClOrdID.FIELD) : null);
                }
            }
            case MsgType.ORDER_CANCEL_REJECT -> answer(sessionId, message, message.getString(ClOrdID.FIELD));
            case MsgType.BUSINESS_MESSAGE_REJECT -> answer(sessionId, message,
                message.isSetField(BusinessRejectRefID.FIELD) ? message.getString(BusinessRejectRefID.FIELD) : null);
            default ->
            {
            }
        }
    }

    static String type(final Message m)
    {
        try
        {
            return m.getHeader().getString(MsgType.FIELD);
        }
        catch (final FieldNotFound ex)
        {
            return "?";
        }
    }

    /** QuickFIX/J logs nothing for these sessions (the run's own output says what happened). */
    private static final class QuietLogFactory implements quickfix.LogFactory
    {
        @Override
        public quickfix.Log create(final SessionID sessionID)
        {
            return new quickfix.Log()
            {
                @Override
                public void clear()
                {
                }

                @Override
                public void onIncoming(final String message)
                {
                }

                @Override
                public void onOutgoing(final String message)
                {
                }

                @Override
                public void onEvent(final String text)
                {
                }

                @Override
                public void onErrorEvent(final String text)
                {
                }
            };
        }
    }
}
