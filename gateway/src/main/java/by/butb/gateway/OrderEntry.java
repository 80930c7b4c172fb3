package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Participant;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import quickfix.SessionID;
import quickfix.field.ExpireTime;

/**
 * The order messages of either FIX engine ({@link OrderMessage}), once past the session-level checks, into engine
 * commands: NewOrderSingle (plain, for a broker's client, address deals, lots) and OrderCancelRequest /
 * OrderCancelReplaceRequest, with the rules of {@link OrderFields}, {@link Parties}, {@link MechanismTerms} and
 * {@link ClOrdIdTable}. What the gateway decides alone (a duplicate ClOrdID, a cancel of an unknown order) is
 * answered through {@link Outbound}; a field it does not support throws {@link Unsupported}. A plain order creates
 * no objects here (its {@link Request} is a spare one; the reader makes its ClOrdID, and Symbol when not listed).
 * Any thread.
 */
final class OrderEntry
{
    private final Catalog catalog;
    private final EngineSubmitter engine;
    private final ClOrdIdTable clOrdIds;
    private final MechanismTerms mechanisms;
    private final Outbound outbound;

    OrderEntry(final Catalog catalog, final EngineSubmitter engine, final ClOrdIdTable clOrdIds,
        final Outbound outbound)
    {
        this.catalog = catalog;
        this.engine = engine;
        this.clOrdIds = clOrdIds;
        this.mechanisms = new MechanismTerms(clOrdIds);
        this.outbound = outbound;
    }

    /** A NewOrderSingle with ClOrdID {@code clOrdId} from {@code submitter} on session {@code sid}. */
    void newOrder(final OrderMessage m, final String clOrdId, final SessionID sid, final Participant submitter)
        throws Unsupported
    {
        final char lotAction = m.charValue(ButbTags.LOT_ACTION);
        OrderFields.checkUnsupportedTags(m, clOrdId, lotAction == ButbTags.LOT_OFFER ? ExpireTime.FIELD : 0);
        MechanismTerms.check(m, clOrdId, lotAction);
        final String symbol = OrderFields.required(m.symbol(), 55, "Symbol", clOrdId);
        final char fixSide = m.charValue(quickfix.field.Side.FIELD);
        final Side side = OrderFields.side(fixSide, clOrdId);
        final OrderType orderType = OrderFields.orderType(m.charValue(quickfix.field.OrdType.FIELD), clOrdId);
        if (lotAction != 0 && orderType != OrderType.LIMIT)
        {
            throw new Unsupported("OrdType(40) of a lot " + (lotAction == ButbTags.LOT_OFFER ? "offer" : "bid") +
                " must be 2 (limit)", clOrdId);
        }
        final TimeInForce tif = lotAction == 0 ? OrderFields.timeInForce(m, clOrdId) :
            OrderFields.lotTimeInForce(m, clOrdId);
        final CharSequence qtyText = lotAction == ButbTags.LOT_BID ? m.orderQty() :
            OrderFields.required(m.orderQty(), 38, "OrderQty", clOrdId);
        final CharSequence priceText = m.price();
        if (orderType == OrderType.LIMIT && priceText == null)
        {
            throw OrderFields.missingLimitPrice(clOrdId, lotAction != 0);
        }
        final Parties parties = Parties.of(m, submitter, catalog, clOrdId);

        final Request r = engine.request(Request.Kind.NEW, sid, clOrdId, null, symbol, null, fixSide);
        final Command c = r.command;
        c.type = lotAction == ButbTags.LOT_OFFER ? CommandType.LOT_OFFER :
            lotAction == ButbTags.LOT_BID ? CommandType.LOT_BID : CommandType.NEW_ORDER;
        c.timeNanos = engine.commandTime(m.timestampNanos(quickfix.field.TransactTime.FIELD));
        c.submitter = submitter.index();
        c.onBehalfOf = parties.onBehalfOf();
        c.side = side;
        c.orderType = orderType;
        c.timeInForce = tif;
        final Instrument instrument = catalog.instrument(symbol);
        if (instrument != null)
        {
            c.instrument = instrument.index();
            if (qtyText != null)
            {
                c.quantity = OrderFields.quantity(qtyText, instrument, r);
            }
            if (orderType == OrderType.LIMIT)
            {
                c.price = OrderFields.price(priceText, instrument, r);
            }
        }
        mechanisms.apply(m, lotAction, r, instrument, parties);
        if (Parties.actsFor(submitter, c.onBehalfOf))
        {
            final int owner = r.owner();
            final long id = clOrdIds.allocate(owner, clOrdId);
            if (id == 0)
            {
                outbound.send(sid, GatewayRejects.duplicateClOrdId(r, clOrdId,
                    qtyText == null ? null : qtyText.toString()));
                return;
            }
            c.clientOrderId = id;
            r.allocatedOwner = owner;
            r.allocatedId = id;
        }
        else
        {
            c.clientOrderId = 1; // the engine rejects the parties first
        }
        engine.submit(r);
    }

