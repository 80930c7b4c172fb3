package by.butb.gateway;

import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.Side;
import quickfix.Group;
import quickfix.field.MDEntryDate;
import quickfix.field.MDEntryPositionNo;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryTime;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MDUpdateAction;
import quickfix.field.NumberOfOrders;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.fix44.MarketDataIncrementalRefresh;
import quickfix.fix44.MarketDataRequestReject;
import quickfix.fix44.MarketDataSnapshotFullRefresh;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The market-data messages the gateway sends: snapshots, incremental refreshes computed from two book copies, and
 * request rejects. Functions of what they are given; any thread.
 */
final class MarketDataMessages
{
    private MarketDataMessages()
    {
    }

    /** A MarketDataRequestReject for request {@code reqId}: {@code reason} (MDReqRejReason) and why. */
    static MarketDataRequestReject reject(final String reqId, final char reason, final String text)
    {
        final MarketDataRequestReject reject = new MarketDataRequestReject();
        reject.setString(MDReqID.FIELD, reqId);
        reject.setChar(MDReqRejReason.FIELD, reason);
        reject.setString(Text.FIELD, text);
        return reject;
    }

    /** The full book of one instrument, as deep as the subscription asks, and its recent trades if it wants them. */
    static MarketDataSnapshotFullRefresh snapshot(final Outbound.Subscription sub, final Instrument instrument,
        final BookCopy book, final Iterable<BookCopy.Trade> recent)
    {
        final MarketDataSnapshotFullRefresh w = new MarketDataSnapshotFullRefresh();
        w.setString(MDReqID.FIELD, sub.reqId);
        w.setString(Symbol.FIELD, instrument.symbol());
        for (final Side side : Side.values())
        {
            if (!sub.wants(side))
            {
                continue;
            }
            for (int rank = 0, n = Math.min(sub.depth, book.levels(side)); rank < n; rank++)
            {
                final Group e = new MarketDataSnapshotFullRefresh.NoMDEntries();
                e.setChar(MDEntryType.FIELD, side == Side.BUY ? MDEntryType.BID : MDEntryType.OFFER);
                e.setString(MDEntryPx.FIELD, FixedPoint.format(book.price(side, rank), instrument.priceScale()));
                e.setString(MDEntrySize.FIELD,
                    FixedPoint.format(book.quantity(side, rank), instrument.quantityScale()));
                e.setInt(NumberOfOrders.FIELD, book.orders(side, rank));
                e.setInt(MDEntryPositionNo.FIELD, rank + 1);
                w.addGroup(e);
            }
        }
        if (sub.trades)
        {
            for (final BookCopy.Trade t : recent)
            {
                final Group e = new MarketDataSnapshotFullRefresh.NoMDEntries();
                tradeEntry(e, instrument, t, false);
                w.addGroup(e);
            }
        }
        if (!w.isSetField(quickfix.field.NoMDEntries.FIELD))
        {
            w.setInt(quickfix.field.NoMDEntries.FIELD, 0);
        }
        return w;
    }

    /**
     * What changed in one instrument's book between two copies, as deep as the subscription asks (levels deleted,
     * new and changed), and the new trades if it wants them; null when nothing it wants changed.
     */
    static MarketDataIncrementalRefresh incremental(final Outbound.Subscription sub, final Instrument instrument,
        final BookCopy before, final BookCopy after, final List<BookCopy.Trade> trades)
    {
        final MarketDataIncrementalRefresh x = new MarketDataIncrementalRefresh();
        x.setString(MDReqID.FIELD, sub.reqId);
        int entries = 0;
        for (final Side side : Side.values())
        {
            if (!sub.wants(side))
            {
                continue;
            }
            final int oldN = Math.min(sub.depth, before.levels(side));
            final int newN = Math.min(sub.depth, after.levels(side));
            for (int i = 0; i < oldN; i++)
            {
                if (find(after, side, newN, before.price(side, i)) < 0)
                {
                    x.addGroup(level(instrument, side, MDUpdateAction.DELETE, before.price(side, i), -1, 0));
                    entries++;
                }
            }
            for (int i = 0; i < newN; i++)
            {
                final long price = after.price(side, i);
                final int j = find(before, side, oldN, price);
                if (j < 0)
                {
                    x.addGroup(level(instrument, side, MDUpdateAction.NEW, price, after.quantity(side, i),
                        after.orders(side, i)));
                    entries++;
                }
                else if (before.quantity(side, j) != after.quantity(side, i) ||
                    before.orders(side, j) != after.orders(side, i))
                {
                    x.addGroup(level(instrument, side, MDUpdateAction.CHANGE, price, after.quantity(side, i),
                        after.orders(side, i)));
                    entries++;
                }
            }
        }
        if (sub.trades)
        {
            for (final BookCopy.Trade t : trades)
            {
                final Group e = new MarketDataIncrementalRefresh.NoMDEntries();
                e.setChar(MDUpdateAction.FIELD, MDUpdateAction.NEW);
                tradeEntry(e, instrument, t, true);
                x.addGroup(e);
                entries++;
            }
        }
        return entries == 0 ? null : x;
    }

    private static int find(final BookCopy book, final Side side, final int levels, final long price)
    {
        for (int i = 0; i < levels; i++)
        {
            if (book.price(side, i) == price)
            {
                return i;
            }
        }
        return -1;
    }

    private static Group level(final Instrument instrument, final Side side, final char action, final long price,
        final long quantity, final int orders)
    {
        final Group e = new MarketDataIncrementalRefresh.NoMDEntries();
        e.setChar(MDUpdateAction.FIELD, action);
        e.setChar(MDEntryType.FIELD, side == Side.BUY ? MDEntryType.BID : MDEntryType.OFFER);
        e.setString(Symbol.FIELD, instrument.symbol());
        e.setString(MDEntryPx.FIELD, FixedPoint.format(price, instrument.priceScale()));
        if (quantity >= 0)
        {
            e.setString(MDEntrySize.FIELD, FixedPoint.format(quantity, instrument.quantityScale()));
            e.setInt(NumberOfOrders.FIELD, orders);
        }
        return e;
    }

    private static void tradeEntry(final Group e, final Instrument instrument, final BookCopy.Trade t,
        final boolean withSymbol)
    {
        e.setChar(MDEntryType.FIELD, MDEntryType.TRADE);
        if (withSymbol)
        {
            e.setString(Symbol.FIELD, instrument.symbol());
        }
        e.setString(MDEntryPx.FIELD, FixedPoint.format(t.price(), instrument.priceScale()));
        e.setString(MDEntrySize.FIELD, FixedPoint.format(t.quantity(), instrument.quantityScale()));
        final LocalDateTime time = EngineBridge.time(t.timeNanos());
        e.setField(new MDEntryDate(time.toLocalDate()));
        e.setField(new MDEntryTime(time.toLocalTime()));
    }
}
