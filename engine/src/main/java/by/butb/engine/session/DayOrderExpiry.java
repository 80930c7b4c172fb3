package by.butb.engine.session;

import by.butb.engine.address.AddressDeals;
import by.butb.engine.book.BookSide;
import by.butb.engine.book.Order;
import by.butb.engine.book.OrderBook;
import by.butb.engine.book.PriceLevel;
import by.butb.engine.core.EventType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.book.LiveOrders;

/**
 * DAY orders expire (EXPIRED, DAY_ORDER_EXPIRED) when a new trading day starts, or at the CLOSE of their section's
 * session when it has a schedule: resting orders first, book by book (bids, then asks, best level first, oldest
 * first), then address orders, oldest first. Engine thread only.
 */
public final class DayOrderExpiry
{
    private final OrderBook[] books;
    private final AddressDeals addressDeals;
    private final LiveOrders orders;

    public DayOrderExpiry(final OrderBook[] books, final AddressDeals addressDeals, final LiveOrders orders)
    {
        this.books = books;
        this.addressDeals = addressDeals;
        this.orders = orders;
    }

    /** Expires the DAY orders of every section entered before {@code day} (UTC epoch day). */
    public void expireAll(final long day)
    {
        for (final OrderBook book : books)
        {
            expire(book.bids, day);
            expire(book.asks, day);
        }
        addressDeals.expireDayOrders(-1, day);
    }

    /** Expires the DAY orders of one section entered before {@code day} (UTC epoch day). */
    public void expireSection(final int section, final long day)
    {
        for (final OrderBook book : books)
        {
            if (book.instrument.sectionIndex() == section)
            {
                expire(book.bids, day);
                expire(book.asks, day);
            }
        }
        addressDeals.expireDayOrders(section, day);
    }

    private void expire(final BookSide side, final long day)
    {
        for (int rank = 0; rank < side.levelCount(); )
        {
            final PriceLevel level = side.level(rank);
            final int countBefore = side.levelCount();
            Order o = level.head();
            while (o != null)
            {
                final Order next = o.next();
                if (o.isDayOrderBefore(day))
                {
                    side.remove(o);
                    orders.finish(o, EventType.EXPIRED, ResultCode.DAY_ORDER_EXPIRED);
                }
                o = next;
            }
            if (side.levelCount() == countBefore)
            {
                rank++;
            }
        }
    }
}
