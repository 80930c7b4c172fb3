package by.butb.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.FieldException;
import quickfix.FieldNotFound;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.UnsupportedMessageType;
import quickfix.field.BeginSeqNo;
import quickfix.field.BusinessRejectReason;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.ClOrdID;
import quickfix.field.EndSeqNo;
import quickfix.field.MDReqID;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.PossDupFlag;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.Text;
import quickfix.fix44.BusinessMessageReject;
import quickfix.fix44.ResendRequest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Translates FIX 4.4 application messages into engine commands (on the QuickFIX/J session threads). Answers that
 * need the engine come back through {@link EngineBridge}; what the gateway can decide alone (a field it does not
 * support, a ClOrdID already in use, a cancel of an unknown ClOrdID, a bad market-data request) it answers at once.
 * Logon authentication happens before QuickFIX/J sees the connection: see {@link LogonGate}.
 */
final class FixApplication implements Application
{
    private static final Logger LOG = LoggerFactory.getLogger(FixApplication.class);

    private final Catalog catalog;
    private final OrderEntry orders;
    private final Outbound outbound;
    private final int maxSymbolsPerRequest;
    private final MarketDataRequests marketDataRequests;
    /** Per logged-on session. */
    private final Map<SessionID, ResendPace> resendPaces = new ConcurrentHashMap<>();
    private final long resendIntervalNanos;

    /** Text(58) of the BusinessMessageReject answering a message that met an unexpected error (it is logged). */
    static final String UNEXPECTED_ERROR = "the gateway could not process this message; nothing was done";

    /**
     * {@code maxSymbolsPerRequest}: related symbols a MarketDataRequest may name (repeats counted);
     * {@code resendIntervalNanos}: each session's {@link ResendPace}.
     */
    FixApplication(final Catalog catalog, final EngineSubmitter engine, final ClOrdIdTable clOrdIds,
        final Outbound outbound, final int maxSymbolsPerRequest, final long resendIntervalNanos)
    {
        this.resendIntervalNanos = resendIntervalNanos;
        this.maxSymbolsPerRequest = maxSymbolsPerRequest;
        this.marketDataRequests = new MarketDataRequests(catalog, outbound, maxSymbolsPerRequest);
        this.catalog = catalog;
        this.orders = new OrderEntry(catalog, engine, clOrdIds, outbound);
        this.outbound = outbound;
    }

    // ---------------------------------------------------------------- session callbacks

    @Override
    public void onCreate(final SessionID sessionId)
    {
    }

    @Override
    public void onLogon(final SessionID sessionId)
    {
        LOG.info("logon {}", sessionId.getTargetCompID());
    }

    @Override
    public void onLogout(final SessionID sessionId)
    {
        LOG.info("logout {}", sessionId.getTargetCompID());
        resendPaces.remove(sessionId);
        outbound.sessionGone(sessionId);
    }

    @Override
    public void toAdmin(final Message message, final SessionID sessionId)
    {
        FixIds.dropLongRefMsgType(message);
        noteResent(message, sessionId);
    }

    /**
     * A ResendRequest that the session's {@link ResendPace} does not take gets a session Reject (reason 5, tag 7)
     * instead of its resend (QuickFIX/J calls this before it resends).
     */
    @Override
    public void fromAdmin(final Message message, final SessionID sessionId) throws FieldNotFound, IncorrectTagValue
    {
        if (ResendRequest.MSGTYPE.equals(message.getHeader().getString(MsgType.FIELD)) &&
            !resendPaces.computeIfAbsent(sessionId, s -> new ResendPace(resendIntervalNanos))
                .take(message.getInt(BeginSeqNo.FIELD), message.getInt(EndSeqNo.FIELD), System.nanoTime()))
        {
            throw new IncorrectTagValue(BeginSeqNo.FIELD, message.getString(BeginSeqNo.FIELD), ResendPace.REFUSAL);
        }
    }

