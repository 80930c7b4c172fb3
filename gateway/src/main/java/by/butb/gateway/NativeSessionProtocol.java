package by.butb.gateway;

import by.butb.cluster.RateLimitedLog;
import by.butb.gateway.fix.FixDecoder;
import by.butb.gateway.fix.UtcTimestamps;
import quickfix.field.BusinessRejectReason;
import quickfix.field.SessionRejectReason;

import java.util.concurrent.TimeUnit;

/**
 * The receiving side of a {@link NativeSession}, on the I/O thread: Logon, the inbound sequence number (a gap is
 * answered with one ResendRequest, the early message dropped: the counterparty resends it, except that an early
 * ResendRequest or TestRequest is answered at once, since a counterparty gap-fills its admin messages; a number too
 * low without PossDupFlag ends the session; a number from 2^31 - 1 on ends it too), Heartbeat and TestRequest,
 * ResendRequest (answered from the session's stored messages, a SequenceReset-GapFill for admin messages and those no
 * longer kept), SequenceReset (gap fill and reset), a Logon with ResetSeqNumFlag inside the session (both numbers
 * start again at 1), Logout, the header checks (CompIDs, SendingTime within 2 minutes
 * unless client time), and hands NewOrderSingle, OrderCancelRequest and OrderCancelReplaceRequest to
 * {@link NativeOrders} and MarketDataRequest to {@link NativeMarketDataRequests}; other application messages get a
 * BusinessMessageReject (Unsupported Message Type).
 */
final class NativeSessionProtocol
{
    /** SendingTime(52) may differ from the server clock by this much (QuickFIX/J's MaxLatency default). */
    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final byte[] FIX44 = {'F', 'I', 'X', '.', '4', '.', '4'};

    /** The least time between two Logons with ResetSeqNumFlag=Y inside a session; a quicker one ends it. */
    static final long MIN_RESET_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** What every session of a server shares. */
    record Settings(boolean checkLatency, Outbound outbound, RateLimitedLog log, long resendIntervalNanos)
    {
    }

    private final NativeSession session;
    private final Settings settings;
    /** Written by the I/O thread only; volatile for {@link FixSessions#sequenceNumbers}. */
    private volatile int nextTargetSeq;
    private volatile boolean loggedOn;
    private long heartBtIntNanos;
    private long lastReceivedNanos;
    private boolean testRequestSent;
    /** A ResendRequest is out for the gap up to this number (0: none). */
    private long resendRequestedUpTo;
    /** When the session last reset its numbers with a Logon inside the session (System.nanoTime). */
    private long lastInSessionResetNanos = System.nanoTime() - MIN_RESET_INTERVAL_NANOS;
    private final NativeResend resend;

    /** {@code nextTargetSeq}: the MsgSeqNum expected next (1, or what the session's store kept). */
    NativeSessionProtocol(final NativeSession session, final int nextTargetSeq, final Settings settings)
    {
        this.session = session;
        this.nextTargetSeq = nextTargetSeq;
        this.settings = settings;
        this.resend = new NativeResend(session, new ResendPace(settings.resendIntervalNanos()));
    }

    /** The resend in progress on this session's connection, if any. */
    NativeResend resend()
    {
        return resend;
    }

    /** The MsgSeqNum expected next is {@code next}, on disk too where the session has a store. */
    private void nextTargetSeq(final int next)
    {
        nextTargetSeq = next;
        session.targetSeq(next);
    }

    boolean loggedOn()
    {
        return loggedOn;
    }

    int nextTargetSeq()
    {
        return nextTargetSeq;
    }

    /** The connection is gone. */
    void disconnected()
    {
        loggedOn = false;
        resendRequestedUpTo = 0;
        resend.cancel();
        resend.pace.reset(); // as QuickFIX/J's: a new connection starts afresh
        settings.outbound().sessionGone(session.id);
    }

    // ---------------------------------------------------------------- logon

    /** The Logon that bound {@code c} to the session (its password already verified). */
    void onLogon(final FixDecoder d, final NativeConnection c)
    {
        final long seq = d.longValueOf(34);
        if (seq < 1 || !d.has(108))
        {
            logoutAndClose(c, seq < 1 ? "MsgSeqNum(34) is required" : "HeartBtInt(108) is required");
            return;
        }
        final long heartBtInt = d.longValueOf(108); // not digits alone: negative; empty: 0; both out of range
        final String heartBtIntProblem = Authenticator.heartBtIntProblem(heartBtInt);
        if (heartBtIntProblem != null) // checked before the first Logon was verified; this is one inside the session
        {
            logoutAndClose(c, heartBtIntProblem);
            return;
        }
        final boolean reset = d.charValue(141) == 'Y';
        if (reset)
        {
            nextTargetSeq(1);
        }
        else if (seq < nextTargetSeq)
        {
            logoutAndClose(c, "MsgSeqNum too low, expecting " + nextTargetSeq + " but received " + seq);
            return;
        }
        heartBtIntNanos = TimeUnit.SECONDS.toNanos(heartBtInt);
        lastReceivedNanos = System.nanoTime();
        testRequestSent = false;
        synchronized (session)
        {
            if (reset)
            {
                session.resetSenderSide(); // with the answer, so that no report takes number 1 in between
                resend.cancel();
            }
            session.beginAdmin("A").field(98, 0).field(108, heartBtInt);
            if (reset)
            {
                session.encoder().field(141, 'Y');
            }
            session.finishAdmin();
            loggedOn = true; // under the lock: no report goes out before the Logon's answer
        }
        if (seq > nextTargetSeq)
        {
            requestResend(seq);
        }
        else
        {
            nextTargetSeq(nextTargetSeq + 1);
        }
        c.flush();
    }

