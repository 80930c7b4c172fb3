package by.butb.engine.rules;

import by.butb.engine.book.LiveOrders;
import by.butb.engine.book.OrderBook;
import by.butb.engine.book.OrderKey;
import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.lots.LotRegistry;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;

/**
 * The checks on an order's own terms, in the order docs/market-model.md lists them: instrument known, the owner's
 * admission (see {@link Accreditation}), a valid order id, the quantity, the price (see {@link PriceBand}) or the
 * market order's time in force, and the one rule for duplicate ids: a participant's order id may not be that of one
 * of its live orders or open lots (an id can be reused once its order or lot has ended). Functions of the command
 * and of the state they are given (no state of their own: one object fewer for the hot path to read). Engine thread
 * only.
 */
public final class OrderChecks
{
    private OrderChecks()
    {
    }

    /** The terms of a new order or lot offer (its parties are checked before). */
    public static ResultCode checkNewOrder(final Command cmd, final OrderBook[] books,
        final Accreditation accreditation, final LiveOrders orders, final LotRegistry lots)
    {
        if (cmd.instrument < 0 || cmd.instrument >= books.length)
        {
            return ResultCode.UNKNOWN_INSTRUMENT;
        }
        final Instrument instrument = books[cmd.instrument].instrument;
        final int owner = cmd.beneficialOwner();
        final ResultCode entryResult = checkEntry(accreditation, owner, cmd.instrument, cmd.clientOrderId);
        if (entryResult != ResultCode.OK)
        {
            return entryResult;
        }
        final ResultCode quantityResult = checkQuantity(instrument, cmd.quantity);
        if (quantityResult != ResultCode.OK)
        {
            return quantityResult;
        }
        if (cmd.orderType == OrderType.MARKET && cmd.type != CommandType.LOT_OFFER) // a lot's price is its start
        {
            if (cmd.timeInForce.rests())
            {
                return ResultCode.MARKET_ORDER_CANNOT_REST;
            }
        }
        else
        {
            final ResultCode priceResult = PriceBand.check(instrument, cmd.price);
            if (priceResult != ResultCode.OK)
            {
                return priceResult;
            }
        }
        return isInUse(orders, lots, owner, cmd.clientOrderId) ? ResultCode.DUPLICATE_ORDER_ID : ResultCode.OK;
    }

    /** What every order, lot and bid needs: admission to the section, the deposit currency, a valid own id. */
    public static ResultCode checkEntry(final Accreditation accreditation, final int owner, final int instrument,
        final long clientOrderId)
    {
        final ResultCode admission = accreditation.checkAdmission(owner, instrument);
        if (admission != ResultCode.OK)
        {
            return admission;
        }
        return OrderKey.isValidClientOrderId(clientOrderId) ? ResultCode.OK : ResultCode.ORDER_ID_INVALID;
    }

    /** A new id a REPLACE gives its order: ORDER_ID_INVALID, DUPLICATE_ORDER_ID or OK. */
    public static ResultCode checkNewId(final LiveOrders orders, final LotRegistry lots, final int owner,
        final long clientOrderId)
    {
        if (!OrderKey.isValidClientOrderId(clientOrderId))
        {
            return ResultCode.ORDER_ID_INVALID;
        }
        return isInUse(orders, lots, owner, clientOrderId) ? ResultCode.DUPLICATE_ORDER_ID : ResultCode.OK;
    }

    /** QUANTITY_NOT_POSITIVE, QUANTITY_NOT_ON_LOT or OK. */
    public static ResultCode checkQuantity(final Instrument instrument, final long quantity)
    {
        if (quantity <= 0)
        {
            return ResultCode.QUANTITY_NOT_POSITIVE;
        }
        return instrument.isOnLot(quantity) ? ResultCode.OK : ResultCode.QUANTITY_NOT_ON_LOT;
    }

    /** Whether {@code owner} has a live order or an open lot with this client order id. */
    private static boolean isInUse(final LiveOrders orders, final LotRegistry lots, final int owner,
        final long clientOrderId)
    {
        return orders.containsClientOrderId(owner, clientOrderId) || lots.isOpen(owner, clientOrderId);
    }
}
