package by.butb.engine.rules;

import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Instrument;

/**
 * The prices an instrument accepts: positive, on its price step, and inside its band (reference price plus or
 * minus the band, narrowed by its floor and cap; see {@link Instrument#lowPrice()}). Applies to limit orders,
 * replaces and lot bids.
 */
public final class PriceBand
{
    private PriceBand()
    {
    }

    /** OK, PRICE_NOT_POSITIVE, PRICE_NOT_ON_STEP or PRICE_OUTSIDE_BAND. */
    public static ResultCode check(final Instrument instrument, final long price)
    {
        if (price <= 0)
        {
            return ResultCode.PRICE_NOT_POSITIVE;
        }
        if (!instrument.isOnPriceStep(price))
        {
            return ResultCode.PRICE_NOT_ON_STEP;
        }
        if (price < instrument.lowPrice() || price > instrument.highPrice())
        {
            return ResultCode.PRICE_OUTSIDE_BAND;
        }
        return ResultCode.OK;
    }
}
