package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Participant;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import by.butb.engine.pipeline.EnginePipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.UnsupportedMessageType;
import quickfix.field.BusinessRejectReason;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.AvgPx;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LeavesQty;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MDUpdateType;
import quickfix.field.MarketDepth;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.NoMDEntryTypes;
import quickfix.field.NoPartyIDs;
import quickfix.field.NoRelatedSym;
import quickfix.field.OnBehalfOfCompID;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PartyID;
import quickfix.field.PartyRole;
import quickfix.field.Price;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;
import quickfix.fix44.BusinessMessageReject;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.MarketDataRequestReject;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Translates FIX 4.4 application messages into engine commands (on the QuickFIX/J session threads). Answers that
 * need the engine come back through {@link EngineBridge}; what the gateway can decide alone (a field it does not
 * support, a ClOrdID already in use, a cancel of an unknown ClOrdID, a bad market-data request) it answers at once.
 * Logon authentication happens before QuickFIX/J sees the Logon: see {@link GatewayAcceptor}.
 */
final class FixApplication implements Application
{
    /** Tags of NewOrderSingle/OrderCancelReplaceRequest that ask for something this exchange does not do. */
    private static final int[] UNSUPPORTED_ORDER_TAGS = {
        99,   // StopPx
        110,  // MinQty
        111,  // MaxFloor
        126,  // ExpireTime
        432,  // ExpireDate
        18,   // ExecInst
        1138, // DisplayQty
        210,  // MaxShow
        211,  // PegOffsetValue
        388,  // DiscretionInst
    };
    private static final Logger LOG = LoggerFactory.getLogger(FixApplication.class);

    private final Catalog catalog;
    private final EnginePipeline pipeline;
    private final EngineBridge bridge;
    private final ClOrdIdTable clOrdIds;
    private final Outbound outbound;
    private final LongSupplier clockNanos;
    private final AtomicLong nextUserRef;
    private final AtomicLong rejectIds = new AtomicLong();

    FixApplication(final Catalog catalog, final EnginePipeline pipeline, final EngineBridge bridge,
        final ClOrdIdTable clOrdIds, final Outbound outbound, final LongSupplier clockNanos)
    {
        this.catalog = catalog;
        this.pipeline = pipeline;
        this.bridge = bridge;
        this.clOrdIds = clOrdIds;
        this.outbound = outbound;
        this.clockNanos = clockNanos;
        // user refs only need to be unique among commands in flight; start from the clock so that refs of a
        // previous run (seen again during recovery) do not match.
        this.nextUserRef = new AtomicLong(clockNanos.getAsLong());
    }

