package by.butb.gateway;

import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Side;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The facts of every lot whose auction is open, as the gateway saw them accepted, so that a session thread can
 * check a bid's Symbol, Side and OrderQty before it reaches the engine. The logic thread adds a lot when its offer
 * is accepted and removes it when the lot trades or expires; session threads only read. A lot missing here is left
 * to the engine, which rejects the bid (710 unknown lot, 711 closed).
 */
final class OpenLots
{
    /** What a bid must agree with. {@code quantity} is scaled like the instrument's quantities. */
    record Lot(long lotId, int owner, long clientOrderId, int instrument, Side side, long quantity)
    {
    }

    private final ConcurrentHashMap<Long, Lot> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Lot> byOwnerOrderId = new ConcurrentHashMap<>();

    void opened(final Lot lot)
    {
        byId.put(lot.lotId(), lot);
        byOwnerOrderId.put(MatchingEngine.clientOrderKey(lot.owner(), lot.clientOrderId()), lot);
    }

    void ended(final long lotId)
    {
        final Lot lot = byId.remove(lotId);
        if (lot != null)
        {
            byOwnerOrderId.remove(MatchingEngine.clientOrderKey(lot.owner(), lot.clientOrderId()), lot);
        }
    }

    /** The open lot with this exchange order id, or null. */
    Lot byId(final long lotId)
    {
        return byId.get(lotId);
    }

    /** The open lot of {@code owner} with this engine client order id, or null. */
    Lot byOwner(final int owner, final long clientOrderId)
    {
        return byOwnerOrderId.get(MatchingEngine.clientOrderKey(owner, clientOrderId));
    }

}
