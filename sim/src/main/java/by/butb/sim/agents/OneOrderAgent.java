package by.butb.sim.agents;

import by.butb.engine.core.EngineEvent;
import by.butb.engine.model.Side;

/**
 * An agent that keeps at most one resting limit order, on its own side: {@link #order} follows the order's events
 * and fills, and no order is live at the start of a day. Subclasses that override a hook call it on super.
 */
abstract class OneOrderAgent extends Agent
{
    final OneOrder order;

    OneOrderAgent(final AgentSpec spec)
    {
        super(spec);
        order = new OneOrder(this, side);
    }

    @Override
    void onOrderEvent(final EngineEvent e, final AgentMarket market)
    {
        order.onEvent(e);
    }

    @Override
    void onFill(final EngineEvent e, final Side tradeSide, final AgentMarket market)
    {
        order.onFill(e);
    }

    @Override
    void startDay()
    {
        super.startDay();
        order.reset();
    }
}
