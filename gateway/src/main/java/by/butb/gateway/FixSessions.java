package by.butb.gateway;

import quickfix.Message;
import quickfix.SessionID;

/**
 * The seam between the gateway's sending thread ({@link Outbound}) and a FIX engine's sessions: QuickFIX/J's
 * ({@link QfjSessions}) or the gateway's own ({@link NativeSessions}). A session is addressed by its QuickFIX/J
 * {@link SessionID} (FIX.4.4, the exchange's CompID, the participant's) with either engine.
 * Implementations are thread-safe; {@link #beginBatch} and {@link #endBatch} are called on the sending thread only.
 */
interface FixSessions
{
    /** Whether the session exists (it logged on at least once since the server started, or has a stored state). */
    boolean exists(SessionID id);

    boolean loggedOn(SessionID id);

    /**
     * Whether a connection is bound to the session (logged on, or on its way in or out); a new logon for the session
     * is refused while one is.
     */
    boolean connected(SessionID id);

    /**
     * Sends {@code message} on the session with its next sequence number; while it is logged out the message is
     * stored for a resend at its next logon. False when there is no such session.
     */
    boolean send(SessionID id, Message message);

    /** As {@link #send}, for a market-data message (W, X or Y). */
    boolean sendMarketData(SessionID id, MarketDataMessage message);

    /** As {@link #send}, for a report that is valid only during this call (on the sending thread). */
    boolean sendReport(SessionID id, OrderReport report);

    /**
     * Bytes sent to the session that its connection's socket has not taken yet (0 without a connection): what the
     * gateway holds for a reader that is behind. Any thread.
     */
    long unwrittenBytes(SessionID id);

    /**
     * About the bytes of the messages sent to the session that are still queued to be encoded (by an I/O thread of
     * the native engine's); 0 when messages are encoded as they are sent. Any thread.
     */
    default long queuedBytes(final SessionID id)
    {
        return 0;
    }

    /**
     * The session's next outgoing and next expected incoming sequence numbers, or null when there is no such
     * session (for tests and diagnostics).
     */
    int[] sequenceNumbers(SessionID id);

    /** From now on, until {@link #endBatch}, this thread's sends to a session may be held and written together. */
    void beginBatch();

    /** Writes what this thread's sends since {@link #beginBatch} held, one write per session. */
    void endBatch();
}
