package by.butb.sim.agents;

import by.butb.engine.model.Phase;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

/**
 * Trend follower: at each wake, when the last trade price is more than {@code threshold_pct} above the mean of
 * the last {@code lookback} trades it buys one unit at the best ask, when as much below it sells one at the best
 * bid (immediate-or-cancel, in continuous trading only), as long as its position stays within
 * {@code inventory_limit} units.
 */
final class MomentumTrader extends Agent
{
    private final int lookback;
    private final double threshold;
    private final long limitUnits;
    private final long unit;

    MomentumTrader(final AgentSpec spec, final long unitQuantity)
    {
        super(spec);
        lookback = (int)spec.group().param("lookback");
        threshold = spec.group().param("threshold_pct") / 100;
        limitUnits = (long)spec.group().param("inventory_limit");
        unit = unitQuantity;
    }

    @Override
    void wake(final AgentMarket market)
    {
        final MarketView v = market.view(instrument);
        if (market.phase(instrument) != Phase.CONTINUOUS || v.trades() < lookback)
        {
            return;
        }
        final double mean = v.meanOfLast(lookback);
        final long position = inventory / unit;
        if (v.last > mean * (1 + threshold) && position < limitUnits && v.bestAsk > 0)
        {
            market.newOrder(this, newClientOrderId(), Side.BUY, v.bestAsk, TimeInForce.IOC);
        }
        else if (v.last < mean * (1 - threshold) && position > -limitUnits && v.bestBid > 0)
        {
            market.newOrder(this, newClientOrderId(), Side.SELL, v.bestBid, TimeInForce.IOC);
        }
    }
}
