package by.butb.gateway;

import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.MDReqID;
import quickfix.field.MarketDepth;
import quickfix.field.MDUpdateType;
import quickfix.field.NoMDEntryTypes;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
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
