package by.butb.gateway;

import by.butb.engine.core.CommandType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Participant;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.FieldNotFound;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.UnsupportedMessageType;
import quickfix.field.BusinessRejectReason;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.ClOrdID;
import quickfix.field.ExpireTime;
import quickfix.field.MDReqID;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.fix44.BusinessMessageReject;

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
    private final EngineSubmitter engine;
    private final MechanismTerms mechanisms;
    private final ClOrdIdTable clOrdIds;
    private final Outbound outbound;
    private final int maxSymbolsPerRequest;
    private final MarketDataRequests marketDataRequests;

    /** {@code maxSymbolsPerRequest}: related symbols a MarketDataRequest may name (repeats counted). */
    FixApplication(final Catalog catalog, final EngineSubmitter engine, final ClOrdIdTable clOrdIds,
        final Outbound outbound, final int maxSymbolsPerRequest)
    {
        this.maxSymbolsPerRequest = maxSymbolsPerRequest;
        this.marketDataRequests = new MarketDataRequests(catalog, outbound, maxSymbolsPerRequest);
        this.catalog = catalog;
        this.engine = engine;
        this.mechanisms = new MechanismTerms(clOrdIds);
        this.clOrdIds = clOrdIds;
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
        outbound.sessionGone(sessionId);
    }

    @Override
    public void toAdmin(final Message message, final SessionID sessionId)
    {
    }

    @Override
    public void fromAdmin(final Message message, final SessionID sessionId)
    {
    }

    @Override
    public void toApp(final Message message, final SessionID sessionId)
    {
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
        try
        {
            switch (msgType)
            {
                case MsgType.ORDER_SINGLE -> newOrder(message, sessionId, submitter);
                case MsgType.ORDER_CANCEL_REQUEST -> cancel(message, sessionId, submitter, false);
                case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> cancel(message, sessionId, submitter, true);
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
    }

    // ---------------------------------------------------------------- orders

    private void newOrder(final Message m, final SessionID sid, final Participant submitter)
        throws FieldNotFound, Unsupported
    {
        final String clOrdId = m.getString(ClOrdID.FIELD);
        final char lotAction = m.isSetField(ButbTags.LOT_ACTION) ? m.getChar(ButbTags.LOT_ACTION) : 0;
        OrderFields.checkUnsupportedTags(m, clOrdId, lotAction == ButbTags.LOT_OFFER ? ExpireTime.FIELD : 0);
        MechanismTerms.check(m, clOrdId, lotAction);
        final String symbol = OrderFields.required(m, Symbol.FIELD, "Symbol", clOrdId);
        final char fixSide = m.getChar(quickfix.field.Side.FIELD);
        final Side side = OrderFields.side(fixSide, clOrdId);
        final OrderType orderType = OrderFields.orderType(m.getChar(OrdType.FIELD), clOrdId);
        if (lotAction != 0 && orderType != OrderType.LIMIT)
        {
            throw new Unsupported("OrdType(40) of a lot " + (lotAction == ButbTags.LOT_OFFER ? "offer" : "bid") +
                " must be 2 (limit)", clOrdId);
        }
        final TimeInForce tif = lotAction == 0 ? OrderFields.timeInForce(m, clOrdId) :
            OrderFields.lotTimeInForce(m, clOrdId);
        final String qtyText = lotAction == ButbTags.LOT_BID ?
            (m.isSetField(OrderQty.FIELD) ? m.getString(OrderQty.FIELD) : null) :
            OrderFields.required(m, OrderQty.FIELD, "OrderQty", clOrdId);
        final String priceText = m.isSetField(Price.FIELD) ? m.getString(Price.FIELD) : null;
        if (orderType == OrderType.LIMIT && priceText == null)
        {
            throw OrderFields.missingLimitPrice(clOrdId, lotAction != 0);
        }
        final Parties parties = Parties.of(m, submitter, catalog);

        final Request r = new Request(Request.Kind.NEW, sid, engine.nextUserRef(), clOrdId, null, symbol,
            null, fixSide);
        r.type = lotAction == ButbTags.LOT_OFFER ? CommandType.LOT_OFFER :
            lotAction == ButbTags.LOT_BID ? CommandType.LOT_BID : CommandType.NEW_ORDER;
        r.timeNanos = engine.commandTime(m);
        r.submitter = submitter.index();
        r.onBehalfOf = parties.onBehalfOf();
        r.side = side;
        r.orderType = orderType;
        r.timeInForce = tif;
        final Instrument instrument = catalog.instrument(symbol);
        if (instrument != null)
        {
            r.instrument = instrument.index();
            if (qtyText != null)
            {
                r.quantity = OrderFields.quantity(qtyText, instrument, r);
            }
            if (orderType == OrderType.LIMIT)
            {
                r.price = OrderFields.price(priceText, instrument, r);
            }
        }
        mechanisms.apply(m, lotAction, r, instrument, parties);
        if (Parties.actsFor(submitter, r.onBehalfOf))
        {
            final int owner = r.owner();
            final long id = clOrdIds.allocate(owner, clOrdId);
            if (id == 0)
            {
                outbound.send(sid, GatewayRejects.duplicateClOrdId(r, clOrdId, qtyText));
                return;
            }
            r.clientOrderId = id;
            r.allocatedOwner = owner;
            r.allocatedId = id;
        }
        else
        {
            r.clientOrderId = 1; // the engine rejects the parties first
        }
        engine.submit(r);
    }

    /** Cancel (F) or cancel/replace (G). */
    private void cancel(final Message m, final SessionID sid, final Participant submitter, final boolean replace)
        throws FieldNotFound, Unsupported
    {
        final String clOrdId = m.getString(ClOrdID.FIELD);
        final String origClOrdId = m.getString(OrigClOrdID.FIELD);
        final String symbol = m.isSetField(Symbol.FIELD) ? m.getString(Symbol.FIELD) : "";
        final String orderIdText = m.isSetField(OrderID.FIELD) ? m.getString(OrderID.FIELD) : null;
        final char fixSide = m.getChar(quickfix.field.Side.FIELD);
        final Request r = new Request(replace ? Request.Kind.REPLACE : Request.Kind.CANCEL, sid,
            engine.nextUserRef(), clOrdId, origClOrdId, symbol, orderIdText, fixSide);
        r.type = replace ? CommandType.REPLACE : CommandType.CANCEL;
        r.timeNanos = engine.commandTime(m);
        r.submitter = submitter.index();
        r.onBehalfOf = Parties.of(m, submitter, catalog).onBehalfOf();
        r.exchangeOrderId = OrderFields.parseOrderId(orderIdText);
        String qtyText = null;
        if (replace)
        {
            OrderFields.checkUnsupportedTags(m, clOrdId);
            OrderFields.checkReplaceable(m.getChar(OrdType.FIELD), OrderFields.timeInForce(m, clOrdId), clOrdId);
            final String priceText = OrderFields.required(m, Price.FIELD, "Price", clOrdId);
            qtyText = OrderFields.required(m, OrderQty.FIELD, "OrderQty", clOrdId);
            OrderFields.replaceTerms(r, catalog.instrument(symbol), priceText, qtyText);
        }
        final boolean allowed = Parties.actsFor(submitter, r.onBehalfOf);
        if (allowed)
        {
            r.clientOrderId = clOrdIds.lookup(r.owner(), origClOrdId);
        }
        if (allowed && r.clientOrderId == 0 && r.exchangeOrderId == 0)
        {
            // Unknown to this owner: answered here, exactly as the engine answers an unknown order.
            outbound.send(sid, EngineBridge.cancelReject(r, null, ResultCode.UNKNOWN_ORDER, r.timeNanos));
            return;
        }
        if (replace && allowed && !clOrdId.equals(origClOrdId) && r.type != CommandType.INVALID)
        {
            final long id = clOrdIds.allocate(r.owner(), clOrdId);
            if (id == 0)
            {
                outbound.send(sid, EngineBridge.cancelReject(r, null, ResultCode.DUPLICATE_ORDER_ID, r.timeNanos));
                return;
            }
            r.newClientOrderId = id;
            r.allocatedOwner = r.owner();
            r.allocatedId = id;
        }
        engine.submit(r);
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
