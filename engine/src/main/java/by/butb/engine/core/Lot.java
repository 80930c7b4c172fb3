package by.butb.engine.core;

import by.butb.engine.model.Side;

/**
 * A lot offered by auction. {@code side} SELL: a seller's ascending auction (bids go up from the start price);
 * BUY: a buyer's descending (reverse) auction (offers go down). Only the best bid is held; its guarantee stays
 * blocked until it is beaten or the lot closes. Engine thread only.
 */
final class Lot
{
    long lotId;
    long clientOrderId;
    int owner;
    int submitter;
    int instrument;
    Side side;
    long quantity;
    long startPrice;
    long bidStep;
    long closeTime;
    long blocked;
    boolean closed;

    boolean hasBid;
    long bidId;
    long bidClientOrderId;
    int bidOwner;
    int bidSubmitter;
    long bidPrice;
    long bidBlocked;

    /** True when {@code price} beats the start price (first bid) or the best bid by at least the step. */
    boolean accepts(final long price)
    {
        if (side == Side.SELL)
        {
            return hasBid ? price >= bidPrice + bidStep : price >= startPrice;
        }
        return hasBid ? price <= bidPrice - bidStep : price <= startPrice;
    }
}
