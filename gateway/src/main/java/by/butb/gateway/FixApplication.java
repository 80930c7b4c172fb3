package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Participant;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import by.butb.engine.pipeline.CommandTranslator;
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
import quickfix.field.ExpireTime;
import quickfix.field.LeavesQty;
import quickfix.field.MDReqID;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.NoPartyIDs;
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
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;
import quickfix.fix44.BusinessMessageReject;
import quickfix.fix44.ExecutionReport;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

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
    private final EnginePipeline pipeline;
    private final EngineBridge bridge;
    private final ClOrdIdTable clOrdIds;
    private final Outbound outbound;
    private final LongSupplier clockNanos;
    private final int maxSymbolsPerRequest;
    private final MarketDataRequests marketDataRequests;
    /** Client time mode: engine time from TransactTime(60), never decreasing (see {@link #submit}). */
    private final boolean clientTime;
    private final Object clockLock = new Object();
    /** Time of the last command submitted in client time mode; guarded by {@link #clockLock}. */
    private long lastTimeNanos;
    private final AtomicLong nextUserRef;
    private final AtomicLong rejectIds = new AtomicLong();

    /** {@code maxSymbolsPerRequest}: related symbols a MarketDataRequest may name (repeats counted). */
    FixApplication(final Catalog catalog, final EnginePipeline pipeline, final EngineBridge bridge,
        final ClOrdIdTable clOrdIds, final Outbound outbound, final LongSupplier clockNanos,
        final boolean clientTime, final int maxSymbolsPerRequest)
    {
        this.maxSymbolsPerRequest = maxSymbolsPerRequest;
        this.marketDataRequests = new MarketDataRequests(catalog, outbound, maxSymbolsPerRequest);
        this.clientTime = clientTime;
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
        checkMechanismTags(m, clOrdId, lotAction);
        final String symbol = OrderFields.required(m, Symbol.FIELD, "Symbol", clOrdId);
        final char fixSide = m.getChar(quickfix.field.Side.FIELD);
        final Side side = OrderFields.side(fixSide, clOrdId);
        final char fixOrdType = m.getChar(OrdType.FIELD);
        final OrderType orderType = switch (fixOrdType)
        {
            case OrdType.LIMIT -> OrderType.LIMIT;
            case OrdType.MARKET -> OrderType.MARKET;
            default -> throw new Unsupported(
                "OrdType(40)=" + fixOrdType + " is not supported: use 1 (market) or 2 (limit)", clOrdId);
        };
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
            throw new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
                "Price(44) is required for a limit order" + (lotAction == 0 ? "" : ", a lot offer and a lot bid"),
                clOrdId);
        }
        final Parties parties = parties(m, submitter);

        final Request r = new Request(Request.Kind.NEW, sid, nextUserRef.incrementAndGet(), clOrdId, null, symbol,
            null, fixSide);
        r.type = lotAction == ButbTags.LOT_OFFER ? CommandType.LOT_OFFER :
            lotAction == ButbTags.LOT_BID ? CommandType.LOT_BID : CommandType.NEW_ORDER;
        r.timeNanos = commandTime(m);
        r.submitter = submitter.index();
        r.onBehalfOf = parties.onBehalfOf;
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
        switch (lotAction)
        {
            case ButbTags.LOT_OFFER -> lotOffer(m, r, instrument, parties);
            case ButbTags.LOT_BID -> lotBid(m, r, instrument, parties);
            default -> addressTerms(m, r, parties);
        }
        if (actsFor(submitter, r.onBehalfOf))
        {
            final int owner = r.owner();
            final long id = clOrdIds.allocate(owner, clOrdId);
            if (id == 0)
            {
                rejectNewOrder(sid, r, ResultCode.DUPLICATE_ORDER_ID, "501 ClOrdID " + clOrdId +
                    " is already used by a live order", qtyText == null ? "0" : qtyText);
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

    /**
     * Tags 9001, 9002 and 9011 only where they mean something: BidStep on a lot offer, ContraOrderID on a lot bid,
     * ContraClOrdID on an address take or a lot bid.
     */
    private static void checkMechanismTags(final Message m, final String clOrdId, final char lotAction)
        throws Unsupported
    {
        if (lotAction == ButbTags.LOT_OFFER)
        {
            rejectIfSet(m, ButbTags.CONTRA_CL_ORD_ID, "ContraClOrdID(9001) does not belong on a lot offer", clOrdId);
            rejectIfSet(m, ButbTags.CONTRA_ORDER_ID, "ContraOrderID(9002) does not belong on a lot offer", clOrdId);
            if (!m.isSetField(ButbTags.BID_STEP))
            {
                throw new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
                    "BidStep(9011) is required on a lot offer (LotAction(9010)=O)", clOrdId);
            }
            if (!m.isSetField(ExpireTime.FIELD))
            {
                throw new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
                    "ExpireTime(126) is required on a lot offer (LotAction(9010)=O): when the auction closes", clOrdId);
            }
            return;
        }
        rejectIfSet(m, ButbTags.BID_STEP, "BidStep(9011) belongs only on a lot offer (LotAction(9010)=O)", clOrdId);
        if (lotAction != ButbTags.LOT_BID)
        {
            rejectIfSet(m, ButbTags.CONTRA_ORDER_ID,
                "ContraOrderID(9002) belongs only on a lot bid (LotAction(9010)=B)", clOrdId);
        }
    }

    private static void rejectIfSet(final Message m, final int tag, final String text, final String clOrdId)
        throws Unsupported
    {
        if (m.isSetField(tag))
        {
            throw new Unsupported(text, clOrdId);
        }
    }

    /** A plain order, or an address order (contra firm), or the take of one (contra firm and ContraClOrdID). */
    private void addressTerms(final Message m, final Request r, final Parties parties)
        throws FieldNotFound, Unsupported
    {
        final String contraClOrdId = m.isSetField(ButbTags.CONTRA_CL_ORD_ID) ?
            m.getString(ButbTags.CONTRA_CL_ORD_ID) : null;
        if (parties.contraFirm == null)
        {
            if (contraClOrdId != null)
            {
                throw new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
                    "ContraClOrdID(9001) needs a Parties entry with PartyRole(452)=17 naming the counterparty",
                    r.clOrdId);
            }
            return;
        }
        r.counterparty = parties.counterparty;
        if (contraClOrdId != null)
        {
            r.counterpartyOrderId = counterpartyOrderId(parties.counterparty, contraClOrdId);
        }
    }

    /**
     * The engine id of the counterparty's live order with this ClOrdID, or an id the engine knows no order by
     * (so that it answers with its own reject for an unknown counterparty order).
     */
    private long counterpartyOrderId(final int counterparty, final String contraClOrdId)
    {
        final long id = counterparty >= 0 ? clOrdIds.lookup(counterparty, contraClOrdId) : 0;
        return id == 0 ? MatchingEngine.MAX_CLIENT_ORDER_ID : id;
    }

    private void lotOffer(final Message m, final Request r, final Instrument instrument, final Parties parties)
        throws FieldNotFound, Unsupported
    {
        if (parties.contraFirm != null)
        {
            throw new Unsupported("a lot offer is open to every participant: it takes no PartyRole(452)=17 party",
                r.clOrdId);
        }
        r.closeTimeNanos = epochNanos(m.getUtcTimeStamp(ExpireTime.FIELD));
        if (instrument != null)
        {
            try
            {
                r.bidStep = FixedPoint.parse(m.getString(ButbTags.BID_STEP), instrument.priceScale());
            }
            catch (final NumberFormatException ex)
            {
                if (r.type != CommandType.INVALID)
                {
                    r.invalid(ResultCode.INVALID_LOT);
                }
            }
        }
    }

    /**
     * A bid names its lot by ContraOrderID(9002), or by the owner (contra firm party) and ContraClOrdID(9001). Its
     * Symbol and Side, and its OrderQty when sent, go to the engine, which checks them against the lot (a bid buys
     * a seller's lot, sells into a buyer's, for the whole lot: LOT_TERMS_MISMATCH otherwise).
     */
    private void lotBid(final Message m, final Request r, final Instrument instrument, final Parties parties)
        throws FieldNotFound, Unsupported
    {
        if (instrument == null)
        {
            throw new Unsupported("Symbol(55)=" + r.symbol + " is not an instrument of the exchange", r.clOrdId);
        }
        if (m.isSetField(ButbTags.CONTRA_ORDER_ID))
        {
            r.exchangeOrderId = OrderFields.parseOrderId(m.getString(ButbTags.CONTRA_ORDER_ID));
        }
        else if (parties.contraFirm != null && m.isSetField(ButbTags.CONTRA_CL_ORD_ID))
        {
            r.counterparty = parties.counterparty;
            r.counterpartyOrderId = counterpartyOrderId(parties.counterparty, m.getString(ButbTags.CONTRA_CL_ORD_ID));
        }
        else
        {
            throw new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
                "a lot bid names its lot by ContraOrderID(9002), or by a Parties entry with PartyRole(452)=17 " +
                "and ContraClOrdID(9001)", r.clOrdId);
        }
    }


    /**
     * The engine time of an order message: the receive time, or in client time mode its TransactTime(60), raised
     * in {@link #submit} to the previous command's time when earlier.
     */
    private long commandTime(final Message m) throws FieldNotFound
    {
        return clientTime ? epochNanos(m.getUtcTimeStamp(TransactTime.FIELD)) : clockNanos.getAsLong();
    }

    static long epochNanos(final LocalDateTime utc)
    {
        return utc.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + utc.getNano();
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
        r.timeNanos = commandTime(m);
        r.submitter = submitter.index();
        r.onBehalfOf = parties(m, submitter).onBehalfOf;
        r.exchangeOrderId = OrderFields.parseOrderId(orderIdText);
        String qtyText = null;
        if (replace)
        {
            OrderFields.checkUnsupportedTags(m, clOrdId);
            final char fixOrdType = m.getChar(OrdType.FIELD);
            if (fixOrdType != OrdType.LIMIT)
            {
                throw new Unsupported("OrdType(40)=" + fixOrdType + " cannot be replaced: only limit orders rest",
                    clOrdId);
            }
            if (!OrderFields.timeInForce(m, clOrdId).rests())
            {
                throw new Unsupported("TimeInForce(59) of a resting order cannot change to IOC or FOK", clOrdId);
            }
            final String priceText = OrderFields.required(m, Price.FIELD, "Price", clOrdId);
            qtyText = OrderFields.required(m, OrderQty.FIELD, "OrderQty", clOrdId);
            final Instrument instrument = catalog.instrument(symbol);
            if (instrument == null)
            {
                r.invalid(ResultCode.UNKNOWN_INSTRUMENT);
            }
            else
            {
                r.instrument = instrument.index();
                r.quantity = OrderFields.quantity(qtyText, instrument, r);
                r.price = OrderFields.price(priceText, instrument, r);
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
            if (clientTime)
            {
                // Stamping and publishing under one lock keeps engine time non-decreasing in ring order.
                synchronized (clockLock)
                {
                    r.timeNanos = Math.max(r.timeNanos, lastTimeNanos);
                    lastTimeNanos = r.timeNanos;
                    pipeline.submit(Request.TRANSLATOR, r);
                }
            }
            else
            {
                pipeline.submit(Request.TRANSLATOR, r);
            }
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

    /**
     * Submits a CLOCK command for {@code epochNanos} (in client time mode raised to the previous command's time
     * when earlier). Does not wait: see {@link GatewayServer#advanceClock}.
     */
    void submitClock(final long epochNanos)
    {
        if (clientTime)
        {
            synchronized (clockLock)
            {
                lastTimeNanos = Math.max(epochNanos, lastTimeNanos);
                pipeline.submit(CLOCK, lastTimeNanos);
            }
        }
        else
        {
            pipeline.submit(CLOCK, epochNanos);
        }
    }

    private static final CommandTranslator<Long> CLOCK = (command, time) -> command.clock(time);

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






    /**
     * The parties of an order message. {@code onBehalfOf}: the beneficial owner named by OnBehalfOfCompID(115) or
     * a Parties entry with PartyRole(452)=3 (client id): {@link Command#NONE} for the submitter itself,
     * {@link Command#UNKNOWN} for a name not in the catalog. {@code contraFirm}: the PartyID of a PartyRole(452)=17
     * entry (null when none), {@code counterparty} its participant index ({@link Command#UNKNOWN} when not in the
     * catalog).
     */
    private record Parties(int onBehalfOf, String contraFirm, int counterparty)
    {
    }

    private Parties parties(final Message m, final Participant submitter) throws FieldNotFound
    {
        String client = null;
        String contraFirm = null;
        if (m.getHeader().isSetField(OnBehalfOfCompID.FIELD))
        {
            client = m.getHeader().getString(OnBehalfOfCompID.FIELD);
        }
        final int parties = m.isSetField(NoPartyIDs.FIELD) ? m.getInt(NoPartyIDs.FIELD) : 0;
        for (int i = 1; i <= parties; i++)
        {
            final Group g = m.getGroup(i, NoPartyIDs.FIELD);
            if (!g.isSetField(PartyRole.FIELD) || !g.isSetField(PartyID.FIELD))
            {
                continue;
            }
            final int role = g.getInt(PartyRole.FIELD);
            if (role == PartyRole.CLIENT_ID && client == null)
            {
                client = g.getString(PartyID.FIELD);
            }
            else if (role == ButbTags.CONTRA_FIRM_ROLE && contraFirm == null)
            {
                contraFirm = g.getString(PartyID.FIELD);
            }
        }
        final int onBehalfOf;
        if (client == null || client.equals(submitter.id()))
        {
            onBehalfOf = Command.NONE;
        }
        else
        {
            final Participant p = catalog.participant(client);
            onBehalfOf = p == null ? Command.UNKNOWN : p.index();
        }
        int counterparty = Command.NONE;
        if (contraFirm != null)
        {
            final Participant p = catalog.participant(contraFirm);
            counterparty = p == null ? Command.UNKNOWN : p.index();
        }
        return new Parties(onBehalfOf, contraFirm, counterparty);
    }

    private static boolean actsFor(final Participant submitter, final int onBehalfOf)
    {
        return onBehalfOf == Command.NONE || onBehalfOf >= 0 && submitter.hasClient(onBehalfOf);
    }





}
