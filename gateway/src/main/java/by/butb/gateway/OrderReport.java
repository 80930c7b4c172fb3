package by.butb.gateway;

import by.butb.gateway.fix.FixEncoder;
import quickfix.Group;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.NoPartyIDs;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PartyID;
import quickfix.field.PartyIDSource;
import quickfix.field.PartyRole;
import quickfix.field.Price;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.ExecutionReport;

/**
 * One ExecutionReport of a live order as {@link EngineBridge} decides it, before a FIX engine writes it: the
 * QuickFIX/J engine turns it into an {@link ExecutionReport} ({@link #toQuickFixJ}), the native engine writes it
 * straight into the session's output ({@link #encode}); both carry the same fields and values. Prices and
 * quantities are scaled integers with their scales. The bridge's instance is reused for every report, on the
 * gateway's sending thread, and each report is sent before the next is filled; with several I/O threads, a copy
 * ({@link #copyFrom}) crosses to the thread that encodes it ({@link NativeReportQueue}).
 */
final class OrderReport
{
    long orderId;
    String clOrdId;
    /** Null when the report has none. */
    String origClOrdId;
    /** The sender's builder, read while the report is written (the QuickFIX/J message takes a copy). */
    CharSequence execId;
    char execType;
    char ordStatus;
    String symbol;
    char side;
    char ordType;
    char timeInForce;
    boolean hasPrice;
    long price;
    int priceScale;
    long orderQty;
    int quantityScale;
    long leavesQty;
    long cumQty;
    CharSequence avgPx;
    long transactTimeNanos;
    /** A fill: LastPx and LastQty. */
    boolean fill;
    long lastPx;
    long lastQty;
    /** Null when the report has none. */
    String text;
    /** The owner's participant id when a broker submitted the order (a Parties entry, role client id), or null. */
    String clientParty;

    private final UtcTimes times = new UtcTimes();
    /** This instance's own text of {@link #execId} and {@link #avgPx} once {@link #copyFrom} has run. */
    private final StringBuilder execIdCopy = new StringBuilder(32);
    private final StringBuilder avgPxCopy = new StringBuilder(32);

    /** Makes this report the same as {@code other}, with its own copy of the texts other reuses; returns this. */
    OrderReport copyFrom(final OrderReport other)
    {
        orderId = other.orderId;
        clOrdId = other.clOrdId;
        origClOrdId = other.origClOrdId;
        execIdCopy.setLength(0);
        execId = execIdCopy.append(other.execId);
        execType = other.execType;
        ordStatus = other.ordStatus;
        symbol = other.symbol;
        side = other.side;
        ordType = other.ordType;
        timeInForce = other.timeInForce;
        hasPrice = other.hasPrice;
        price = other.price;
        priceScale = other.priceScale;
        orderQty = other.orderQty;
        quantityScale = other.quantityScale;
        leavesQty = other.leavesQty;
        cumQty = other.cumQty;
        avgPxCopy.setLength(0);
        avgPx = avgPxCopy.append(other.avgPx);
        transactTimeNanos = other.transactTimeNanos;
        fill = other.fill;
        lastPx = other.lastPx;
        lastQty = other.lastQty;
        text = other.text;
        clientParty = other.clientParty;
        return this;
    }

    /** Clears the optional fields before the next report is filled. */
    OrderReport reset()
    {
        origClOrdId = null;
        fill = false;
        text = null;
        clientParty = null;
        hasPrice = false;
        return this;
    }

    ExecutionReport toQuickFixJ()
    {
        final ExecutionReport er = new ExecutionReport();
        er.setString(OrderID.FIELD, Long.toString(orderId));
        er.setString(ClOrdID.FIELD, clOrdId);
        er.setString(ExecID.FIELD, execId.toString());
        er.setChar(ExecType.FIELD, execType);
        er.setChar(OrdStatus.FIELD, ordStatus);
        er.setString(Symbol.FIELD, symbol);
        er.setChar(quickfix.field.Side.FIELD, side);
        er.setChar(OrdType.FIELD, ordType);
        er.setChar(TimeInForce.FIELD, timeInForce);
        if (hasPrice)
        {
            er.setString(Price.FIELD, Decimals.format(price, priceScale));
        }
        er.setString(OrderQty.FIELD, Decimals.format(orderQty, quantityScale));
        er.setString(LeavesQty.FIELD, Decimals.format(leavesQty, quantityScale));
        er.setString(CumQty.FIELD, Decimals.format(cumQty, quantityScale));
        er.setString(AvgPx.FIELD, avgPx.toString());
        er.setString(TransactTime.FIELD, times.format(transactTimeNanos));
        if (fill)
        {
            er.setString(LastPx.FIELD, Decimals.format(lastPx, priceScale));
            er.setString(LastQty.FIELD, Decimals.format(lastQty, quantityScale));
        }
        if (origClOrdId != null)
        {
            er.setString(OrigClOrdID.FIELD, origClOrdId);
        }
        if (text != null)
        {
            er.setString(Text.FIELD, text);
        }
        if (clientParty != null)
        {
            final Group party = new Group(NoPartyIDs.FIELD, PartyID.FIELD);
            party.setString(PartyID.FIELD, clientParty);
            party.setChar(PartyIDSource.FIELD, PartyIDSource.PROPRIETARY_CUSTOM_CODE);
            party.setInt(PartyRole.FIELD, PartyRole.CLIENT_ID);
            er.addGroup(party);
        }
        return er;
    }

    /** The body fields, after the header {@code e} has begun (MsgType 8). */
    void encode(final FixEncoder e)
    {
        e.field(OrderID.FIELD, orderId).field(ClOrdID.FIELD, clOrdId).field(ExecID.FIELD, execId)
            .field(ExecType.FIELD, execType).field(OrdStatus.FIELD, ordStatus).field(Symbol.FIELD, symbol)
            .field(quickfix.field.Side.FIELD, side).field(OrdType.FIELD, ordType)
            .field(TimeInForce.FIELD, timeInForce);
        if (hasPrice)
        {
            e.decimal(Price.FIELD, price, priceScale);
        }
        e.decimal(OrderQty.FIELD, orderQty, quantityScale).decimal(LeavesQty.FIELD, leavesQty, quantityScale)
            .decimal(CumQty.FIELD, cumQty, quantityScale).field(AvgPx.FIELD, avgPx)
            .timestamp(TransactTime.FIELD, Math.floorDiv(transactTimeNanos, 1_000_000L));
        if (fill)
        {
            e.decimal(LastPx.FIELD, lastPx, priceScale).decimal(LastQty.FIELD, lastQty, quantityScale);
        }
        if (origClOrdId != null)
        {
            e.field(OrigClOrdID.FIELD, origClOrdId);
        }
        if (text != null)
        {
            e.field(Text.FIELD, text);
        }
        if (clientParty != null)
        {
            e.field(NoPartyIDs.FIELD, 1L).field(PartyID.FIELD, clientParty)
                .field(PartyIDSource.FIELD, PartyIDSource.PROPRIETARY_CUSTOM_CODE)
                .field(PartyRole.FIELD, (long)PartyRole.CLIENT_ID);
        }
    }
}
