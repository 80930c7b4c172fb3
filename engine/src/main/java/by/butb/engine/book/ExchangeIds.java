package by.butb.engine.book;

/**
 * The ids the exchange hands out, in sequence: one counter for orders, lots and lot bids (exchange order ids), one
 * for trades. Both start at 1. Engine thread only.
 */
public final class ExchangeIds
{
    private long nextOrderId = 1;
    private long nextTradeId = 1;

    public long nextOrderId()
    {
        return nextOrderId++;
    }

    public long nextTradeId()
    {
        return nextTradeId++;
    }

    /** The next exchange order id to be handed out (for snapshots and the state hash). */
    public long peekOrderId()
    {
        return nextOrderId;
    }

    /** The next trade id to be handed out (for snapshots and the state hash). */
    public long peekTradeId()
    {
        return nextTradeId;
    }

    /** Restores both counters from a snapshot. */
    public void restore(final long nextOrderId, final long nextTradeId)
    {
        this.nextOrderId = nextOrderId;
        this.nextTradeId = nextTradeId;
    }
}
