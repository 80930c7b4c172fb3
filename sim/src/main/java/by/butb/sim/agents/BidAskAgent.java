package by.butb.sim.agents;

import by.butb.engine.core.EngineEvent;
import by.butb.engine.model.Side;

/**
 * An agent that trades both sides and keeps at most one resting bid and one resting ask: {@link #bid} and
 * {@link #ask} follow their orders' events and fills, and neither is live at the start of a day.
 */
abstract class BidAskAgent extends Agent
{
    final OneOrder bid;
    final OneOrder ask;

    BidAskAgent(final AgentSpec spec)
    {
        super(spec);
        bid = new OneOrder(this, Side.BUY);
        ask = new OneOrder(this, Side.SELL);
    }

    @Override
    void onOrderEvent(final EngineEvent e, final AgentMarket market)
    {
        if (!bid.onEvent(e))
        {
            ask.onEvent(e);
        }
    }

    @Override
    void onFill(final EngineEvent e, final Side tradeSide, final AgentMarket market)
    {
        (tradeSide == Side.BUY ? bid : ask).onFill(e);
    }

    @Override
    void startDay()
    {
        super.startDay();
        bid.reset();
        ask.reset();
    }
}
