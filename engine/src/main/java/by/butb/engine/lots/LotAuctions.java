package by.butb.engine.lots;

import by.butb.engine.book.LiveOrders;
import by.butb.engine.book.OrderBook;
import by.butb.engine.core.Command;
import by.butb.engine.core.EventType;
import by.butb.engine.core.EventWriter;
import by.butb.engine.core.ResultCode;
import by.butb.engine.deposit.Deposits;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.Side;
import by.butb.engine.rules.Accreditation;
import by.butb.engine.rules.OrderChecks;
import by.butb.engine.rules.PhasePolicy;
import by.butb.engine.rules.PriceBand;
import by.butb.engine.session.TradingSessions;

/**
 * Lot auctions (timber style): a LOT_OFFER opens a lot (a seller's ascending auction, or with side BUY a buyer's
 * descending one) that blocks its owner's guarantee at the start price; each LOT_BID must beat the start price, or
 * the best bid by the bid step, and blocks the bidder's guarantee, releasing the beaten bid's (CANCELLED, OUTBID).
 * The first command at or after a lot's closing time closes it, before that command applies: the best bid wins
 * (a LOT_AUCTION trade, fees charged) or the lot expires unsold (LOT_UNSOLD). Lots and bids are firm (no cancel or
 * replace) and, in a section with a schedule, accepted in CONTINUOUS only. Engine thread only.
 */
public final class LotAuctions
{
    private final Accreditation accreditation;
    private final OrderBook[] books;
    private final TradingSessions sessions;
    private final Deposits deposits;
    private final EventWriter events;
    private final LiveOrders orders;
    private final LotRegistry lots;

    public LotAuctions(final Accreditation accreditation, final OrderBook[] books,
        final TradingSessions sessions, final Deposits deposits, final EventWriter events, final LiveOrders orders,
        final LotRegistry lots)
    {
        this.accreditation = accreditation;
        this.books = books;
        this.sessions = sessions;
        this.deposits = deposits;
        this.events = events;
        this.orders = orders;
        this.lots = lots;
    }

    /** LOT_OFFER: checks it and opens the lot, or rejects it. */
    public void offer(final Command cmd)
    {
        ResultCode result = accreditation.checkParties(cmd, true);
        if (result == ResultCode.OK)
        {
            result = OrderChecks.checkNewOrder(cmd, books, accreditation, orders, lots);
        }
        final int owner = cmd.beneficialOwner();
        if (result == ResultCode.OK)
        {
            final Instrument instrument = books[cmd.instrument].instrument;
            final int section = instrument.sectionIndex();
            result = sessions.allows(PhasePolicy.Action.LOT_OFFER, section);
            if (result == ResultCode.OK && (cmd.bidStep <= 0 || !instrument.isOnPriceStep(cmd.bidStep) ||
                cmd.closeTimeNanos <= cmd.timeNanos))
            {
                result = ResultCode.INVALID_LOT;
            }
            if (result == ResultCode.OK)
            {
                result = deposits.reserve(owner, instrument, cmd.price, cmd.quantity, 0);
            }
        }
        if (result != ResultCode.OK)
        {
            events.reject(result);
            return;
        }
        final Lot lot = new Lot();
        lot.lotId = orders.nextOrderId();
        lot.clientOrderId = cmd.clientOrderId;
        lot.owner = owner;
        lot.submitter = cmd.submitter;
        lot.instrument = cmd.instrument;
        lot.side = cmd.side;
        lot.quantity = cmd.quantity;
        lot.startPrice = cmd.price;
        lot.bidStep = cmd.bidStep;
        lot.closeTime = cmd.closeTimeNanos;
        lot.blocked = deposits.reserved();
        deposits.block(owner, lot.blocked);
        lots.add(lot);
        events.lot(EventType.ACCEPTED, ResultCode.OK, lot);
    }