    /** An OrderCancelRequest, or with {@code replace} an OrderCancelReplaceRequest; as {@link #newOrder}. */
    void cancel(final OrderMessage m, final String clOrdId, final SessionID sid, final Participant submitter,
        final boolean replace) throws Unsupported
    {
        final String origClOrdId = m.string(quickfix.field.OrigClOrdID.FIELD);
        final String symbol = m.has(quickfix.field.Symbol.FIELD) ? m.symbol() : "";
        final String orderIdText = m.string(quickfix.field.OrderID.FIELD);
        final int onBehalfOf = Parties.of(m, submitter, catalog, clOrdId).onBehalfOf();
        final Request r = engine.request(replace ? Request.Kind.REPLACE : Request.Kind.CANCEL, sid, clOrdId,
            origClOrdId, symbol, orderIdText, m.charValue(quickfix.field.Side.FIELD));
        final Command c = r.command;
        c.type = replace ? CommandType.REPLACE : CommandType.CANCEL;
        c.timeNanos = engine.commandTime(m.timestampNanos(quickfix.field.TransactTime.FIELD));
        c.submitter = submitter.index();
        c.onBehalfOf = onBehalfOf;
        c.exchangeOrderId = OrderFields.parseOrderId(orderIdText);
        if (replace)
        {
            OrderFields.checkUnsupportedTags(m, clOrdId, 0);
            OrderFields.checkReplaceable(m.charValue(quickfix.field.OrdType.FIELD),
                OrderFields.timeInForce(m, clOrdId), clOrdId);
            final CharSequence priceText = OrderFields.required(m.price(), 44, "Price", clOrdId);
            final CharSequence qtyText = OrderFields.required(m.orderQty(), 38, "OrderQty", clOrdId);
            OrderFields.replaceTerms(r, catalog.instrument(symbol), priceText, qtyText);
        }
        final boolean allowed = Parties.actsFor(submitter, c.onBehalfOf);
        if (allowed)
        {
            c.clientOrderId = clOrdIds.lookup(r.owner(), origClOrdId);
        }
        if (allowed && c.clientOrderId == 0 && c.exchangeOrderId == 0)
        {
            // Unknown to this owner: answered here, exactly as the engine answers an unknown order.
            outbound.send(sid, GatewayRejects.cancelReject(r, null, ResultCode.UNKNOWN_ORDER, c.timeNanos));
            return;
        }
        if (replace && allowed && !clOrdId.equals(origClOrdId) && !r.isInvalid())
        {
            final long id = clOrdIds.allocate(r.owner(), clOrdId);
            if (id == 0)
            {
                outbound.send(sid, GatewayRejects.cancelReject(r, null, ResultCode.DUPLICATE_ORDER_ID, c.timeNanos));
                return;
            }
            c.newClientOrderId = id;
            r.allocatedOwner = r.owner();
            r.allocatedId = id;
        }
        engine.submit(r);
    }
}
