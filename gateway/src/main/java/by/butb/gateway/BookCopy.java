package by.butb.gateway;

import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Side;

/**
 * An immutable copy of the top levels of one instrument's book, taken on the engine's logic thread and handed to
 * the market-data thread. Prices and quantities are the engine's scaled longs; index 0 is the best level.
 */
final class BookCopy
{
    static final BookCopy EMPTY =
        new BookCopy(new long[0], new long[0], new int[0], new long[0], new long[0], new int[0]);

    final long[] bidPrices;
    final long[] bidQuantities;
    final int[] bidOrders;
    final long[] askPrices;
    final long[] askQuantities;
    final int[] askOrders;

    private BookCopy(final long[] bidPrices, final long[] bidQuantities, final int[] bidOrders, final long[] askPrices,
        final long[] askQuantities, final int[] askOrders)
    {
        this.bidPrices = bidPrices;
        this.bidQuantities = bidQuantities;
        this.bidOrders = bidOrders;
        this.askPrices = askPrices;
        this.askQuantities = askQuantities;
        this.askOrders = askOrders;
    }

    /** Copies up to {@code maxLevels} levels per side. Logic thread only (it queries the engine). */
    static BookCopy of(final MatchingEngine engine, final int instrument, final int maxLevels)
    {
        final int bids = Math.min(maxLevels, engine.depth(instrument, Side.BUY));
        final int asks = Math.min(maxLevels, engine.depth(instrument, Side.SELL));
        final long[] bp = new long[bids];
        final long[] bq = new long[bids];
        final int[] bo = new int[bids];
        for (int i = 0; i < bids; i++)
        {
            bp[i] = engine.levelPrice(instrument, Side.BUY, i);
            bq[i] = engine.levelQuantity(instrument, Side.BUY, i);
            bo[i] = engine.levelOrderCount(instrument, Side.BUY, i);
        }
        final long[] ap = new long[asks];
        final long[] aq = new long[asks];
        final int[] ao = new int[asks];
        for (int i = 0; i < asks; i++)
        {
            ap[i] = engine.levelPrice(instrument, Side.SELL, i);
            aq[i] = engine.levelQuantity(instrument, Side.SELL, i);
            ao[i] = engine.levelOrderCount(instrument, Side.SELL, i);
        }
        return new BookCopy(bp, bq, bo, ap, aq, ao);
    }

    /**
     * Whether the top {@code maxLevels} levels per side of {@code instrument}'s book in {@code engine} are this copy's
     * (prices, quantities and order counts). Logic thread only (it queries the engine).
     */
    boolean matches(final MatchingEngine engine, final int instrument, final int maxLevels)
    {
        return matches(engine, instrument, Side.BUY, maxLevels, bidPrices, bidQuantities, bidOrders) &&
            matches(engine, instrument, Side.SELL, maxLevels, askPrices, askQuantities, askOrders);
    }

    private static boolean matches(final MatchingEngine engine, final int instrument, final Side side,
        final int maxLevels, final long[] prices, final long[] quantities, final int[] orders)
    {
        final int levels = Math.min(maxLevels, engine.depth(instrument, side));
        if (levels != prices.length)
        {
            return false;
        }
        for (int i = 0; i < levels; i++)
        {
            if (prices[i] != engine.levelPrice(instrument, side, i) ||
                quantities[i] != engine.levelQuantity(instrument, side, i) ||
                orders[i] != engine.levelOrderCount(instrument, side, i))
            {
                return false;
            }
        }
        return true;
    }

    int levels(final Side side)
    {
        return side == Side.BUY ? bidPrices.length : askPrices.length;
    }

    long price(final Side side, final int rank)
    {
        return side == Side.BUY ? bidPrices[rank] : askPrices[rank];
    }

    long quantity(final Side side, final int rank)
    {
        return side == Side.BUY ? bidQuantities[rank] : askQuantities[rank];
    }

    int orders(final Side side, final int rank)
    {
        return side == Side.BUY ? bidOrders[rank] : askOrders[rank];
    }

    /** One public trade print: no participants, only what market data shows. */
    record Trade(int instrument, long price, long quantity, long timeNanos, Side aggressor, long tradeId)
    {
    }
}