    /** LOT_BID: checks it against its lot and makes it the lot's best bid, or rejects it. */
    public void bid(final Command cmd)
    {
        final Lot lot;
        if (cmd.exchangeOrderId != 0)
        {
            lot = lots.byId(cmd.exchangeOrderId);
        }
        else
        {
            lot = lots.byClientOrderId(cmd.counterparty, cmd.counterpartyOrderId);
        }
        final int owner = cmd.beneficialOwner();
        ResultCode result = accreditation.checkParties(cmd, true);
        if (result == ResultCode.OK)
        {
            result = checkBid(cmd, lot, owner);
        }
        if (result == ResultCode.OK)
        {
            final long held = lot.hasBid && lot.bidOwner == owner ? lot.bidBlocked : 0;
            result = deposits.reserve(owner, books[lot.instrument].instrument, cmd.price, lot.quantity, held);
        }
        if (result != ResultCode.OK)
        {
            if (lot != null)
            {
                events.rejectOnLot(result, lot);
            }
            else
            {
                events.reject(result);
            }
            return;
        }
        final boolean hadBid = lot.hasBid;
        final int previousOwner = lot.bidOwner;
        final int previousSubmitter = lot.bidSubmitter;
        final long previousClientOrderId = lot.bidClientOrderId;
        final long previousBidId = lot.bidId;
        final long previousPrice = lot.bidPrice;
        final long previousBlocked = lot.bidBlocked;

        final long guarantee = deposits.reserved();
        deposits.block(owner, guarantee);
        lot.hasBid = true;
        lot.bidId = orders.nextOrderId();
        lot.bidClientOrderId = cmd.clientOrderId;
        lot.bidOwner = owner;
        lot.bidSubmitter = cmd.submitter;
        lot.bidPrice = cmd.price;
        lot.bidBlocked = guarantee;
        events.bid(EventType.ACCEPTED, ResultCode.OK, lot, owner, cmd.submitter, cmd.clientOrderId, lot.bidId,
            cmd.price);
        if (hadBid)
        {
            deposits.release(previousOwner, previousBlocked);
            events.bid(EventType.CANCELLED, ResultCode.OUTBID, lot, previousOwner, previousSubmitter,
                previousClientOrderId, previousBidId, previousPrice);
        }
    }

    private ResultCode checkBid(final Command cmd, final Lot lot, final int owner)
    {
        if (lot == null)
        {
            return ResultCode.UNKNOWN_LOT;
        }
        if (lot.closed)
        {
            return ResultCode.LOT_CLOSED;
        }
        if (!statesTermsOf(cmd, lot))
        {
            return ResultCode.LOT_TERMS_MISMATCH;
        }
        if (lot.owner == owner)
        {
            return ResultCode.OWN_LOT;
        }
        final ResultCode entryResult = OrderChecks.checkEntry(accreditation, owner, lot.instrument,
            cmd.clientOrderId);
        if (entryResult != ResultCode.OK)
        {
            return entryResult;
        }
        final Instrument instrument = books[lot.instrument].instrument;
        final int section = instrument.sectionIndex();
        final ResultCode priceResult = PriceBand.check(instrument, cmd.price);
        if (priceResult != ResultCode.OK)
        {
            return priceResult;
        }
        final ResultCode phaseResult = sessions.allows(PhasePolicy.Action.LOT_BID, section);
        if (phaseResult != ResultCode.OK)
        {
            return phaseResult;
        }
        return lot.accepts(cmd.price) ? ResultCode.OK : ResultCode.BID_NOT_BETTER;
    }

    /**
     * Whether the terms a bid states are its lot's: a bid that names an instrument names the lot's, and its side is
     * the opposite of the lot's; a bid that names a quantity names the lot's (a bid is for the whole lot).
     */
    private static boolean statesTermsOf(final Command bid, final Lot lot)
    {
        if (bid.instrument != Command.UNKNOWN && (bid.instrument != lot.instrument || bid.side == lot.side))
        {
            return false;
        }
        return bid.quantity == 0 || bid.quantity == lot.quantity;
    }

    /** Closes, in closing-time order (then offer order), every open lot due at {@code time} (or before). */
    public void closeDue(final long time)
    {
        for (Lot lot = lots.takeDue(time); lot != null; lot = lots.takeDue(time))
        {
            close(lot);
        }
    }

    private void close(final Lot lot)
    {
        lot.closed = true;
        deposits.release(lot.owner, lot.blocked);
        lot.blocked = 0;
        if (!lot.hasBid)
        {
            events.lot(EventType.EXPIRED, ResultCode.LOT_UNSOLD, lot);
            return;
        }
        deposits.release(lot.bidOwner, lot.bidBlocked);
        lot.bidBlocked = 0;
        final boolean sellerLot = lot.side == Side.SELL;
        final long fee = deposits.settle(books[lot.instrument].instrument, sellerLot ? lot.bidOwner : lot.owner,
            sellerLot ? lot.owner : lot.bidOwner, lot.bidPrice, lot.quantity);
        events.lotTrade(lot, fee);
    }
}
