package by.butb.gateway;

import quickfix.Application;
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
import quickfix.field.MsgType;
import quickfix.field.Password;
import quickfix.field.Text;
import quickfix.field.Username;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** An independent FIX 4.4 client for tests: a QuickFIX/J initiator with one session to the gateway. */
final class FixClient implements AutoCloseable, Application
{
    final String id;
    final SessionID sessionId;
    private final String password;
    private final SocketInitiator initiator;
    final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    final BlockingQueue<String> logouts = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> logons = new LinkedBlockingQueue<>();

    FixClient(final int port, final String id, final String password) throws ConfigError
    {
        this.id = id;
        this.password = password;
        sessionId = new SessionID("FIX.4.4", id, "BUTB");
        final SessionSettings s = new SessionSettings();
        s.setString("ConnectionType", "initiator");
        s.setString("SocketConnectHost", "127.0.0.1");
        s.setLong("SocketConnectPort", port);
        s.setString("StartTime", "00:00:00");
        s.setString("EndTime", "00:00:00");
        s.setString("NonStopSession", "Y");
        s.setLong("HeartBtInt", 30);
        s.setLong("ReconnectInterval", 1);
        s.setString("UseDataDictionary", "Y");
        s.setString("DataDictionary", "FIX44.xml");
        s.setString("ResetOnLogon", "N");
        s.setString("ResetOnLogout", "N");
        s.setString("ResetOnDisconnect", "N");
        s.setString("SocketTcpNoDelay", "Y");
        s.setString(sessionId, "BeginString", "FIX.4.4");
        s.setString(sessionId, "SenderCompID", id);
        s.setString(sessionId, "TargetCompID", "BUTB");
        initiator = new SocketInitiator(this, new MemoryStoreFactory(), s, new GatewayLogFactory(),
            new DefaultMessageFactory());
    }

    static FixClient logon(final int port, final String id) throws Exception
    {
        final FixClient client = new FixClient(port, id, TestCatalog.password(id));
        client.start();
        client.awaitLogon();
        return client;
    }

    void start() throws ConfigError
    {
        initiator.start();
    }

    void awaitLogon() throws InterruptedException
    {
        if (logons.poll(30, TimeUnit.SECONDS) == null) // a relogon takes a few seconds of QuickFIX/J's reconnects
        {
            throw new AssertionError(id + " did not log on");
        }
    }

    Session session()
    {
        return Session.lookupSession(sessionId);
    }

    boolean isLoggedOn()
    {
        final Session s = session();
        return s != null && s.isLoggedOn();
    }

    void send(final Message message)
    {
        try
        {
            Session.sendToTarget(message, sessionId);
        }
        catch (final SessionNotFound ex)
        {
            throw new AssertionError(ex);
        }
    }

    /** The next application message (or Reject) received, failing after 10 s. */
    Message next() throws InterruptedException
    {
        final Message m = received.poll(10, TimeUnit.SECONDS);
        if (m == null)
        {
            throw new AssertionError(id + ": no message within 10 s");
        }
        return m;
    }

    /** The next message of a type, skipping others (returned in order in {@code skipped} if given). */
    Message next(final String msgType) throws Exception
    {
        return next(m -> type(m).equals(msgType));
    }

    Message next(final Predicate<Message> wanted) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        final List<Message> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline)
        {
            final Message m = received.poll(100, TimeUnit.MILLISECONDS);
            if (m != null)
            {
                if (wanted.test(m))
                {
                    return m;
                }
                skipped.add(m);
            }
        }
        throw new AssertionError(id + ": wanted message not received; got " + skipped);
    }

    /** Asserts nothing arrives for {@code millis}. */
    void expectNothing(final long millis) throws InterruptedException
    {
        final Message m = received.poll(millis, TimeUnit.MILLISECONDS);
        if (m != null)
        {
            throw new AssertionError(id + ": unexpected " + m);
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

    @Override
    public void close()
    {
        initiator.stop(true);
    }

    // ---------------------------------------------------------------- Application

    @Override
    public void onCreate(final SessionID sessionId)
    {
    }

    @Override
    public void onLogon(final SessionID sessionId)
    {
        logons.add(Boolean.TRUE);
    }

    @Override
    public void onLogout(final SessionID sessionId)
    {
    }

    @Override
    public void toAdmin(final Message message, final SessionID sessionId)
    {
        if (MsgType.LOGON.equals(type(message)))
        {
            message.setString(Username.FIELD, id);
            message.setString(Password.FIELD, password);
        }
    }

    @Override
    public void fromAdmin(final Message message, final SessionID sessionId) throws FieldNotFound
    {
        final String type = type(message);
        if (MsgType.LOGOUT.equals(type))
        {
            logouts.add(message.isSetField(Text.FIELD) ? message.getString(Text.FIELD) : "");
        }
        else if (MsgType.REJECT.equals(type))
        {
            received.add(message);
        }
    }

    @Override
    public void toApp(final Message message, final SessionID sessionId)
    {
    }

    @Override
    public void fromApp(final Message message, final SessionID sessionId)
    {
        received.add(message);
    }
}
