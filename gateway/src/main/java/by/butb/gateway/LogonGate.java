package by.butb.gateway;

import by.butb.cluster.RateLimitedLog;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Message;
import quickfix.field.BeginString;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.SenderCompID;
import quickfix.field.SendingTime;
import quickfix.field.TargetCompID;
import quickfix.field.Text;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The socket filter between the FIX decoder and QuickFIX/J that authenticates every connection before QuickFIX/J
 * sees anything of it. QuickFIX/J binds a connection to a participant's session on its first Logon, before any
 * application code could check a password; so nothing is passed on (no message, no open, close or error event)
 * until the connection's first message, which must be a Logon, has passed the {@link Authenticator}:
 * <ul>
 * <li>the Logon's identity is read from its raw text ({@link LogonRequest}) and its password verified on the
 * {@link LogonScheduler}'s threads (fair, throttled); what the connection sends meanwhile is held, within the
 * bytes allowed before logon ({@link FrameLimiter});</li>
 * <li>accepted: the Logon and what was held go to QuickFIX/J in order, one binding at a time, and from then on
 * everything passes straight through, except a later Logon for another identity, which closes the connection;</li>
 * <li>refused: the connection gets a Logout whose Text says why, no sooner than {@code refusalDelay} after its
 * Logon (a wrong guess costs the guesser time), and is closed; QuickFIX/J never sees it, so a participant's
 * session, its sequence numbers and stored messages are untouched.</li>
 * </ul>
 * Connections not logged on are bounded in number ({@link UnauthenticatedConnections}); refusals are logged through
 * the rate-limited connection log.
 */
