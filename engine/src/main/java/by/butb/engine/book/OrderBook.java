package by.butb.engine.book;

import by.butb.engine.model.Instrument;
import by.butb.engine.model.Side;

/** The two sides of one instrument's book. Engine thread only. */
public final class OrderBook
{
    public final Instrument instrument;
    public final BookSide bids = new BookSide(Side.BUY);
    public final BookSide asks = new BookSide(Side.SELL);

    public OrderBook(final Instrument instrument)
    {
        this.instrument = instrument;
    }

    public BookSide side(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }
}
