package by.butb.gateway;

import by.butb.engine.model.Instrument;
import by.butb.engine.model.Side;
import quickfix.field.MDEntryType;
import quickfix.field.MDUpdateAction;

import java.util.List;

/**
 * The market-data messages the gateway sends, decided once for both FIX engines ({@link MarketDataMessage}):
 * snapshots, incremental refreshes computed from two book copies, and request rejects. Functions of what they are
 * given; any thread.
 */
final class MarketDataMessages
{
    private MarketDataMessages()
    {
    }

    /** The full book of one instrument, as deep as the subscription asks, and its recent trades if it wants them. */
    static MarketDataMessage snapshot(final MarketDataSubscriptions.Subscription sub, final Instrument instrument,
        final BookCopy book, final Iterable<BookCopy.Trade> recent)
    {
        final MarketDataMessage w = MarketDataMessage.snapshot(sub.reqId, instrument.symbol());
        for (final Side side : Side.values())
        {
            if (!sub.wants(side))
            {
                continue;
            }
            for (int rank = 0, n = Math.min(sub.depth, book.levels(side)); rank < n; rank++)
            {
                w.add(new MarketDataMessage.Entry(MarketDataMessage.NO_ACTION, entryType(side), null,
                    book.price(side, rank), instrument.priceScale(), book.quantity(side, rank),
                    instrument.quantityScale(), book.orders(side, rank), null, rank + 1));
            }
        }
        if (sub.trades)
        {
            for (final BookCopy.Trade t : recent)
            {
                w.add(tradeEntry(MarketDataMessage.NO_ACTION, null, instrument, t));
            }
        }
        return w;
    }

    /**
     * What changed in one instrument's book between two copies, as deep as the subscription asks (levels deleted,
     * new and changed), and the new trades if it wants them; null when nothing it wants changed.
     */
    static MarketDataMessage incremental(final MarketDataSubscriptions.Subscription sub, final Instrument instrument,
        final BookCopy before, final BookCopy after, final List<BookCopy.Trade> trades)
    {
        final MarketDataMessage x = MarketDataMessage.incremental(sub.reqId);
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
                    x.add(level(instrument, side, MDUpdateAction.DELETE, before.price(side, i), -1, -1));
                }
            }
            for (int i = 0; i < newN; i++)
            {
                final long price = after.price(side, i);
                final int j = find(before, side, oldN, price);
                if (j < 0)
                {
                    x.add(level(instrument, side, MDUpdateAction.NEW, price, after.quantity(side, i),
                        after.orders(side, i)));
                }
                else if (before.quantity(side, j) != after.quantity(side, i) ||
                    before.orders(side, j) != after.orders(side, i))
                {
                    x.add(level(instrument, side, MDUpdateAction.CHANGE, price, after.quantity(side, i),
                        after.orders(side, i)));
                }
            }
        }
        if (sub.trades)
        {
            for (int i = 0; i < trades.size(); i++)
            {
                x.add(tradeEntry(MDUpdateAction.NEW, instrument.symbol(), instrument, trades.get(i)));
            }
        }
        return x.entries().isEmpty() ? null : x;
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

    /** A level's entry; without MDEntrySize and NumberOfOrders when {@code quantity} is negative (a delete). */
    private static MarketDataMessage.Entry level(final Instrument instrument, final Side side, final char action,
        final long price, final long quantity, final int orders)
    {
        return new MarketDataMessage.Entry(action, entryType(side), instrument.symbol(), price,
            instrument.priceScale(), quantity, instrument.quantityScale(), orders, null, 0);
    }

    private static MarketDataMessage.Entry tradeEntry(final char action, final String symbol,
        final Instrument instrument, final BookCopy.Trade t)
    {
        return new MarketDataMessage.Entry(action, MDEntryType.TRADE, symbol, t.price(), instrument.priceScale(),
            t.quantity(), instrument.quantityScale(), -1, EngineBridge.time(t.timeNanos()), 0);
    }

    private static char entryType(final Side side)
    {
        return side == Side.BUY ? MDEntryType.BID : MDEntryType.OFFER;
    }
}