    static long systemClockNanos()
    {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
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
        try
        {
            switch (msgType)
            {
                case MsgType.ORDER_SINGLE -> newOrder(message, sessionId, submitter);
                case MsgType.ORDER_CANCEL_REQUEST -> cancel(message, sessionId, submitter, false);
                case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> cancel(message, sessionId, submitter, true);
                case MsgType.MARKET_DATA_REQUEST -> marketData(message, sessionId);
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
        checkUnsupportedTags(m, clOrdId);
        final String symbol = required(m, Symbol.FIELD, "Symbol", clOrdId);
        final char fixSide = m.getChar(quickfix.field.Side.FIELD);
        final Side side = side(fixSide, clOrdId);
        final char fixOrdType = m.getChar(OrdType.FIELD);
        final OrderType orderType = switch (fixOrdType)
        {
            case OrdType.LIMIT -> OrderType.LIMIT;
            case OrdType.MARKET -> OrderType.MARKET;
            default -> throw new Unsupported("OrdType(40)=" + fixOrdType + " is not supported: use 1 (market) or 2 (limit)",
                clOrdId);
        };
        final TimeInForce tif = timeInForce(m, clOrdId);
        final String qtyText = required(m, OrderQty.FIELD, "OrderQty", clOrdId);
        final String priceText = m.isSetField(Price.FIELD) ? m.getString(Price.FIELD) : null;
        if (orderType == OrderType.LIMIT && priceText == null)
        {
            throw new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
                "Price(44) is required for a limit order", clOrdId);
        }

        final Request r = new Request(Request.Kind.NEW, sid, nextUserRef.incrementAndGet(), clOrdId, null, symbol,
            null, fixSide);
        r.type = CommandType.NEW_ORDER;
        r.timeNanos = clockNanos.getAsLong();
        r.submitter = submitter.index();
        r.onBehalfOf = onBehalfOf(m, submitter);
        r.side = side;
        r.orderType = orderType;
        r.timeInForce = tif;
        final Instrument instrument = catalog.instrument(symbol);
        if (instrument != null)
        {
            r.instrument = instrument.index();
            r.quantity = quantity(qtyText, instrument, r);
            if (orderType == OrderType.LIMIT)
            {
                r.price = price(priceText, instrument, r);
            }
        }
        if (actsFor(submitter, r.onBehalfOf))
        {
            final int owner = r.owner();
            final long id = clOrdIds.allocate(owner, clOrdId);
            if (id == 0)
            {
                rejectNewOrder(sid, r, ResultCode.DUPLICATE_ORDER_ID, "501 ClOrdID " + clOrdId +
                    " is already used by a live order", qtyText);
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
        submit(r);
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
            nextUserRef.incrementAndGet(), clOrdId, origClOrdId, symbol, orderIdText, fixSide);
        r.type = replace ? CommandType.REPLACE : CommandType.CANCEL;
        r.timeNanos = clockNanos.getAsLong();
        r.submitter = submitter.index();
        r.onBehalfOf = onBehalfOf(m, submitter);
        r.exchangeOrderId = parseOrderId(orderIdText);
        String qtyText = null;
        if (replace)
        {
            checkUnsupportedTags(m, clOrdId);
            final char fixOrdType = m.getChar(OrdType.FIELD);
            if (fixOrdType != OrdType.LIMIT)
            {
                throw new Unsupported("OrdType(40)=" + fixOrdType + " cannot be replaced: only limit orders rest",
                    clOrdId);
            }
            if (!timeInForce(m, clOrdId).rests())
            {
                throw new Unsupported("TimeInForce(59) of a resting order cannot change to IOC or FOK", clOrdId);
            }
            final String priceText = required(m, Price.FIELD, "Price", clOrdId);
            qtyText = required(m, OrderQty.FIELD, "OrderQty", clOrdId);
            final Instrument instrument = catalog.instrument(symbol);
            if (instrument == null)
            {
                r.invalid(ResultCode.UNKNOWN_INSTRUMENT);
            }
            else
            {
                r.instrument = instrument.index();
                r.quantity = quantity(qtyText, instrument, r);
                r.price = price(priceText, instrument, r);
            }
        }
        final boolean allowed = actsFor(submitter, r.onBehalfOf);
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
        submit(r);
    }

    private void submit(final Request r)
    {
        bridge.requests.put(r.userRef, r);
        try
        {
            pipeline.submit(Request.TRANSLATOR, r);
        }
        catch (final RuntimeException ex)
        {
            bridge.requests.remove(r.userRef);
            if (r.allocatedOwner != Command.NONE)
            {
                clOrdIds.release(r.allocatedOwner, r.clOrdId, r.allocatedId);
            }
            throw ex;
        }
    }

    private void rejectNewOrder(final SessionID sid, final Request r, final ResultCode code, final String text,
        final String qtyText)
    {
        final ExecutionReport er = new ExecutionReport();
        er.setString(OrderID.FIELD, "NONE");
        er.setString(ClOrdID.FIELD, r.clOrdId);
        er.setString(ExecID.FIELD, "R" + rejectIds.incrementAndGet() + "-" + r.userRef);
        er.setChar(ExecType.FIELD, ExecType.REJECTED);
        er.setChar(OrdStatus.FIELD, OrdStatus.REJECTED);
        er.setInt(OrdRejReason.FIELD, FixCodes.ordRejReason(code));
        er.setString(Text.FIELD, text);
        er.setString(Symbol.FIELD, r.symbol);
        er.setChar(quickfix.field.Side.FIELD, r.fixSide);
        er.setString(OrderQty.FIELD, qtyText);
        er.setString(LeavesQty.FIELD, "0");
        er.setString(CumQty.FIELD, "0");
        er.setString(AvgPx.FIELD, "0");
        er.setField(new TransactTime(EngineBridge.time(r.timeNanos)));
        outbound.send(sid, er);
    }

    // ---------------------------------------------------------------- market data

    private void marketData(final Message m, final SessionID sid) throws FieldNotFound
    {
        final String reqId = m.getString(MDReqID.FIELD);
        final char type = m.getChar(SubscriptionRequestType.FIELD);
        if (type == SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST)
        {
            outbound.unsubscribe(sid, reqId);
            return;
        }
        if (type != SubscriptionRequestType.SNAPSHOT && type != SubscriptionRequestType.SNAPSHOT_UPDATES)
        {
            mdReject(sid, reqId, MDReqRejReason.UNSUPPORTED_SUBSCRIPTIONREQUESTTYPE,
                "SubscriptionRequestType(263)=" + type + " is not supported");
            return;
        }
        final int depth = m.getInt(MarketDepth.FIELD);
        if (depth < 0)
        {
            mdReject(sid, reqId, MDReqRejReason.UNSUPPORTED_MARKETDEPTH, "MarketDepth(264) must not be negative");
            return;
        }
        boolean incremental = true;
        if (m.isSetField(MDUpdateType.FIELD))
        {
            final int updateType = m.getInt(MDUpdateType.FIELD);
            if (updateType != MDUpdateType.FULL_REFRESH && updateType != MDUpdateType.INCREMENTAL_REFRESH)
            {
                mdReject(sid, reqId, MDReqRejReason.UNSUPPORTED_MDUPDATETYPE, "MDUpdateType(265)=" + updateType +
                    " is not supported");
                return;
            }
            incremental = updateType == MDUpdateType.INCREMENTAL_REFRESH;
        }
        boolean bids = false;
        boolean offers = false;
        boolean trades = false;
        final int entryTypes = m.isSetField(NoMDEntryTypes.FIELD) ? m.getInt(NoMDEntryTypes.FIELD) : 0;
        for (int i = 1; i <= entryTypes; i++)
        {
            final Group g = m.getGroup(i, NoMDEntryTypes.FIELD);
            final char entryType = g.getChar(quickfix.field.MDEntryType.FIELD);
            switch (entryType)
            {
                case quickfix.field.MDEntryType.BID -> bids = true;
                case quickfix.field.MDEntryType.OFFER -> offers = true;
                case quickfix.field.MDEntryType.TRADE -> trades = true;
                default ->
                {
                    mdReject(sid, reqId, MDReqRejReason.UNSUPPORTED_MDENTRYTYPE, "MDEntryType(269)=" + entryType +
                        " is not supported: use 0 (bid), 1 (offer) or 2 (trade)");
                    return;
                }
            }
        }
        final int symbols = m.isSetField(NoRelatedSym.FIELD) ? m.getInt(NoRelatedSym.FIELD) : 0;
        if (symbols == 0 || entryTypes == 0)
        {
            mdReject(sid, reqId, MDReqRejReason.UNKNOWN_SYMBOL, "the request names no symbol or no entry type");
            return;
        }
        final int[] instruments = new int[symbols];
        for (int i = 1; i <= symbols; i++)
        {
            final Group g = m.getGroup(i, NoRelatedSym.FIELD);
            final String symbol = g.isSetField(Symbol.FIELD) ? g.getString(Symbol.FIELD) : "";
            final Instrument instrument = catalog.instrument(symbol);
            if (instrument == null)
            {
                mdReject(sid, reqId, MDReqRejReason.UNKNOWN_SYMBOL, "unknown symbol '" + symbol + "'");
                return;
            }
            instruments[i - 1] = instrument.index();
        }
        final int levels = depth == 0 ? EngineBridge.BOOK_LEVELS : Math.min(depth, EngineBridge.BOOK_LEVELS);
        outbound.subscribe(new Outbound.Subscription(sid, reqId, instruments, levels, bids, offers, trades,
            incremental, type == SubscriptionRequestType.SNAPSHOT_UPDATES));
    }

    private void mdReject(final SessionID sid, final String reqId, final char reason, final String text)
    {
        final MarketDataRequestReject reject = new MarketDataRequestReject();
        reject.setString(MDReqID.FIELD, reqId);
        reject.setChar(MDReqRejReason.FIELD, reason);
        reject.setString(Text.FIELD, text);
        outbound.send(sid, reject);
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

    private static void checkUnsupportedTags(final Message m, final String clOrdId) throws Unsupported
    {
        for (final int tag : UNSUPPORTED_ORDER_TAGS)
        {
            if (m.isSetField(tag))
            {
                throw new Unsupported("tag " + tag + " is not supported by this exchange", clOrdId);
            }
        }
    }

    private static String required(final Message m, final int tag, final String name, final String clOrdId)
        throws FieldNotFound, Unsupported
    {
        if (!m.isSetField(tag))
        {
            throw new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
                name + "(" + tag + ") is required", clOrdId);
        }
        return m.getString(tag);
    }

    private static Side side(final char fixSide, final String clOrdId) throws Unsupported
    {
        return switch (fixSide)
        {
            case quickfix.field.Side.BUY -> Side.BUY;
            case quickfix.field.Side.SELL -> Side.SELL;
            default -> throw new Unsupported("Side(54)=" + fixSide + " is not supported: use 1 (buy) or 2 (sell)",
                clOrdId);
        };
    }

    private static TimeInForce timeInForce(final Message m, final String clOrdId) throws FieldNotFound, Unsupported
    {
        if (!m.isSetField(quickfix.field.TimeInForce.FIELD))
        {
            return TimeInForce.DAY;
        }
        final char tif = m.getChar(quickfix.field.TimeInForce.FIELD);
        return switch (tif)
        {
            case quickfix.field.TimeInForce.DAY -> TimeInForce.DAY;
            case quickfix.field.TimeInForce.GOOD_TILL_CANCEL -> TimeInForce.GTC;
            case quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL -> TimeInForce.IOC;
            case quickfix.field.TimeInForce.FILL_OR_KILL -> TimeInForce.FOK;
            default -> throw new Unsupported("TimeInForce(59)=" + tif +
                " is not supported: use 0 (DAY), 1 (GTC), 3 (IOC) or 4 (FOK)", clOrdId);
        };
    }

    /**
     * The beneficial owner named by OnBehalfOfCompID(115) or a Parties entry with PartyRole(452)=3 (client id):
     * {@link Command#NONE} for the submitter itself, {@link Command#UNKNOWN} for a name not in the catalog.
     */
    private int onBehalfOf(final Message m, final Participant submitter) throws FieldNotFound
    {
        String client = null;
        if (m.getHeader().isSetField(OnBehalfOfCompID.FIELD))
        {
            client = m.getHeader().getString(OnBehalfOfCompID.FIELD);
        }
        else if (m.isSetField(NoPartyIDs.FIELD))
        {
            final int parties = m.getInt(NoPartyIDs.FIELD);
            for (int i = 1; i <= parties; i++)
            {
                final Group g = m.getGroup(i, NoPartyIDs.FIELD);
                if (g.isSetField(PartyRole.FIELD) && g.getInt(PartyRole.FIELD) == PartyRole.CLIENT_ID &&
                    g.isSetField(PartyID.FIELD))
                {
                    client = g.getString(PartyID.FIELD);
                    break;
                }
            }
        }
        if (client == null || client.equals(submitter.id()))
        {
            return Command.NONE;
        }
        final Participant p = catalog.participant(client);
        return p == null ? Command.UNKNOWN : p.index();
    }

    private static boolean actsFor(final Participant submitter, final int onBehalfOf)
    {
        return onBehalfOf == Command.NONE || onBehalfOf >= 0 && submitter.hasClient(onBehalfOf);
    }

    private static long quantity(final String text, final Instrument instrument, final Request r)
    {
        try
        {
            return FixedPoint.parse(text, instrument.quantityScale());
        }
        catch (final NumberFormatException ex)
        {
            r.invalid(isHuge(text) ? ResultCode.ORDER_VALUE_TOO_LARGE : ResultCode.QUANTITY_NOT_ON_LOT);
            return 0;
        }
    }

    private static long price(final String text, final Instrument instrument, final Request r)
    {
        try
        {
            return FixedPoint.parse(text, instrument.priceScale());
        }
        catch (final NumberFormatException ex)
        {
            if (r.type != CommandType.INVALID)
            {
                r.invalid(isHuge(text) ? ResultCode.PRICE_OUTSIDE_BAND : ResultCode.PRICE_NOT_ON_STEP);
            }
            return 0;
        }
    }

    private static boolean isHuge(final String text)
    {
        try
        {
            return new java.math.BigDecimal(text.trim()).abs().compareTo(java.math.BigDecimal.valueOf(1L << 40)) > 0;
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }

    private static long parseOrderId(final String text)
    {
        if (text == null || text.isEmpty() || text.length() > 18)
        {
            return 0;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) < '0' || text.charAt(i) > '9')
            {
                return 0;
            }
        }
        return Long.parseLong(text);
    }

    /** A field or value this exchange does not support: answered with a BusinessMessageReject. */
    private static final class Unsupported extends Exception
    {
        final int reason;
        final String refId;

        Unsupported(final String message, final String refId)
        {
            this(BusinessRejectReason.OTHER, message, refId);
        }

        Unsupported(final int reason, final String message, final String refId)
        {
            super(message, null, false, false);
            this.reason = reason;
            this.refId = refId;
        }
    }
}
