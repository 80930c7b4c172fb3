package by.butb.sim.agents;

import by.butb.engine.core.CommandType;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

/**
 * One resting limit order of an agent, kept at most one at a time on its side: {@link #quote} places it, or
 * replaces it at a new price; the engine's events say when it is live and when it has ended.
 */
final class OneOrder
{
    private final Agent agent;
    private final Side side;
    private long clientOrderId;
    private long price;
    private boolean live;

    OneOrder(final Agent agent, final Side side)
    {
        this.agent = agent;
        this.side = side;
    }

    /** Places the order at {@code price} (a DAY limit of one unit), or replaces the live one when its price differs. */
    void quote(final AgentMarket market, final long newPrice)
    {
        if (live)
        {
            if (newPrice != price)
            {
                price = newPrice;
                market.replace(agent, clientOrderId, newPrice);
            }
            return;
        }
        clientOrderId = agent.newClientOrderId();
        price = newPrice;
        live = true;
        market.newOrder(agent, clientOrderId, side, newPrice, TimeInForce.DAY);
    }

    void cancel(final AgentMarket market)
    {
        if (live)
        {
            market.cancel(agent, clientOrderId);
        }
    }

    boolean live()
    {
        return live;
    }

    /** Follows the order's life from an event of the agent; returns whether the event was about this order. */
    boolean onEvent(final EngineEvent e)
    {
        if (!live || e.clientOrderId != clientOrderId)
        {
            return false;
        }
        if (e.type == EventType.CANCELLED || e.type == EventType.EXPIRED ||
            e.type == EventType.REJECTED && e.commandType == CommandType.NEW_ORDER)
        {
            live = false;
        }
        else if (e.type == EventType.REJECTED && e.commandType == CommandType.REPLACE)
        {
            price = -1;
        }
        return true;
    }

    /** Follows a fill: the order has ended when nothing is left open. */
    void onFill(final EngineEvent e)
    {
        final long id = side == Side.BUY ? e.buyClientOrderId : e.sellClientOrderId;
        final long leaves = side == Side.BUY ? e.buyLeaves : e.sellLeaves;
        if (live && id == clientOrderId && leaves == 0)
        {
            live = false;
        }
    }

    void reset()
    {
        live = false;
    }
}
