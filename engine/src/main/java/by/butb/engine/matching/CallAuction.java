package by.butb.engine.matching;

import by.butb.engine.book.Order;
import by.butb.engine.book.OrderBook;
import by.butb.engine.book.PriceLevel;
import by.butb.engine.core.EventType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.core.TradeKind;
import by.butb.engine.book.LiveOrders;

/**
 * The opening call auction: when the call ends, a book trades everything that crosses at one price (see
 * {@link UncrossPrice}), in price-time priority, as CALL_AUCTION trades. Self-match prevention cancels the older
 * of two orders of one participant that would trade together (SELF_MATCH_PREVENTED), and the price is then found
 * again for what remains. Engine thread only.
 */
public final class CallAuction
{
    private final TradeExecution trades;
    private final LiveOrders orders;

    public CallAuction(final TradeExecution trades, final LiveOrders orders)
    {
        this.trades = trades;
        this.orders = orders;
    }

    /** Read-only: the price at which {@link #uncross} would begin to trade {@code book} now, or -1 (no cross). */
    public static long indicativePrice(final OrderBook book)
    {
        return UncrossPrice.find(book);
    }

    /**
     * Read-only: the quantity executable at {@code price} (the smaller of the bids at or above it and the asks at
     * or below it); the trades may be fewer when self-match prevention cancels an order.
     */
    public static long indicativeVolume(final OrderBook book, final long price)
    {
        return UncrossPrice.volumeAt(book, price);
    }

    /** Uncrosses {@code book}; a book that does not cross is left as it is. */
    public void uncross(final OrderBook book)
    {
        long price = UncrossPrice.find(book);
        while (price >= 0)
        {
            final PriceLevel bid = book.bids.best();
            final PriceLevel ask = book.asks.best();
            if (bid == null || ask == null || bid.price() < price || ask.price() > price)
            {
                price = UncrossPrice.find(book);
                continue;
            }
            final Order buy = bid.head();
            final Order sell = ask.head();
            if (buy.owner == sell.owner)
            {
                final Order older = buy.orderId < sell.orderId ? buy : sell;
                book.side(older.side).remove(older);
                orders.finish(older, EventType.CANCELLED, ResultCode.SELF_MATCH_PREVENTED);
                price = UncrossPrice.find(book);
                continue;
            }
            final Order later = buy.orderId > sell.orderId ? buy : sell;
            trades.execute(book, buy, sell, price, Math.min(buy.leaves, sell.leaves), TradeKind.CALL_AUCTION, later);
        }
    }
}
