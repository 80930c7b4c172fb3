package by.butb.engine.lots;

import by.butb.engine.model.Side;

/**
 * A lot offered by auction. {@code side} SELL: a seller's ascending auction (bids go up from the start price);
 * BUY: a buyer's descending (reverse) auction (offers go down). Only the best bid is held; its guarantee stays
 * blocked until it is beaten or the lot closes. Times are epoch nanoseconds UTC, money minor units, prices and
 * quantity scaled. Engine thread only; the fields are the engine's working state, not an API.
 */
public final class Lot
{
    public long lotId;
    public long clientOrderId;
    public int owner;
    public int submitter;
    public int instrument;
    public Side side;
    public long quantity;
    public long startPrice;
    public long bidStep;
    public long closeTime;
    public long blocked;
    public boolean closed;

    public boolean hasBid;
    public long bidId;
    public long bidClientOrderId;
    public int bidOwner;
    public int bidSubmitter;
    public long bidPrice;
    public long bidBlocked;

    /** The registry's count of lots offered when this one was added (orders lots closing at the same time). */
    long offerSequence;

    /** True when {@code price} beats the start price (first bid) or the best bid by at least the step. */
    public boolean accepts(final long price)
    {
        if (side == Side.SELL)
        {
            return hasBid ? price >= bidPrice + bidStep : price >= startPrice;
        }
        return hasBid ? price <= bidPrice - bidStep : price <= startPrice;
    }
}