    // ---------------------------------------------------------------- messages after logon

    /**
     * A well-formed message on the bound connection {@code c}. Once the session is logged out (a Logout sent or
     * received) nothing the client wrote after that is acted on, even when it arrived in the same read; only the
     * client's Logout answering ours (with the session's CompIDs) is counted, so that its next Logon shows no gap, and
     * it ends the connection.
     */
    void onMessage(final FixDecoder d, final NativeConnection c)
    {
        final long seq = d.longValueOf(34);
        final String msgType = msgType(d);
        if (!loggedOn)
        {
            if ("5".equals(msgType) && session.compIdsMatch(d))
            {
                countIfExpected(seq);
                c.closeAfterFlush(); // the answer to ours: the session has ended
            }
            return;
        }
        lastReceivedNanos = System.nanoTime();
        testRequestSent = false;
        if (!session.compIdsMatch(d) || !d.valueEquals(8, FIX44))
        {
            reject(seq, 0, msgType, SessionRejectReason.COMPID_PROBLEM, "CompID problem");
            countIfExpected(seq);
            logout(c, "CompID problem");
            return;
        }
        if (seq < 1 || seq >= Integer.MAX_VALUE)
        {
            logout(c, seq < 1 ? "MsgSeqNum(34) is missing or not a number" : "MsgSeqNum(34) is too large");
            return;
        }
        if (!sendingTimeAccurate(d))
        {
            reject(seq, 52, msgType, SessionRejectReason.SENDINGTIME_ACCURACY_PROBLEM,
                "SendingTime accuracy problem");
            countIfExpected(seq);
            logout(c, "SendingTime accuracy problem");
            return;
        }
        if (d.emptyTag() != 0 && ("A".equals(msgType) || "4".equals(msgType)))
        {
            // before a reset reads its fields, as QuickFIX/J does: a Logon ends the session, a SequenceReset is
            // rejected without taking its number; every other type is rejected in dispatch, after the sequence checks
            if ("A".equals(msgType))
            {
                countIfExpected(seq);
                logoutAndClose(c, "Invalid Logon message: Tag specified without a value (" + d.emptyTag() + ")");
            }
            else
            {
                rejectEmptyValue(d, seq, msgType, c);
            }
            return;
        }
        if ("A".equals(msgType) && d.charValue(141) == 'Y')
        {
            final long now = System.nanoTime();
            if (now - lastInSessionResetNanos < MIN_RESET_INTERVAL_NANOS)
            {
                // each reset empties the session's store and forces it to disk on this I/O thread
                logoutAndClose(c, "Logon with ResetSeqNumFlag=Y more than once a second");
                return;
            }
            lastInSessionResetNanos = now;
            resendRequestedUpTo = 0;
            onLogon(d, c); // a reset inside the session, as QuickFIX/J takes it: both sides start again at 1
            return;
        }
        final boolean gapFill = d.charValue(123) == 'Y';
        if ("4".equals(msgType) && !gapFill)
        {
            sequenceReset(d, seq, msgType);
            c.flush();
            return;
        }
        if (seq > nextTargetSeq)
        {
            if ("5".equals(msgType))
            {
                logoutAndClose(c, null);
                return;
            }
            answerEarly(d, (int)seq, msgType, c);
            requestResend(seq);
            c.flush();
            return;
        }
        if (seq < nextTargetSeq)
        {
            if (d.charValue(43) != 'Y')
            {
                logout(c, "MsgSeqNum too low, expecting " + nextTargetSeq + " but received " + seq);
            }
            return;
        }
        nextTargetSeq(nextTargetSeq + 1);
        if (resendRequestedUpTo != 0 && nextTargetSeq > resendRequestedUpTo)
        {
            resendRequestedUpTo = 0;
        }
        dispatch(d, (int)seq, msgType, c);
    }

