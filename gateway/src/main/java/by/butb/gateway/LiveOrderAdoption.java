package by.butb.gateway;

import by.butb.engine.book.Order;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Map;

/**
 * What is live in an engine, as {@link LiveOrder}s that the gateway did not see accepted (at a start): the orders
 * resting in the books, the address orders waiting for their counterparty, the open lots and each lot's standing
 * bid, without their ClOrdIDs yet. Cold path; the starting thread, or the engine's during its recovery.
 */
final class LiveOrderAdoption
{
    private final Catalog catalog;
    private final Long2ObjectHashMap<LiveOrder> orders;
    private final Map<Long, LiveOrder> adopted;

    /** Puts each adopted order in {@code orders} by exchange order id and in {@code adopted} by client order key. */
    LiveOrderAdoption(final Catalog catalog, final Long2ObjectHashMap<LiveOrder> orders,
        final Map<Long, LiveOrder> adopted)
    {
        this.catalog = catalog;
        this.orders = orders;
        this.adopted = adopted;
    }

    /** Adopts what is live in {@code engine}. */
    void adoptLive(final MatchingEngine engine)
    {
        for (final Instrument instrument : catalog.instruments())
        {
            for (final Side side : Side.values())
            {
                engine.forEachRestingOrder(instrument.index(), side,
                    (orderId, clientOrderId, owner, submitter, tif, price, quantity, leaves, filled, filledValue,
                        blocked) -> adopt(orderId, clientOrderId, owner, submitter, instrument.index(), side, tif,
                        price, quantity, filled, filledValue));
            }
        }
        engine.forEachAddressOrder((orderId, clientOrderId, owner, submitter, instrument, side, tif, price,
            quantity, leaves, filled, filledValue, blocked, counterparty) ->
            adopt(orderId, clientOrderId, owner, submitter, instrument, side, tif, price, quantity, filled,
                filledValue));
        engine.forEachOpenLot((lotId, clientOrderId, owner, submitter, instrument, side, quantity, startPrice,
            bidStep, closeTimeNanos, blocked) ->
            adopt(lotId, clientOrderId, owner, submitter, instrument, side, TimeInForce.GTC, startPrice, quantity,
                0, 0));
        engine.forEachStandingBid((lotId, bidId, clientOrderId, owner, submitter, instrument, side, price, quantity,
            blocked) -> adopt(bidId, clientOrderId, owner, submitter, instrument, side, TimeInForce.GTC, price,
                quantity, 0, 0));
    }

    /**
     * One live limit order; {@code filled} scaled; {@code filledValue} the engine's sum of price x quantity of its
     * fills, for its AvgPx (when unknown, the earlier fills count at the limit price).
     */
    private void adopt(final long orderId, final long clientOrderId, final int owner, final int submitter,
        final int instrument, final Side side, final TimeInForce tif, final long price, final long quantity,
        final long filled, final long filledValue)
    {
        final LiveOrder o = new LiveOrder();
        o.orderId = orderId;
        o.owner = owner;
        o.submitter = submitter;
        o.instrument = instrument;
        o.side = side;
        o.orderType = OrderType.LIMIT;
        o.timeInForce = tif;
        o.price = price;
        o.quantity = quantity;
        o.cumQty = filled;
        if (filledValue == Order.VALUE_UNKNOWN)
        {
            o.average.add(price, filled);
        }
        else
        {
            o.average.addValue(filledValue);
        }
        o.engineClOrdId = clientOrderId;
        orders.put(orderId, o);
        adopted.put(MatchingEngine.clientOrderKey(owner, clientOrderId), o);
    }
}
