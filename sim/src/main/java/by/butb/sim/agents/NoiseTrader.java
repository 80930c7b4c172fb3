package by.butb.sim.agents;

import by.butb.engine.model.Instrument;
import by.butb.engine.model.Phase;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

/**
 * Trades for no reason: at each wake it picks a side at random (the reducing side at its {@code inventory_limit}),
 * then with probability {@code aggressive_share} takes the best opposite quote (immediate-or-cancel, continuous
 * trading only), else rests a DAY order of one unit up to {@code spread_pct} away from the reference price on its
 * own side (replacing its resting order).
 */
final class NoiseTrader extends BidAskAgent
{
    private final double spread;
    private final double aggressive;
    private final long limitUnits;
    private final long unit;

    NoiseTrader(final AgentSpec spec, final long unitQuantity)
    {
        super(spec);
        spread = spec.group().param("spread_pct") / 100;
        aggressive = spec.group().param("aggressive_share");
        limitUnits = (long)spec.group().param("inventory_limit");
        unit = unitQuantity;
    }

    @Override
    void wake(final AgentMarket market)
    {
        final Instrument in = market.instrument(instrument);
        final MarketView v = market.view(instrument);
        final long position = inventory / unit;
        final boolean buy = position < limitUnits && (position <= -limitUnits || rng.nextBoolean());
        final boolean take = rng.nextDouble() < aggressive;
        if (take && market.phase(instrument) == Phase.CONTINUOUS)
        {
            final long price = buy ? v.bestAsk : v.bestBid;
            if (price > 0)
            {
                market.newOrder(this, newClientOrderId(), buy ? Side.BUY : Side.SELL, price, TimeInForce.IOC);
            }
            return;
        }
        final double ref = v.reference(in.referencePrice());
        final double away = rng.nextDouble() * spread;
        if (buy)
        {
            ask.cancel(market);
            bid.quote(market, Prices.floor(in, ref * (1 - away)));
        }
        else
        {
            bid.cancel(market);
            ask.quote(market, Prices.ceil(in, ref * (1 + away)));
        }
    }
}
