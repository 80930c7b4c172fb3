package by.butb.sim.agents;

import by.butb.engine.core.CommandType;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.Phase;
import by.butb.engine.model.Side;

/**
 * A Belarusian producer selling its units (costs from the supply schedule). It sets a start price of its cost net
 * of the fee plus a markup drawn from {@code markup_min_pct..markup_max_pct} (scaled down by its experience: halved
 * after an unsold lot, restored step by step after a sale) and a bid step of {@code step_pct} of the start price.
 * Where the instrument trades in lot auctions it offers one unit at a time as a lot of the market's
 * {@code lot_minutes} (only when the lot closes before the session does); in continuous trading it asks the start
 * price and lowers the ask by one step at each wake, never below its cost net of the fee.
 */
final class BelarusianSeller extends OneOrderAgent
{
    private final double feeRate;
    private final double markupMin;
    private final double markupMax;
    private final double stepShare;
    private final AgentScenario.Market market;
    private double experience = 1;
    private boolean lotOpen;
    private long ask;
    private long step;

    BelarusianSeller(final AgentSpec spec)
    {
        super(spec);
        feeRate = spec.feeRate();
        markupMin = spec.group().param("markup_min_pct") / 100;
        markupMax = spec.group().param("markup_max_pct") / 100;
        stepShare = spec.group().param("step_pct") / 100;
        market = spec.market();
    }

    @Override
    void wake(final AgentMarket m)
    {
        if (!units.has())
        {
            return;
        }
        final Instrument in = m.instrument(instrument);
        final double floor = Prices.sellLimit(units.current(), feeRate);
        if (floor > in.highPrice())
        {
            return;
        }
        if (market.mechanism() == AgentScenario.Mechanism.LOT_AUCTION)
        {
            final long closeAt = m.now() + market.lotMinutes() * 60_000_000_000L;
            if (!lotOpen && m.phase(instrument) == Phase.CONTINUOUS && closeAt <= m.dayClose())
            {
                startPrice(in, floor);
                lotOpen = true;
                m.lotOffer(this, newClientOrderId(), ask, step, market.lotMinutes());
            }
            return;
        }
        if (ask == 0)
        {
            startPrice(in, floor);
        }
        else
        {
            ask = Math.max(Prices.ceil(in, floor), ask - step);
        }
        order.quote(m, ask);
    }

    private void startPrice(final Instrument in, final double floor)
    {
        final double markup = (markupMin + rng.nextDouble() * (markupMax - markupMin)) * experience;
        ask = Prices.ceil(in, floor * (1 + markup));
        step = Prices.increment(in, ask, stepShare);
    }

    @Override
    void onOrderEvent(final EngineEvent e, final AgentMarket m)
    {
        if (e.type == EventType.REJECTED && e.commandType == CommandType.LOT_OFFER)
        {
            lotOpen = false;
            return;
        }
        if (e.type == EventType.EXPIRED && e.code == ResultCode.LOT_UNSOLD)
        {
            lotOpen = false;
            experience /= 2;
            return;
        }
        super.onOrderEvent(e, m);
    }

    @Override
    void onFill(final EngineEvent e, final Side tradeSide, final AgentMarket m)
    {
        lotOpen = false;
        ask = 0;
        experience = Math.min(1, experience * 1.5);
        super.onFill(e, tradeSide, m);
    }

    @Override
    void startDay()
    {
        super.startDay();
        lotOpen = false;
        ask = 0;
    }
}