final class LogonGate extends IoFilterAdapter implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(LogonGate.class);
    private static final AttributeKey CONNECTION = new AttributeKey(LogonGate.class, "connection");
    private static final String LOGON_TYPE = "\u000135=A\u0001";
    /** Messages held while a Logon is verified (their bytes are bounded too, by the limit before logon). */
    private static final int MAX_HELD_MESSAGES = 64;

    private final Authenticator authenticator;
    private final LogonScheduler scheduler;
    private final UnauthenticatedConnections connections;
    private final long refusalDelayNanos;
    private final RateLimitedLog log;
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService timer;
    /** QuickFIX/J checks that a session is free and then binds it, in two steps: one binding at a time. */
    private final Object bindLock = new Object();

    LogonGate(final Authenticator authenticator, final LogonScheduler scheduler,
        final UnauthenticatedConnections connections, final long refusalDelayMillis, final RateLimitedLog log,
        final LongSupplier nanoClock)
    {
        this.authenticator = authenticator;
        this.scheduler = scheduler;
        this.connections = connections;
        this.refusalDelayNanos = TimeUnit.MILLISECONDS.toNanos(refusalDelayMillis);
        this.log = log;
        this.nanoClock = nanoClock;
        final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r ->
        {
            final Thread t = new Thread(r, "butb-gateway-logon-refusals");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /** Whether the connection passed authentication (for good). Any thread. */
    static boolean authenticated(final IoSession session)
    {
        return session.getAttribute(CONNECTION) instanceof Connection c && c.authenticated;
    }

    /** Connections open and not yet authenticated (refused ones until they are closed). */
    int unauthenticated()
    {
        return connections.count();
    }

    @Override
    public void sessionCreated(final NextFilter next, final IoSession session)
    {
        final Connection c = new Connection(session, next, SourceAddress.of(session.getRemoteAddress()));
        session.setAttribute(CONNECTION, c);
        final UnauthenticatedConnections.Place place = connections.admit(c.address);
        if (place != null)
        {
            c.place = place;
            place.onEvict(c::evicted);
        }
        else
        {
            c.state = State.REFUSED;
            log.log(() -> "closing " + session.getRemoteAddress() + ": too many connections not logged on");
            session.closeNow();
        }
        // not passed on: QuickFIX/J learns of the connection once it is authenticated
    }

    @Override
    public void sessionOpened(final NextFilter next, final IoSession session)
    {
        if (!(session.getAttribute(CONNECTION) instanceof Connection))
        {
            next.sessionOpened(session);
        }
        // else passed on with sessionCreated once authenticated
    }

    @Override
    public void messageReceived(final NextFilter next, final IoSession session, final Object message)
    {
        if (!(session.getAttribute(CONNECTION) instanceof Connection c))
        {
            next.messageReceived(session, message);
            return;
        }
        if (c.open || c.receive(message))
        {
            c.forward(message);
        }
    }

    @Override
    public void sessionClosed(final NextFilter next, final IoSession session)
    {
        if (!(session.getAttribute(CONNECTION) instanceof Connection c) || c.closed())
        {
            GatewayAcceptor.detachIfReplaced(session);
            next.sessionClosed(session);
        }
    }

    @Override
    public void exceptionCaught(final NextFilter next, final IoSession session, final Throwable cause)
    {
        if (!(session.getAttribute(CONNECTION) instanceof Connection c) || c.open)
        {
            next.exceptionCaught(session, cause);
            return;
        }
        if (!session.isClosing())
        {
            log.log(() -> "closing " + session.getRemoteAddress() + " before logon: " + cause);
            session.closeNow();
        }
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
    }

    private enum State
    {
        /** Waiting for the first message. */
        AWAITING_LOGON,
        /** The Logon is being verified; what arrives meanwhile is held. */
        PENDING,
        /** Accepted: the Logon and what was held are going to QuickFIX/J. */
        FLUSHING,
        /** Everything goes to QuickFIX/J. */
        OPEN,
        /** Refused or closed before logon: what arrives is dropped. */
        REFUSED,
        CLOSED
    }

    /** One connection's way through the gate; transitions under its lock. */
    private final class Connection implements LogonScheduler.Job
    {
        final IoSession session;
        final NextFilter next;
        final String address;
        private final ArrayDeque<Object> held = new ArrayDeque<>();
        /** Changed under this lock, read without it where a stale value is harmless. */
        volatile State state = State.AWAITING_LOGON;
        /** Its place in {@link #connections}, until it is authenticated or closed; guarded by this. */
        UnauthenticatedConnections.Place place;
        private boolean closedWhileFlushing;
        private LogonRequest logon;
        private long logonNanos;
        volatile boolean authenticated;
        volatile boolean open;
        /** Sent a Logon for another identity, or with HeartBtInt out of range, once open: nothing more is passed on. */
        private volatile boolean impostor;

        Connection(final IoSession session, final NextFilter next, final String address)
        {
            this.session = session;
            this.next = next;
            this.address = address;
        }

        /** A message before the connection is open; true when it is to be passed on now (it just opened). */
        boolean receive(final Object message)
        {
            synchronized (this)
            {
                switch (state)
                {
                    case AWAITING_LOGON ->
                    {
                        onFirstMessage(message);
                        return false;
                    }
                    case PENDING ->
                    {
                        if (held.size() < MAX_HELD_MESSAGES)
                        {
                            held.addLast(message);
                        }
                        else
                        {
                            state = State.REFUSED;
                            held.clear();
                            log.log(() -> "closing " + session.getRemoteAddress() + ": more than " +
                                MAX_HELD_MESSAGES + " messages sent while its Logon was verified");
                            session.closeNow();
                        }
                        return false;
                    }
                    case FLUSHING ->
                    {
                        return awaitOpen();
                    }
                    case OPEN ->
                    {
                        return true;
                    }
                    default ->
                    {
                        return false;
                    }
                }
            }
        }

        /**
         * Under the lock, on the I/O thread: waits while what was held goes to QuickFIX/J (a few messages), so
         * that this message follows them; true when it may be passed on.
         */
        private boolean awaitOpen()
        {
            try
            {
                while (state == State.FLUSHING)
                {
                    wait();
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                session.closeNow();
                return false;
            }
            return state == State.OPEN;
        }

        /** Under the lock. */
        private void onFirstMessage(final Object message)
        {
            final LogonRequest request = message instanceof String text ? LogonRequest.parse(text) : null;
            if (request == null || !request.isLogon())
            {
                state = State.REFUSED;
                log.log(() -> "closing " + session.getRemoteAddress() + ": its first message is not a Logon");
                session.closeNow();
                return;
            }
            logon = request;
            logonNanos = nanoClock.getAsLong();
            state = State.PENDING;
            final Authenticator.Verdict refusal = authenticator.precheck(request);
            if (refusal != null)
            {
                refuse(refusal);
            }
            else if (!scheduler.submit(this))
            {
                refuse(LogonScheduler.notQueued(request.senderCompId()));
            }
        }

        @Override
        public String compId()
        {
            return logon.senderCompId();
        }

        @Override
        public String address()
        {
            return address;
        }

        @Override
        public boolean abandoned()
        {
            return state != State.PENDING;
        }

        /** Refused on the timer's thread: the submitting connection may hold its own lock here. */
        @Override
        public void evict()
        {
            final Authenticator.Verdict verdict = LogonScheduler.evicted(logon.senderCompId());
            try
            {
                timer.execute(() ->
                {
                    synchronized (this)
                    {
                        refuse(verdict);
                    }
                });
            }
            catch (final RejectedExecutionException ex)
            {
                session.closeNow(); // stopping
            }
        }

        /** On a scheduler thread. */
        @Override
        public Authenticator.Outcome run()
        {
            if (abandoned())
            {
                return Authenticator.Outcome.REFUSED;
            }
            final Authenticator.Verdict verdict = authenticator.verify(logon);
            if (verdict.outcome() == Authenticator.Outcome.ACCEPTED)
            {
                admit();
                return verdict.outcome();
            }
            synchronized (this)
            {
                refuse(verdict);
            }
            return verdict.outcome();
        }

        /** Under the lock: answers with a Logout after the refusal delay, then closes. */
        private void refuse(final Authenticator.Verdict verdict)
        {
            if (state != State.PENDING)
            {
                return;
            }
            state = State.REFUSED;
            held.clear();
            log.log(() -> "logon refused from " + session.getRemoteAddress() + " for SenderCompID " +
                Authenticator.printable(logon.senderCompId()) + ": " + verdict.reason());
            final long delay = Math.max(0, logonNanos + refusalDelayNanos - nanoClock.getAsLong());
            final String logout = logout(logon, verdict.reply());
            try
            {
                timer.schedule(() ->
                {
                    if (session.isConnected() && !session.isClosing())
                    {
                        session.write(logout);
                        session.closeOnFlush();
                    }
                }, delay, TimeUnit.NANOSECONDS);
            }
            catch (final RejectedExecutionException ex)
            {
                session.closeNow(); // stopping
            }
        }

        /**
         * On a scheduler thread: hands the connection to QuickFIX/J. Messages arriving meanwhile wait on the I/O
         * thread ({@link #awaitOpen}); reading is not suspended, as MINA updates a socket's interest set without
         * a lock and a concurrent write could lose the resumption.
         */
        private void admit()
        {
            synchronized (this)
            {
                if (state != State.PENDING)
                {
                    return;
                }
                state = State.FLUSHING;
                authenticated = true;
                if (place != null)
                {
                    connections.release(place);
                    place = null;
                }
            }
            boolean closedMeanwhile = false;
            try
            {
                synchronized (bindLock)
                {
                    next.sessionCreated(session);
                    next.sessionOpened(session);
                    next.messageReceived(session, logon.raw());
                }
                while (true)
                {
                    final Object message;
                    synchronized (this)
                    {
                        message = held.pollFirst();
                        if (message == null)
                        {
                            state = State.OPEN;
                            open = true;
                            closedMeanwhile = closedWhileFlushing;
                            notifyAll();
                            break;
                        }
                    }
                    forward(message);
                }
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("handing an authenticated connection from {} to QuickFIX/J failed",
                    session.getRemoteAddress(), ex);
                synchronized (this)
                {
                    if (state == State.FLUSHING)
                    {
                        state = State.OPEN; // QuickFIX/J has the connection: it hears of its close
                        open = true;
                        closedMeanwhile = closedWhileFlushing;
                        notifyAll();
                    }
                }
                session.closeNow();
            }
            if (closedMeanwhile)
            {
                GatewayAcceptor.detachIfReplaced(session);
                next.sessionClosed(session);
            }
        }

        /**
         * To QuickFIX/J, unless it is a Logon for another identity than the one authenticated, or with a
         * HeartBtInt(108) out of range: that closes the connection, and nothing it sent after is passed on.
         */
        void forward(final Object message)
        {
            if (impostor)
            {
                return;
            }
            if (message instanceof String text && text.contains(LOGON_TYPE))
            {
                final LogonRequest again = LogonRequest.parse(text);
                final String problem = !sameIdentity(again) ? "a Logon for another identity" :
                    Authenticator.heartBtIntProblem(again.heartBtInt());
                if (problem != null)
                {
                    impostor = true;
                    log.log(() -> "closing " + session.getRemoteAddress() + ", logged on as " + logon.senderCompId() +
                        ": " + problem);
                    session.closeNow();
                    return;
                }
            }
            next.messageReceived(session, message);
        }

        private boolean sameIdentity(final LogonRequest again)
        {
            return !again.duplicated() && !again.subOrLocationIds() &&
                logon.senderCompId().equals(again.senderCompId()) &&
                logon.targetCompId().equals(again.targetCompId()) &&
                logon.beginString().equals(again.beginString());
        }

        /** The connection closed; true when QuickFIX/J is to hear of it now. */
        boolean closed()
        {
            final UnauthenticatedConnections.Place release;
            final boolean tell;
            synchronized (this)
            {
                release = place;
                place = null;
                tell = state == State.OPEN;
                if (state == State.FLUSHING)
                {
                    closedWhileFlushing = true; // told once the flush is done
                }
                else if (state != State.OPEN)
                {
                    state = State.CLOSED;
                    held.clear();
                }
            }
            if (release != null)
            {
                connections.release(release);
            }
            return tell;
        }

        /** Its place among the connections not logged on went to another address's: closed, unless authenticated. */
        void evicted()
        {
            synchronized (this)
            {
                if (place == null)
                {
                    return; // authenticated meanwhile, or closed
                }
                state = State.REFUSED; // a verification still to come does not open it
            }
            log.log(() -> "closing " + session.getRemoteAddress() + ": its place among the connections not logged on" +
                " went to another address");
            session.closeNow();
        }
    }

    /** The Logout answering a refused Logon: addressed back to its sender, sequence number 1. */
    static String logout(final LogonRequest logon, final String text)
    {
        final Message logout = new Message();
        final String begin = logon.beginString();
        logout.getHeader().setString(BeginString.FIELD,
            begin != null && begin.length() <= 16 && FixIds.problem(begin) == null ? begin : "FIX.4.4");
        logout.getHeader().setString(MsgType.FIELD, MsgType.LOGOUT);
        logout.getHeader().setString(SenderCompID.FIELD, idOrUnknown(logon.targetCompId()));
        logout.getHeader().setString(TargetCompID.FIELD, idOrUnknown(logon.senderCompId()));
        logout.getHeader().setInt(MsgSeqNum.FIELD, 1);
        logout.getHeader().setField(new SendingTime(LocalDateTime.now(ZoneOffset.UTC)));
        logout.setString(Text.FIELD, text);
        return logout.toString();
    }

    private static String idOrUnknown(final String id)
    {
        return id != null && FixIds.problem(id) == null ? id : "UNKNOWN";
    }
}
