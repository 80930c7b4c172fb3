package by.butb.sim.agents;

import by.butb.engine.model.Instrument;

import java.util.SplittableRandom;

/** Price arithmetic of agents: scaled prices on the instrument's price step and inside its price band. */
final class Prices
{
    private Prices()
    {
    }

    /** The highest price on the step at or below {@code price}, inside the band. */
    static long floor(final Instrument in, final double price)
    {
        final long step = in.priceStep();
        return clamp(in, (long)Math.floor(price / step) * step);
    }

    /** The lowest price on the step at or above {@code price}, inside the band. */
    static long ceil(final Instrument in, final double price)
    {
        final long step = in.priceStep();
        return clamp(in, (long)Math.ceil(price / step) * step);
    }

    /** A price drawn uniformly among the steps from {@code low} to {@code high} (both on the step, low <= high). */
    static long uniform(final Instrument in, final SplittableRandom rng, final long low, final long high)
    {
        final long step = in.priceStep();
        final long lo = clamp(in, low);
        final long hi = clamp(in, high);
        if (hi <= lo)
        {
            return lo;
        }
        return lo + rng.nextLong((hi - lo) / step + 1) * step;
    }

    /** {@code share} of {@code price} as a price increment: rounded down to the price step, at least one step. */
    static long increment(final Instrument in, final double price, final double share)
    {
        final long step = in.priceStep();
        return Math.max(step, (long)(price * share) / step * step);
    }

    static long clamp(final Instrument in, final long price)
    {
        return Math.max(in.lowPrice(), Math.min(in.highPrice(), price));
    }

    /** The most a buyer can pay for a unit worth {@code value} once the fee is paid. */
    static double buyLimit(final long value, final double feeRate)
    {
        return value / (1 + feeRate);
    }

    /** The least a seller can take for a unit costing {@code cost} once the fee is paid. */
    static double sellLimit(final long cost, final double feeRate)
    {
        return cost / (1 - feeRate);
    }
}
