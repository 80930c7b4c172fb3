package by.butb.engine.matching;

import by.butb.engine.book.BookSide;
import by.butb.engine.book.Order;
import by.butb.engine.book.OrderBook;
import by.butb.engine.book.PriceLevel;
import by.butb.engine.core.EventType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.core.TradeKind;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import by.butb.engine.book.LiveOrders;

/**
 * Continuous trading: an incoming order trades against the opposite side in price-time priority at the resting
 * orders' prices, never with a resting order of its own beneficial participant (that one is cancelled,
 * SELF_MATCH_PREVENTED, and matching goes on); then what is left rests (DAY, GTC) or is cancelled (IOC_REMAINDER,
 * MARKET_REMAINDER). A FOK that cannot fill in full is cancelled (FOK_NOT_FILLED) before it touches the book.
 * Engine thread only.
 */
public final class ContinuousMatching
{
    private final TradeExecution trades;
    private final LiveOrders orders;

    public ContinuousMatching(final TradeExecution trades, final LiveOrders orders)
    {
        this.trades = trades;
        this.orders = orders;
    }

    /** Matches a new order (or one a REPLACE moved) that is not in the book, then rests or ends what is left. */
    public void submit(final OrderBook book, final Order order)
    {
        if (order.timeInForce == TimeInForce.FOK && !canFillCompletely(book, order))
        {
            orders.finish(order, EventType.CANCELLED, ResultCode.FOK_NOT_FILLED);
            return;
        }
        match(book, order);
        restOrFinish(book, order);
    }

    private void match(final OrderBook book, final Order aggressor)
    {
        final BookSide opposite = book.side(aggressor.side.opposite());
        while (aggressor.leaves > 0)
        {
            final PriceLevel level = opposite.best();
            if (level == null || !crosses(aggressor, level.price()))
            {
                return;
            }
            Order resting = level.head();
            while (resting != null && aggressor.leaves > 0)
            {
                final Order next = resting.next();
                if (resting.owner == aggressor.owner)
                {
                    opposite.remove(resting);
                    orders.finish(resting, EventType.CANCELLED, ResultCode.SELF_MATCH_PREVENTED);
                }
                else
                {
                    final Order buy = aggressor.side == Side.BUY ? aggressor : resting;
                    final Order sell = aggressor.side == Side.BUY ? resting : aggressor;
                    trades.execute(book, buy, sell, resting.price, Math.min(aggressor.leaves, resting.leaves),
                        TradeKind.CONTINUOUS, aggressor);
                }
                resting = next;
            }
        }
    }

    private static boolean crosses(final Order aggressor, final long restingPrice)
    {
        if (aggressor.type == OrderType.MARKET)
        {
            return true;
        }
        return aggressor.side == Side.BUY ? restingPrice <= aggressor.price : restingPrice >= aggressor.price;
    }

    private static boolean canFillCompletely(final OrderBook book, final Order aggressor)
    {
        final BookSide opposite = book.side(aggressor.side.opposite());
        long available = 0;
        for (int rank = 0, levels = opposite.levelCount(); rank < levels; rank++)
        {
            final PriceLevel level = opposite.level(rank);
            if (!crosses(aggressor, level.price()))
            {
                return false;
            }
            for (Order o = level.head(); o != null; o = o.next())
            {
                if (o.owner != aggressor.owner)
                {
                    available += o.leaves;
                    if (available >= aggressor.leaves)
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void restOrFinish(final OrderBook book, final Order order)
    {
        if (order.leaves == 0)
        {
            orders.release(order);
        }
        else if (order.type != OrderType.MARKET && order.timeInForce.rests())
        {
            orders.rest(book, order);
        }
        else
        {
            orders.finish(order, EventType.CANCELLED,
                order.type == OrderType.MARKET ? ResultCode.MARKET_REMAINDER : ResultCode.IOC_REMAINDER);
        }
    }
}
