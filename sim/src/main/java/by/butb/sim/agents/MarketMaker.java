package by.butb.sim.agents;

import by.butb.engine.model.Instrument;

/**
 * Quotes a bid and an ask of one unit each around the market's reference (mid, else last trade, else the
 * instrument's reference price), {@code spread_pct} apart, both moved against its inventory (a long position
 * lowers them, a short one raises them); at {@code inventory_limit} units long it stops bidding, short it stops
 * asking. Requotes at each wake and {@code react_seconds} after each trade of its instrument.
 */
final class MarketMaker extends BidAskAgent
{
    private final double spread;
    private final long limitUnits;
    private final long react;
    private final long unit;

    MarketMaker(final AgentSpec spec, final long unitQuantity)
    {
        super(spec);
        spread = spec.group().param("spread_pct") / 100;
        limitUnits = (long)spec.group().param("inventory_limit");
        react = (long)(spec.group().param("react_seconds") * 1e9);
        unit = unitQuantity;
    }

    @Override
    void wake(final AgentMarket market)
    {
        final Instrument in = market.instrument(instrument);
        final double ref = market.view(instrument).reference(in.referencePrice());
        final double half = ref * spread / 2;
        final double position = (double)inventory / unit;
        final double skew = position / limitUnits * half;
        final long bidPrice = Prices.floor(in, ref - half - skew);
        long askPrice = Prices.ceil(in, ref + half - skew);
        if (askPrice <= bidPrice)
        {
            askPrice = Prices.clamp(in, bidPrice + in.priceStep());
        }
        if (position < limitUnits)
        {
            bid.quote(market, bidPrice);
        }
        else
        {
            bid.cancel(market);
        }
        if (position > -limitUnits && askPrice > bidPrice)
        {
            ask.quote(market, askPrice);
        }
        else
        {
            ask.cancel(market);
        }
    }

    @Override
    long reactNanos()
    {
        return react;
    }
}
