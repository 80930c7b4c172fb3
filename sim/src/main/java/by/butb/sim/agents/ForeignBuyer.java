package by.butb.sim.agents;

import by.butb.engine.core.CommandType;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventType;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.Phase;
import by.butb.engine.model.Side;

/**
 * A foreign buyer (China, Mongolia, the UAE...) with private valuations from the demand schedule. Where the
 * instrument trades in lot auctions it bids the least a lot accepts (the start price, or the best bid plus the
 * step) on the open lot of its instrument where that is lowest, when that is within its valuation net of the fee;
 * it holds one standing bid at a time and looks again 30 seconds after being outbid. In continuous trading it bids
 * its valuation net of the fee shaded down by {@code shade_min_pct..shade_max_pct}, and raises the bid by
 * {@code step_pct} of that valuation at each wake, never above it.
 */
final class ForeignBuyer extends OneOrderAgent
{
    private static final long LOOK_AGAIN_NANOS = 30_000_000_000L;

    private final double feeRate;
    private final double shadeMin;
    private final double shadeMax;
    private final double stepShare;
    private final AgentScenario.Market market;
    private boolean bidding;
    private long bid;

    ForeignBuyer(final AgentSpec spec)
    {
        super(spec);
        feeRate = spec.feeRate();
        shadeMin = spec.group().param("shade_min_pct") / 100;
        shadeMax = spec.group().param("shade_max_pct") / 100;
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
        final double limit = Prices.buyLimit(units.current(), feeRate);
        if (limit < in.lowPrice())
        {
            return;
        }
        if (market.mechanism() == AgentScenario.Mechanism.LOT_AUCTION)
        {
            bidOnLot(m, limit);
            return;
        }
        if (bid == 0)
        {
            bid = Prices.floor(in, limit * (1 - shadeMin - rng.nextDouble() * (shadeMax - shadeMin)));
        }
        else
        {
            bid = Math.min(Prices.floor(in, limit), bid + Prices.increment(in, limit, stepShare));
        }
        order.quote(m, bid);
    }

    private void bidOnLot(final AgentMarket m, final double limit)
    {
        if (bidding || m.phase(instrument) != Phase.CONTINUOUS)
        {
            return;
        }
        LotBoard.Lot best = null;
        for (final LotBoard.Lot lot : m.openLots(instrument))
        {
            if (lot.owner != participant && lot.closeNanos > m.now() &&
                (best == null || lot.minimumBid() < best.minimumBid()))
            {
                best = lot;
            }
        }
        if (best != null && best.minimumBid() <= limit)
        {
            bidding = true;
            m.lotBid(this, newClientOrderId(), best.lotId, best.minimumBid());
        }
    }

    @Override
    void onOrderEvent(final EngineEvent e, final AgentMarket m)
    {
        if (e.commandType == CommandType.LOT_BID && e.type == EventType.REJECTED ||
            e.type == EventType.CANCELLED && market.mechanism() == AgentScenario.Mechanism.LOT_AUCTION)
        {
            bidding = false;
            m.wakeAfter(this, LOOK_AGAIN_NANOS);
            return;
        }
        super.onOrderEvent(e, m);
    }

    @Override
    void onFill(final EngineEvent e, final Side tradeSide, final AgentMarket m)
    {
        bidding = false;
        bid = 0;
        super.onFill(e, tradeSide, m);
    }

    @Override
    void startDay()
    {
        super.startDay();
        bidding = false;
        bid = 0;
    }
}