    /**
     * A ResendRequest or TestRequest that arrived ahead of the expected number is answered at once, before the gap is
     * asked for (as QuickFIX/J does): the counterparty gap-fills its admin messages rather than sending them again,
     * so waiting for the gap would leave it unanswered, and a counterparty waiting for its resend would wait for ever.
     */
    private void answerEarly(final FixDecoder d, final int seq, final String msgType, final NativeConnection c)
    {
        if (d.emptyTag() != 0)
        {
            return; // rejected when it comes again in order
        }
        if ("2".equals(msgType))
        {
            resend(d, seq, msgType, c);
        }
        else if ("1".equals(msgType))
        {
            testRequest(d, seq, msgType);
        }
    }

    /**
     * Counts a message not otherwise taken in (rejected at the session level, or the Logout answering ours) when it
     * carries the number expected, as QuickFIX/J does.
     */
    private void countIfExpected(final long seq)
    {
        if (seq == nextTargetSeq)
        {
            nextTargetSeq(nextTargetSeq + 1);
        }
    }

    private void dispatch(final FixDecoder d, final int seq, final String msgType, final NativeConnection c)
    {
        if (d.emptyTag() != 0)
        {
            rejectEmptyValue(d, seq, msgType, c);
            return;
        }
        switch (msgType)
        {
            case "0", "3", "A" ->
            {
            }
            case "1" -> testRequest(d, seq, msgType);
            case "2" -> resend(d, seq, msgType, c);
            case "4" -> sequenceReset(d, seq, msgType);
            case "5" ->
            {
                logoutAndClose(c, null);
                return;
            }
            case "D", "F", "G" -> c.loop().handlers().orders().onOrder(session, d, seq, msgType);
            case "V" -> c.loop().handlers().marketData().onRequest(session, d, seq);
            default ->
            {
                if (msgType.length() > FixIds.MAX_ECHOED_MSG_TYPE)
                {
                    reject(seq, 35, null, SessionRejectReason.INVALID_MSGTYPE, "Invalid MsgType");
                }
                else
                {
                    c.loop().handlers().orders().businessReject(session, seq, msgType, null,
                        BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE, "Unsupported Message Type");
                }
            }
        }
        c.flush();
    }

    /** A session Reject, reason 4, of a message with a tag without a value ({@link FixDecoder#emptyTag}). */
    private void rejectEmptyValue(final FixDecoder d, final long seq, final String msgType, final NativeConnection c)
    {
        reject(seq, d.emptyTag(), msgType, SessionRejectReason.TAG_SPECIFIED_WITHOUT_A_VALUE,
            "Tag specified without a value");
        c.flush();
    }

    /** MsgType(35) of {@code d}: a shared constant for the usual ones. */
    static String msgType(final FixDecoder d)
    {
        final int start = d.valueStart(2);
        final int length = d.valueEnd(2) - start;
        if (length == 1)
        {
            return switch (d.buffer()[start])
            {
                case '0' -> "0";
                case '1' -> "1";
                case '2' -> "2";
                case '3' -> "3";
                case '4' -> "4";
                case '5' -> "5";
                case 'A' -> "A";
                case 'D' -> "D";
                case 'F' -> "F";
                case 'G' -> "G";
                case 'V' -> "V";
                default -> d.string(35);
            };
        }
        return d.string(35);
    }

    private boolean sendingTimeAccurate(final FixDecoder d)
    {
        final long sent = d.timestampNanos(52);
        if (sent == UtcTimestamps.INVALID)
        {
            return false;
        }
        if (!settings.checkLatency())
        {
            return true;
        }
        final long now = System.currentTimeMillis() * 1_000_000L;
        return Math.abs(now - sent) <= MAX_LATENCY_NANOS;
    }

    private void testRequest(final FixDecoder d, final int seq, final String msgType)
    {
        final int i = d.indexOf(112);
        if (i < 0)
        {
            reject(seq, 112, msgType, SessionRejectReason.REQUIRED_TAG_MISSING, "Required tag missing");
            return;
        }
        synchronized (session)
        {
            session.beginAdmin("0").field(112, d.buffer(), d.valueStart(i), d.valueEnd(i) - d.valueStart(i));
            session.finishAdmin();
        }
    }

    private void sequenceReset(final FixDecoder d, final long seq, final String msgType)
    {
        final long newSeqNo = d.longValueOf(36);
        if (newSeqNo < 1)
        {
            reject(seq, 36, msgType, SessionRejectReason.REQUIRED_TAG_MISSING, "Required tag missing");
            return;
        }
        if (newSeqNo < nextTargetSeq || newSeqNo >= Integer.MAX_VALUE)
        {
            reject(seq, 36, msgType, SessionRejectReason.VALUE_IS_INCORRECT,
                "Value is incorrect (out of range) for this tag");
            return;
        }
        nextTargetSeq((int)newSeqNo);
        if (resendRequestedUpTo != 0 && nextTargetSeq > resendRequestedUpTo)
        {
            resendRequestedUpTo = 0;
        }
    }

