package by.butb.sim.classroom;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.ResultCode;
import by.butb.engine.core.TradeKind;
import by.butb.engine.model.Side;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lot auctions and the address orders as the classroom's page shows them, followed from the engine's events
 * (lot events carry their bid step and closing time): open lots and the last {@value #CLOSED_LOTS_KEPT} closed
 * ones in offer order, and the address orders still waiting for their counterparty. Logic thread only.
 */
final class LotAndAddressViews
{
    private static final int CLOSED_LOTS_KEPT = 20;

    private final Map<Long, LotView> lots = new LinkedHashMap<>();
    private final Map<Long, AddressView> addressOrders = new LinkedHashMap<>();

    Collection<LotView> lots()
    {
        return lots.values();
    }

    Collection<AddressView> addressOrders()
    {
        return addressOrders.values();
    }

    /** Follows lots and address orders through one event of {@code command}. */
    void follow(final EngineEvent e, final Command command)
    {
        switch (e.type)
        {
            case ACCEPTED ->
            {
                if (e.commandType == CommandType.LOT_OFFER)
                {
                    lots.put(e.exchangeOrderId, new LotView(e.exchangeOrderId, e.clientOrderId, e.owner,
                        e.instrument, e.side, e.quantity, e.price, e.bidStep, e.closeTimeNanos));
                }
                else if (e.commandType == CommandType.LOT_BID)
                {
                    final LotView lot = lotOf(command);
                    if (lot != null)
                    {
                        lot.bidder = e.owner;
                        lot.bestBid = e.price;
                        lot.bids++;
                    }
                }
                else if (e.commandType == CommandType.NEW_ORDER && e.counterparty >= 0 &&
                    command.counterpartyOrderId == 0 && e.leaves > 0)
                {
                    addressOrders.put(e.exchangeOrderId, new AddressView(e.exchangeOrderId, e.clientOrderId, e.owner,
                        e.counterparty, e.instrument, e.side, e.price, e.leaves));
                }
            }
            case TRADE ->
            {
                if (e.tradeKind == TradeKind.LOT_AUCTION)
                {
                    final LotView lot = lots.get(e.side == Side.BUY ? e.sellOrderId : e.buyOrderId);
                    if (lot != null)
                    {
                        lot.status = "SOLD";
                        lot.bidder = e.owner;
                        lot.bestBid = e.price;
                    }
                    trimClosedLots();
                }
                else if (e.tradeKind == TradeKind.ADDRESS_DEAL)
                {
                    reduceAddress(e.buyOrderId, e.buyLeaves);
                    reduceAddress(e.sellOrderId, e.sellLeaves);
                }
            }
            case CANCELLED, EXPIRED ->
            {
                if (e.code == ResultCode.LOT_UNSOLD)
                {
                    final LotView lot = lots.get(e.exchangeOrderId);
                    if (lot != null)
                    {
                        lot.status = "UNSOLD";
                    }
                    trimClosedLots();
                }
                addressOrders.remove(e.exchangeOrderId);
            }
            default ->
            {
            }
        }
    }

    private LotView lotOf(final Command bid)
    {
        if (bid.exchangeOrderId != 0)
        {
            return lots.get(bid.exchangeOrderId);
        }
        for (final LotView lot : lots.values())
        {
            if (lot.owner == bid.counterparty && lot.clientOrderId == bid.counterpartyOrderId &&
                "OPEN".equals(lot.status))
            {
                return lot;
            }
        }
        return null;
    }

    private void reduceAddress(final long orderId, final long leaves)
    {
        final AddressView a = addressOrders.get(orderId);
        if (a != null)
        {
            if (leaves == 0)
            {
                addressOrders.remove(orderId);
            }
            else
            {
                a.leaves = leaves;
            }
        }
    }

    private void trimClosedLots()
    {
        int closed = 0;
        for (final LotView lot : lots.values())
        {
            closed += "OPEN".equals(lot.status) ? 0 : 1;
        }
        for (final Iterator<LotView> it = lots.values().iterator(); it.hasNext() && closed > CLOSED_LOTS_KEPT; )
        {
            if (!"OPEN".equals(it.next().status))
            {
                it.remove();
                closed--;
            }
        }
    }

    /** A lot's auction as the page shows it. Logic thread only. */
    static final class LotView
    {
        final long lotId;
        final long clientOrderId;
        final int owner;
        final int instrument;
        final Side side;
        final long quantity;
        final long startPrice;
        final long bidStep;
        final long closeTime;
        int bidder = -1;
        long bestBid;
        int bids;
        String status = "OPEN";

        LotView(final long lotId, final long clientOrderId, final int owner, final int instrument, final Side side,
            final long quantity, final long startPrice, final long bidStep, final long closeTime)
        {
            this.lotId = lotId;
            this.clientOrderId = clientOrderId;
            this.owner = owner;
            this.instrument = instrument;
            this.side = side;
            this.quantity = quantity;
            this.startPrice = startPrice;
            this.bidStep = bidStep;
            this.closeTime = closeTime;
        }
    }

    /** An address order waiting for its counterparty. Logic thread only. */
    static final class AddressView
    {
        final long orderId;
        final long clientOrderId;
        final int owner;
        final int counterparty;
        final int instrument;
        final Side side;
        final long price;
        long leaves;

        AddressView(final long orderId, final long clientOrderId, final int owner, final int counterparty,
            final int instrument, final Side side, final long price, final long leaves)
        {
            this.orderId = orderId;
            this.clientOrderId = clientOrderId;
            this.owner = owner;
            this.counterparty = counterparty;
            this.instrument = instrument;
            this.side = side;
            this.price = price;
            this.leaves = leaves;
        }
    }
}