    @Override
    public void toApp(final Message message, final SessionID sessionId)
    {
        FixIds.dropLongRefMsgType(message);
        noteResent(message, sessionId);
    }

    /** A message QuickFIX/J resends carries PossDupFlag=Y: the resend pace counts from it. */
    private void noteResent(final Message message, final SessionID sessionId)
    {
        final ResendPace pace = message.getHeader().isSetField(PossDupFlag.FIELD) ? resendPaces.get(sessionId) : null;
        if (pace != null)
        {
            pace.resent(System.nanoTime());
        }
    }

    @Override
    public void fromApp(final Message message, final SessionID sessionId)
        throws FieldNotFound, IncorrectTagValue, UnsupportedMessageType
    {
        final String msgType = message.getHeader().getString(MsgType.FIELD);
        final Participant submitter = catalog.participant(sessionId.getTargetCompID());
        if (submitter == null)
        {
            return; // cannot happen: only participants get past logon
        }
        if (FixIds.rejectBad(message, sessionId, maxSymbolsPerRequest))
        {
            return;
        }
        final OrderMessage order = new QfjOrderMessage(message);
        final String clOrdId = order.string(ClOrdID.FIELD);
        try
        {
            switch (msgType)
            {
                case MsgType.ORDER_SINGLE -> orders.newOrder(order, clOrdId, sessionId, submitter);
                case MsgType.ORDER_CANCEL_REQUEST -> orders.cancel(order, clOrdId, sessionId, submitter, false);
                case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> orders.cancel(order, clOrdId, sessionId, submitter, true);
                case MsgType.MARKET_DATA_REQUEST -> marketDataRequests.handle(message, sessionId);
                default -> throw new UnsupportedMessageType();
            }
        }
        catch (final Unsupported ex)
        {
            businessReject(message, sessionId, ex.reason, ex.getMessage(), ex.refId);
        }
        catch (final IllegalStateException ex)
        {
            LOG.error("engine unavailable", ex);
            businessReject(message, sessionId, BusinessRejectReason.APPLICATION_NOT_AVAILABLE,
                "the exchange cannot process orders now", refId(message));
        }
        catch (final FieldException ex)
        {
            throw ex; // QuickFIX/J's own: it answers with a session Reject naming the field
        }
        catch (final RuntimeException ex)
        {
            // A bug met by one message: answered, so that QuickFIX/J counts it and the session goes on.
            LOG.error("unexpected error on a {} from {}", msgType, sessionId.getTargetCompID(), ex);
            businessReject(message, sessionId, BusinessRejectReason.OTHER, UNEXPECTED_ERROR, refId(message));
        }
    }

    // ---------------------------------------------------------------- field helpers

    private void businessReject(final Message m, final SessionID sid, final int reason, final String text,
        final String refId)
    {
        final BusinessMessageReject reject = new BusinessMessageReject();
        try
        {
            reject.setInt(RefSeqNum.FIELD, m.getHeader().getInt(MsgSeqNum.FIELD));
            reject.setString(RefMsgType.FIELD, m.getHeader().getString(MsgType.FIELD));
        }
        catch (final FieldNotFound ex)
        {
            reject.setString(RefMsgType.FIELD, "?");
        }
        if (refId != null)
        {
            reject.setString(BusinessRejectRefID.FIELD, refId);
        }
        reject.setInt(BusinessRejectReason.FIELD, reason);
        reject.setString(Text.FIELD, text);
        final Session session = Session.lookupSession(sid);
        if (session != null)
        {
            session.send(reject);
        }
    }

    private static String refId(final Message m)
    {
        try
        {
            return m.isSetField(ClOrdID.FIELD) ? m.getString(ClOrdID.FIELD) :
                m.isSetField(MDReqID.FIELD) ? m.getString(MDReqID.FIELD) : null;
        }
        catch (final FieldNotFound ex)
        {
            return null;
        }
    }
}