    /** Asks for what is missing before {@code received}, once per gap. */
    private void requestResend(final long received)
    {
        if (resendRequestedUpTo != 0)
        {
            return;
        }
        resendRequestedUpTo = received;
        synchronized (session)
        {
            session.beginAdmin("2").field(7, nextTargetSeq).field(16, 0);
            session.finishAdmin();
        }
    }

    // ---------------------------------------------------------------- resend

    /**
     * Answers a ResendRequest: {@link NativeResend}, from the session's stored messages, a chunk at a time; a session
     * Reject when its {@link ResendPace} does not take it.
     */
    private void resend(final FixDecoder d, final int seq, final String msgType, final NativeConnection c)
    {
        final long begin = d.longValueOf(7);
        final long end = d.longValueOf(16);
        if (begin < 1 || end < 0)
        {
            reject(seq, begin < 1 ? 7 : 16, msgType, SessionRejectReason.VALUE_IS_INCORRECT,
                "Value is incorrect (out of range) for this tag");
            return;
        }
        if (!resend.pace.take(begin, end, System.nanoTime()))
        {
            reject(seq, 7, msgType, SessionRejectReason.VALUE_IS_INCORRECT, ResendPace.REFUSAL);
            return;
        }
        final long last;
        synchronized (session)
        {
            last = session.nextSenderSeq() - 1L;
        }
        resend.start(c, begin, end == 0 || end > last ? last : end);
    }

    // ---------------------------------------------------------------- timers and ends

    /** The I/O thread reads the connection again after a pause: the client is not judged silent for it. */
    void readResumed()
    {
        lastReceivedNanos = System.nanoTime();
        testRequestSent = false;
    }

    /**
     * Every tick on the I/O thread: Heartbeat after HeartBtInt of silence, TestRequest, then disconnect. While the
     * connection's reading is held back ({@link ReadThrottle}: its session's share, or the sending thread's backlog)
     * the client is not judged silent, however long the hold lasts: what it sent waits unread.
     */
    void onTimer(final long nowNanos, final NativeConnection c)
    {
        if (!loggedOn || heartBtIntNanos == 0)
        {
            return;
        }
        if (c.readPaused())
        {
            lastReceivedNanos = nowNanos;
            testRequestSent = false;
        }
        if (nowNanos - lastReceivedNanos >= heartBtIntNanos * 12 / 5)
        {
            settings.log().log(() -> "closing the session of " + session.participant.id() +
                ": no message within the heartbeat interval and the TestRequest");
            c.close();
            return;
        }
        if (nowNanos - lastReceivedNanos >= heartBtIntNanos * 3 / 2 && !testRequestSent)
        {
            testRequestSent = true;
            synchronized (session)
            {
                session.beginAdmin("1").field(112, "TEST");
                session.finishAdmin();
            }
            c.flush();
        }
        else if (nowNanos - session.lastSentNanos() >= heartBtIntNanos)
        {
            synchronized (session)
            {
                session.beginAdmin("0");
                session.finishAdmin();
            }
            c.flush();
        }
    }

    /**
     * A Logout of the server's own in the session (with {@code text} when not null): the connection is closed at the
     * client's answering Logout, which is counted when it carries the number expected, or
     * {@link GatewayOptions#logoutTimeoutMillis} after this.
     */
    void logout(final NativeConnection c, final String text)
    {
        sendLogout(text);
        c.awaitLogoutAnswer();
    }

    /**
     * A Logout (with {@code text} when not null), then the connection is closed once it is written: the answer to
     * the client's Logout, or the refusal of its Logon.
     */
    void logoutAndClose(final NativeConnection c, final String text)
    {
        sendLogout(text);
        c.closeAfterFlush();
    }

    private void sendLogout(final String text)
    {
        synchronized (session)
        {
            session.beginAdmin("5");
            if (text != null)
            {
                session.encoder().field(58, text);
            }
            session.finishAdmin();
            loggedOn = false; // under the lock: no report goes out after the Logout
            resend.cancel(); // nor a resent message
        }
    }

    /** A session Reject; {@code refMsgType} is echoed when not null and not longer than FixIds.MAX_ECHOED_MSG_TYPE. */
    void reject(final long refSeq, final int refTag, final String refMsgType, final int reason, final String text)
    {
        synchronized (session)
        {
            session.beginAdmin("3").field(45, Math.max(refSeq, 0));
            if (refTag > 0)
            {
                session.encoder().field(371, refTag);
            }
            if (refMsgType != null && refMsgType.length() <= FixIds.MAX_ECHOED_MSG_TYPE)
            {
                session.encoder().field(372, refMsgType);
            }
            session.encoder().field(373, reason).field(58, text);
            session.finishAdmin();
        }
    }
}
