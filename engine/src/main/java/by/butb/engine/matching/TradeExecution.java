package by.butb.engine.matching;

import by.butb.engine.book.Order;
import by.butb.engine.book.OrderBook;
import by.butb.engine.core.EventWriter;
import by.butb.engine.core.TradeKind;
import by.butb.engine.deposit.Deposits;
import by.butb.engine.book.LiveOrders;

/**
 * A trade between two orders, however it came about (continuous matching, the call auction, an address deal):
 * fills both, releases the guarantee of what filled, charges the fees, writes the TRADE event, and takes an order
 * that rested in the book and is now filled out of the book and back to the pool. Engine thread only.
 */
public final class TradeExecution
{
    private final Deposits deposits;
    private final EventWriter events;
    private final LiveOrders orders;

    public TradeExecution(final Deposits deposits, final EventWriter events, final LiveOrders orders)
    {
        this.deposits = deposits;
        this.events = events;
        this.orders = orders;
    }

    /**
     * Fills {@code quantity} of both orders at {@code price}; the event's order fields describe {@code aggressor}.
     */
    public void execute(final OrderBook book, final Order buy, final Order sell, final long price,
        final long quantity, final TradeKind kind, final Order aggressor)
    {
        fill(book, buy, price, quantity);
        fill(book, sell, price, quantity);
        final long fee = deposits.settle(book.instrument, buy.owner, sell.owner, price, quantity);
        events.trade(kind, price, quantity, aggressor, buy, sell, fee);
        if (buy.leaves == 0 && buy.isResting())
        {
            book.bids.remove(buy);
            orders.release(buy);
        }
        if (sell.leaves == 0 && sell.isResting())
        {
            book.asks.remove(sell);
            orders.release(sell);
        }
    }

    private void fill(final OrderBook book, final Order order, final long price, final long quantity)
    {
        if (order.isResting())
        {
            book.side(order.side).reduce(order, quantity);
        }
        else
        {
            order.leaves -= quantity;
        }
        order.addFill(price, quantity);
        deposits.refresh(book.instrument, order);
    }
}
