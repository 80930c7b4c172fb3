package by.butb.gateway;

import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

/**
 * The FIX view of one live order, kept by {@link EngineBridge} from its acceptance (or its adoption at a start,
 * {@link LiveOrderAdoption}) to its end: what its ExecutionReports carry. Prices and quantities scaled as the
 * engine's. The gateway's sending thread only (and the starting thread before it starts).
 */
final class LiveOrder
{
    long orderId;
    int owner;
    int submitter;
    int instrument;
    Side side;
    OrderType orderType;
    TimeInForce timeInForce;
    long price;
    long quantity;
    long cumQty;
    final AveragePrice average = new AveragePrice();
    long engineClOrdId;
    String clOrdId;
}
