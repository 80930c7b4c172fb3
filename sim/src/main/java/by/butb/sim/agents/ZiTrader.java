package by.butb.sim.agents;

import by.butb.engine.model.Instrument;
import by.butb.engine.model.Side;

/**
 * Zero-intelligence trader (Gode and Sunder 1993). At each wake it quotes its next unit at a price drawn uniformly
 * on the price steps: constrained (ZI-C), a buyer between the band's low and what it can pay for the unit after
 * the fee, a seller between what it must take after the fee and the band's high, so that it never trades at a
 * loss; unconstrained (ZI-U), anywhere in the price band. One resting DAY order at a time, replaced at each wake.
 */
final class ZiTrader extends OneOrderAgent
{
    private final boolean constrained;
    private final double feeRate;

    ZiTrader(final AgentSpec spec, final boolean constrained)
    {
        super(spec);
        this.constrained = constrained;
        this.feeRate = spec.feeRate();
    }

    @Override
    void wake(final AgentMarket market)
    {
        if (!units.has())
        {
            return;
        }
        final Instrument in = market.instrument(instrument);
        long low = in.lowPrice();
        long high = in.highPrice();
        if (constrained && side == Side.BUY)
        {
            final double limit = Prices.buyLimit(units.current(), feeRate);
            if (limit < low)
            {
                order.cancel(market);
                return;
            }
            high = Prices.floor(in, limit);
        }
        else if (constrained)
        {
            final double limit = Prices.sellLimit(units.current(), feeRate);
            if (limit > high)
            {
                order.cancel(market);
                return;
            }
            low = Prices.ceil(in, limit);
        }
        order.quote(market, Prices.uniform(in, rng, low, high));
    }
}
