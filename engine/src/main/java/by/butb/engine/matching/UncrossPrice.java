package by.butb.engine.matching;

import by.butb.engine.book.BookSide;
import by.butb.engine.book.OrderBook;
import by.butb.engine.book.PriceLevel;
import by.butb.engine.model.Side;

/**
 * The price at which a call auction uncrosses a book: the price with the maximum executable volume; among equals,
 * the minimum imbalance (|buy volume - sell volume| at that price); then the one nearest the reference price; then
 * the lower price. Candidates are the limit prices of both sides. Not for the hot path.
 */
final class UncrossPrice
{
    private UncrossPrice()
    {
    }

    /** @return the uncrossing price, or -1 when the book is not crossed. */
    static long find(final OrderBook book)
    {
        final BookSide bids = book.bids;
        final BookSide asks = book.asks;
        if (bids.levelCount() == 0 || asks.levelCount() == 0 || bids.best().price() < asks.best().price())
        {
            return -1;
        }
        final long reference = book.instrument.referencePrice();
        long bestPrice = -1;
        long bestVolume = -1;
        long bestImbalance = Long.MAX_VALUE;
        for (final BookSide candidates : new BookSide[] {bids, asks})
        {
            for (int rank = 0; rank < candidates.levelCount(); rank++)
            {
                final long p = candidates.level(rank).price();
                final long buy = volumeAtOrBetter(bids, p);
                final long sell = volumeAtOrBetter(asks, p);
                final long volume = Math.min(buy, sell);
                final long imbalance = Math.abs(buy - sell);
                if (volume > bestVolume ||
                    volume == bestVolume && imbalance < bestImbalance ||
                    volume == bestVolume && imbalance == bestImbalance && nearer(p, bestPrice, reference))
                {
                    bestPrice = p;
                    bestVolume = volume;
                    bestImbalance = imbalance;
                }
            }
        }
        return bestVolume > 0 ? bestPrice : -1;
    }

    /** The quantity that trades when the book uncrosses at {@code price}: the smaller of the two sides' volumes. */
    static long volumeAt(final OrderBook book, final long price)
    {
        return Math.min(volumeAtOrBetter(book.bids, price), volumeAtOrBetter(book.asks, price));
    }

    private static boolean nearer(final long p, final long current, final long reference)
    {
        final long d = Math.abs(p - reference);
        final long dc = Math.abs(current - reference);
        return d < dc || d == dc && p < current;
    }

    /** Open quantity of one side willing to trade at {@code price}: bids at or above it, asks at or below it. */
    private static long volumeAtOrBetter(final BookSide side, final long price)
    {
        long volume = 0;
        for (int rank = 0; rank < side.levelCount(); rank++)
        {
            final PriceLevel level = side.level(rank);
            if (side.side() == Side.BUY ? level.price() < price : level.price() > price)
            {
                break;
            }
            volume += level.totalLeaves();
        }
        return volume;
    }
}
