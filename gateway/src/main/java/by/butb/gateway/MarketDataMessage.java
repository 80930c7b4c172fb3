package by.butb.gateway;

import by.butb.engine.model.FixedPoint;
import by.butb.gateway.fix.FixEncoder;
import quickfix.FieldMap;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.MDEntryDate;
import quickfix.field.MDEntryTime;
import quickfix.field.converter.UtcDateOnlyConverter;
import quickfix.field.converter.UtcTimeOnlyConverter;
import quickfix.fix44.MarketDataIncrementalRefresh;
import quickfix.fix44.MarketDataRequestReject;
import quickfix.fix44.MarketDataSnapshotFullRefresh;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One market-data message as the gateway decides it ({@link MarketDataMessages}): a snapshot (W), an incremental
 * refresh (X) or a request reject (Y), rendered by either FIX engine with the same fields in the same order: as a
 * QuickFIX/J message ({@link #toQuickFixJ}) or encoded into a native session's buffer ({@link #encode}). Built on
 * one thread, then only read.
 */
final class MarketDataMessage
{
    static final char SNAPSHOT = 'W';
    static final char INCREMENTAL = 'X';
    static final char REJECT = 'Y';
    /** {@link Entry#action} of a snapshot's entries: none. */
    static final char NO_ACTION = 0;

    /**
     * One NoMDEntries(268) entry: MDUpdateAction(279) unless {@link #NO_ACTION}; MDEntryType(269); Symbol(55)
     * unless null; MDEntryPx(270); MDEntrySize(271) and NumberOfOrders(346) when {@code quantity >= 0} ({@code orders}
     * only when {@code orders >= 0}); MDEntryDate(272) and MDEntryTime(273) when {@code time} is not null;
     * MDEntryPositionNo(290) when {@code position > 0}.
     */
    record Entry(char action, char entryType, String symbol, long price, int priceScale, long quantity,
        int quantityScale, int orders, LocalDateTime time, int position)
    {
    }

    final char msgType;
    final String reqId;
    /** Symbol(55) of a snapshot; null otherwise. */
    private final String symbol;
    /** MDReqRejReason(281) and Text(58) of a reject. */
    private final char reason;
    private final String text;
    private final List<Entry> entries = new ArrayList<>();

    private MarketDataMessage(final char msgType, final String reqId, final String symbol, final char reason,
        final String text)
    {
        this.msgType = msgType;
        this.reqId = reqId;
        this.symbol = symbol;
        this.reason = reason;
        this.text = text;
    }

    static MarketDataMessage snapshot(final String reqId, final String symbol)
    {
        return new MarketDataMessage(SNAPSHOT, reqId, symbol, (char)0, null);
    }

    static MarketDataMessage incremental(final String reqId)
    {
        return new MarketDataMessage(INCREMENTAL, reqId, null, (char)0, null);
    }

    /** A MarketDataRequestReject for request {@code reqId}: {@code reason} (MDReqRejReason) and why. */
    static MarketDataMessage reject(final String reqId, final char reason, final String text)
    {
        return new MarketDataMessage(REJECT, reqId, null, reason, text);
    }

    void add(final Entry entry)
    {
        entries.add(entry);
    }

    List<Entry> entries()
    {
        return entries;
    }

    /** About the bytes it takes encoded: a header with its text, and a trade's entry, the longest kind, for each. */
    int sizeEstimate()
    {
        return 160 + (text == null ? 0 : text.length()) + 96 * entries.size();
    }

    /** As QuickFIX/J's message of the type. */
    Message toQuickFixJ()
    {
        if (msgType == REJECT)
        {
            final MarketDataRequestReject y = new MarketDataRequestReject();
            y.setString(quickfix.field.MDReqID.FIELD, reqId);
            y.setChar(quickfix.field.MDReqRejReason.FIELD, reason);
            y.setString(quickfix.field.Text.FIELD, text);
            return y;
        }
        final Message m = msgType == SNAPSHOT ? new MarketDataSnapshotFullRefresh() :
            new MarketDataIncrementalRefresh();
        m.setString(quickfix.field.MDReqID.FIELD, reqId);
        if (symbol != null)
        {
            m.setString(quickfix.field.Symbol.FIELD, symbol);
        }
        for (final Entry e : entries)
        {
            final Group g = msgType == SNAPSHOT ? new MarketDataSnapshotFullRefresh.NoMDEntries() :
                new MarketDataIncrementalRefresh.NoMDEntries();
            set(g, e);
            m.addGroup(g);
        }
        if (entries.isEmpty())
        {
            m.setInt(quickfix.field.NoMDEntries.FIELD, 0);
        }
        return m;
    }

    private static void set(final FieldMap g, final Entry e)
    {
        if (e.action() != NO_ACTION)
        {
            g.setChar(quickfix.field.MDUpdateAction.FIELD, e.action());
        }
        g.setChar(quickfix.field.MDEntryType.FIELD, e.entryType());
        if (e.symbol() != null)
        {
            g.setString(quickfix.field.Symbol.FIELD, e.symbol());
        }
        g.setString(quickfix.field.MDEntryPx.FIELD, FixedPoint.format(e.price(), e.priceScale()));
        if (e.quantity() >= 0)
        {
            g.setString(quickfix.field.MDEntrySize.FIELD, FixedPoint.format(e.quantity(), e.quantityScale()));
        }
        if (e.time() != null)
        {
            g.setField(new MDEntryDate(e.time().toLocalDate()));
            g.setField(new MDEntryTime(e.time().toLocalTime()));
        }
        if (e.orders() >= 0)
        {
            g.setInt(quickfix.field.NumberOfOrders.FIELD, e.orders());
        }
        if (e.position() > 0)
        {
            g.setInt(quickfix.field.MDEntryPositionNo.FIELD, e.position());
        }
    }

    /** The body after the session header, fields in the order QuickFIX/J writes them (body tags ascending). */
    void encode(final FixEncoder out)
    {
        if (msgType == REJECT)
        {
            out.field(58, text).field(262, reqId).field(281, reason);
            return;
        }
        if (symbol != null)
        {
            out.field(55, symbol);
        }
        out.field(262, reqId).field(268, entries.size());
        for (final Entry e : entries)
        {
            if (e.action() != NO_ACTION)
            {
                out.field(279, e.action());
            }
            out.field(269, e.entryType());
            if (e.symbol() != null)
            {
                out.field(55, e.symbol());
            }
            out.decimal(270, e.price(), e.priceScale());
            if (e.quantity() >= 0)
            {
                out.decimal(271, e.quantity(), e.quantityScale());
            }
            if (e.time() != null)
            {
                out.field(272, UtcDateOnlyConverter.convert(e.time().toLocalDate()))
                    .field(273, UtcTimeOnlyConverter.convert(e.time().toLocalTime(),
                        quickfix.UtcTimestampPrecision.MILLIS));
            }
            if (e.orders() >= 0)
            {
                out.field(346, e.orders());
            }
            if (e.position() > 0)
            {
                out.field(290, e.position());
            }
        }
    }
}
