package by.butb.engine.core;

import by.butb.engine.model.Instrument;
import by.butb.engine.model.Side;

/** The two sides of one instrument's book. Engine thread only. */
final class OrderBook
{
    final Instrument instrument;
    final BookSide bids = new BookSide(Side.BUY);
    final BookSide asks = new BookSide(Side.SELL);

    OrderBook(final Instrument instrument)
    {
        this.instrument = instrument;
    }

    BookSide side(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }
}
