package by.butb.gateway;

import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.ExpireTime;
import quickfix.field.MDReqID;
import quickfix.field.MarketDepth;
import quickfix.field.MDUpdateType;
import quickfix.field.NoMDEntryTypes;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PartyID;
import quickfix.field.PartyIDSource;
import quickfix.field.PartyRole;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.MarketDataRequest;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReplaceRequest;
import quickfix.fix44.OrderCancelRequest;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Message builders and field access for tests. */
final class Fix
{
    private Fix()
    {
    }

    static NewOrderSingle limit(final String clOrdId, final String symbol, final char side, final String qty,
        final String price)
    {
        return order(clOrdId, symbol, side, qty, price, OrdType.LIMIT, TimeInForce.DAY);
    }

    static NewOrderSingle order(final String clOrdId, final String symbol, final char side, final String qty,
        final String price, final char ordType, final char tif)
    {
        final NewOrderSingle m = new NewOrderSingle(new ClOrdID(clOrdId), new Side(side),
            new TransactTime(LocalDateTime.now(ZoneOffset.UTC)), new OrdType(ordType));
        m.setString(Symbol.FIELD, symbol);
        if (qty != null)
        {
            m.setString(OrderQty.FIELD, qty);
        }
        if (price != null)
        {
            m.setString(Price.FIELD, price);
        }
        m.setChar(TimeInForce.FIELD, tif);
        return m;
    }

    static OrderCancelRequest cancel(final String clOrdId, final String origClOrdId, final String symbol,
        final char side)
    {
        final OrderCancelRequest m = new OrderCancelRequest(new OrigClOrdID(origClOrdId), new ClOrdID(clOrdId),
            new Side(side), new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
        m.setString(Symbol.FIELD, symbol);
        return m;
    }

    static OrderCancelRequest cancelByOrderId(final String clOrdId, final String origClOrdId, final String orderId,
        final String symbol, final char side)
    {
        final OrderCancelRequest m = cancel(clOrdId, origClOrdId, symbol, side);
        m.setString(OrderID.FIELD, orderId);
        return m;
    }

    static OrderCancelReplaceRequest replace(final String clOrdId, final String origClOrdId, final String symbol,
        final char side, final String qty, final String price)
    {
        final OrderCancelReplaceRequest m = new OrderCancelReplaceRequest(new OrigClOrdID(origClOrdId),
            new ClOrdID(clOrdId), new Side(side), new TransactTime(LocalDateTime.now(ZoneOffset.UTC)),
            new OrdType(OrdType.LIMIT));
        m.setString(Symbol.FIELD, symbol);
        m.setString(OrderQty.FIELD, qty);
        m.setString(Price.FIELD, price);
        return m;
    }

    /** Adds the Parties entry (PartyRole 17, contra firm) naming the counterparty of an address order or lot bid. */
    static void contraFirm(final Message m, final String participant)
    {
        final Group party = new NewOrderSingle.NoPartyIDs();
        party.setString(PartyID.FIELD, participant);
        party.setChar(PartyIDSource.FIELD, PartyIDSource.PROPRIETARY_CUSTOM_CODE);
        party.setInt(PartyRole.FIELD, ButbTags.CONTRA_FIRM_ROLE);
        m.addGroup(party);
    }

    /** A lot offer on SMP; {@code bidStep} null and {@code closeNanos} 0 leave out BidStep and ExpireTime. */
    static NewOrderSingle lotOffer(final String clOrdId, final char side, final String qty,
        final String startPrice, final String bidStep, final long closeNanos)
    {
        final NewOrderSingle m = order(clOrdId, "SMP", side, qty, startPrice, OrdType.LIMIT,
            TimeInForce.GOOD_TILL_CANCEL);
        m.setChar(ButbTags.LOT_ACTION, ButbTags.LOT_OFFER);
        if (bidStep != null)
        {
            m.setString(ButbTags.BID_STEP, bidStep);
        }
        if (closeNanos != 0)
        {
            m.setField(new ExpireTime(EngineBridge.time(closeNanos)));
        }
        return m;
    }

    /** A bid on an SMP lot, without OrderQty and without naming the lot (the caller adds that). */
    static NewOrderSingle lotBid(final String clOrdId, final char side, final String price)
    {
        final NewOrderSingle m = order(clOrdId, "SMP", side, null, price, OrdType.LIMIT,
            TimeInForce.GOOD_TILL_CANCEL);
        m.setChar(ButbTags.LOT_ACTION, ButbTags.LOT_BID);
        return m;
    }

    static MarketDataRequest marketData(final String reqId, final char type, final String... symbols)
    {
        final MarketDataRequest m = new MarketDataRequest(new MDReqID(reqId), new SubscriptionRequestType(type),
            new MarketDepth(0));
        m.setInt(MDUpdateType.FIELD, MDUpdateType.INCREMENTAL_REFRESH);
        for (final char entry : new char[] {'0', '1', '2'})
        {
            final Group g = new MarketDataRequest.NoMDEntryTypes();
            g.setChar(quickfix.field.MDEntryType.FIELD, entry);
            m.addGroup(g);
        }
        for (final String symbol : symbols)
        {
            final Group g = new MarketDataRequest.NoRelatedSym();
            g.setString(Symbol.FIELD, symbol);
            m.addGroup(g);
        }
        if (!m.isSetField(NoMDEntryTypes.FIELD))
        {
            throw new IllegalStateException();
        }
        return m;
    }

    static String s(final Message m, final int tag)
    {
        try
        {
            return m.getString(tag);
        }
        catch (final FieldNotFound ex)
        {
            throw new AssertionError("tag " + tag + " missing in " + m);
        }
    }

    static char c(final Message m, final int tag)
    {
        return s(m, tag).charAt(0);
    }

    static double d(final Message m, final int tag)
    {
        return Double.parseDouble(s(m, tag));
    }

    static String opt(final Message m, final int tag)
    {
        return m.isSetField(tag) ? s(m, tag) : null;
    }
}
