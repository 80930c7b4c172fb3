package by.butb.sim.agents;

import by.butb.engine.core.EngineEvent;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.Side;

/**
 * Zero-intelligence plus trader (Cliff 1997). It quotes its next unit at limit x (1 + margin), the limit being
 * what the unit is worth (or costs) net of the fee; its margin learns from every shout of its instrument by the
 * Widrow-Hoff rule with momentum: towards a target just beyond a trade price it could have had (raise the margin)
 * or just inside a shout it would have lost to (lower it). Learning rate beta, momentum gamma and the first margin
 * are drawn per agent from the group's ranges. One resting DAY order at a time, replaced at each wake.
 */
final class ZipTrader extends OneOrderAgent
{
    private final double feeRate;
    private final double beta;
    private final double gamma;
    /** Seller: margin >= 0; buyer: -1 <= margin <= 0. */
    private double margin;
    private double momentum;
    /** The current unit's limit net of the fee; NaN when the agent has no unit left today. */
    private double limit = Double.NaN;

    ZipTrader(final AgentSpec spec)
    {
        super(spec);
        this.feeRate = spec.feeRate();
        final AgentScenario.Group g = spec.group();
        beta = draw(g.param("beta_min"), g.param("beta_max"));
        gamma = draw(0, g.param("gamma_max"));
        final double m = draw(g.param("margin_min"), g.param("margin_max"));
        margin = side == Side.BUY ? -Math.min(m, 1) : m;
    }

    private double draw(final double lo, final double hi)
    {
        return hi <= lo ? lo : lo + rng.nextDouble() * (hi - lo);
    }

    /** Reads the current unit's limit: after a fill and at the start of a day. */
    private void nextUnit()
    {
        limit = !units.has() ? Double.NaN : side == Side.BUY ? Prices.buyLimit(units.current(), feeRate) :
            Prices.sellLimit(units.current(), feeRate);
    }

    /** The current profit margin: a seller's at least 0, a buyer's from -1 to 0. */
    double margin()
    {
        return margin;
    }

    private double price()
    {
        return limit * (1 + margin);
    }

    @Override
    void wake(final AgentMarket market)
    {
        if (Double.isNaN(limit))
        {
            return;
        }
        final Instrument in = market.instrument(instrument);
        final double p = price();
        if (side == Side.BUY ? p < in.lowPrice() : p > in.highPrice())
        {
            order.cancel(market);
            return;
        }
        order.quote(market, side == Side.BUY ? Prices.floor(in, p) : Prices.ceil(in, p));
    }

    @Override
    boolean listens()
    {
        return true;
    }

    @Override
    void onShout(final Side shoutSide, final long q, final boolean traded, final long tick)
    {
        if (Double.isNaN(limit))
        {
            return;
        }
        final double exact = price();
        // Compared as quoted: on the price step (a buyer rounds down, a seller up).
        final double p = side == Side.BUY ? Math.floor(exact / tick) * tick : Math.ceil(exact / tick) * tick;
        if (side == Side.SELL)
        {
            if (traded && p <= q)
            {
                learn(q * (1 + rng.nextDouble() * 0.05) + q * rng.nextDouble() * 0.005);
            }
            else if ((traded && shoutSide == Side.BUY || !traded && shoutSide == Side.SELL) && p >= q)
            {
                learn(q * (1 - rng.nextDouble() * 0.05) - q * rng.nextDouble() * 0.005);
            }
        }
        else
        {
            if (traded && p >= q)
            {
                learn(q * (1 - rng.nextDouble() * 0.05) - q * rng.nextDouble() * 0.005);
            }
            else if ((traded && shoutSide == Side.SELL || !traded && shoutSide == Side.BUY) && p <= q)
            {
                learn(q * (1 + rng.nextDouble() * 0.05) + q * rng.nextDouble() * 0.005);
            }
        }
    }

    private void learn(final double target)
    {
        final double p = price();
        momentum = gamma * momentum + (1 - gamma) * beta * (target - p);
        final double m = (p + momentum) / limit - 1;
        margin = side == Side.BUY ? Math.max(-1, Math.min(0, m)) : Math.max(0, m);
    }

    @Override
    void onFill(final EngineEvent e, final Side tradeSide, final AgentMarket market)
    {
        super.onFill(e, tradeSide, market);
        nextUnit();
    }

    @Override
    void startDay()
    {
        super.startDay();
        nextUnit();
    }
}
