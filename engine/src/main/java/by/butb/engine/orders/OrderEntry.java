package by.butb.engine.orders;

import by.butb.engine.address.AddressDeals;
import by.butb.engine.book.BookSide;
import by.butb.engine.book.LiveOrders;
import by.butb.engine.book.Order;
import by.butb.engine.book.OrderBook;
import by.butb.engine.core.Command;
import by.butb.engine.core.EventType;
import by.butb.engine.core.EventWriter;
import by.butb.engine.core.ResultCode;
import by.butb.engine.deposit.Deposits;
import by.butb.engine.matching.ContinuousMatching;
import by.butb.engine.lots.LotRegistry;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Phase;
import by.butb.engine.rules.Accreditation;
import by.butb.engine.rules.OrderChecks;
import by.butb.engine.rules.PhasePolicy;
import by.butb.engine.rules.PriceBand;
import by.butb.engine.session.TradingSessions;

/**
 * NEW_ORDER, CANCEL and REPLACE: the checks in the documented order (parties, terms, phase, guarantee), then
 * continuous matching, the book (a phase without matching collects orders), or the address deals. A REPLACE keeps
 * the order's time priority when its price is unchanged and its quantity does not go up; otherwise the order goes
 * to the back of its new price level and may trade at once. Engine thread only.
 */
public final class OrderEntry
{
    private final OrderBook[] books;
    private final Accreditation accreditation;
    private final LotRegistry lots;
    private final TradingSessions sessions;
    private final LiveOrders orders;
    private final Deposits deposits;
    private final ContinuousMatching matching;
    private final AddressDeals addressDeals;
    private final EventWriter events;
    /** Whether any section has a session schedule (else every section is always CONTINUOUS). */
    private final boolean scheduled;

    public OrderEntry(final OrderBook[] books, final Accreditation accreditation, final LotRegistry lots,
        final TradingSessions sessions, final LiveOrders orders, final Deposits deposits,
        final ContinuousMatching matching, final AddressDeals addressDeals,
        final EventWriter events)
    {
        this.books = books;
        this.accreditation = accreditation;
        this.lots = lots;
        this.sessions = sessions;
        this.orders = orders;
        this.deposits = deposits;
        this.matching = matching;
        this.addressDeals = addressDeals;
        this.events = events;
        this.scheduled = sessions.anySchedule();
    }

    public void newOrder(final Command cmd)
    {
        ResultCode result = accreditation.checkParties(cmd, true);
        if (result == ResultCode.OK)
        {
            result = OrderChecks.checkNewOrder(cmd, books, accreditation, orders, lots);
        }
        if (result != ResultCode.OK)
        {
            events.reject(result);
            return;
        }
        if (cmd.counterparty != Command.NONE)
        {
            addressDeals.submit(cmd);
            return;
        }
        final OrderBook book = books[cmd.instrument];
        final int section = book.instrument.sectionIndex();
        final boolean continuous = PhasePolicy.matching(sessions.phase(section)) == PhasePolicy.Matching.CONTINUOUS;
        if (scheduled)
        {
            final PhasePolicy.Action action = cmd.orderType == OrderType.MARKET || !cmd.timeInForce.rests() ?
                PhasePolicy.Action.IMMEDIATE_ORDER : PhasePolicy.Action.RESTING_ORDER;
            result = sessions.allows(action, section);
        }
        final long guaranteePrice = book.instrument.guaranteePrice(cmd.orderType, cmd.price);
        if (result == ResultCode.OK)
        {
            result = deposits.reserve(cmd.beneficialOwner(), book.instrument, guaranteePrice, cmd.quantity, 0);
        }
        if (result != ResultCode.OK)
        {
            events.reject(result);
            return;
        }
        final Order order = orders.open(cmd, guaranteePrice, deposits.reserved());
        events.order(EventType.ACCEPTED, ResultCode.OK, order);
        if (continuous)
        {
            matching.submit(book, order);
        }
        else
        {
            orders.rest(book, order);
        }
    }

    public void cancel(final Command cmd)
    {
        final Order order = findOrder(cmd, false);
        if (order == null)
        {
            return;
        }
        if (order.isResting())
        {
            books[order.instrument].side(order.side).remove(order);
        }
        else
        {
            addressDeals.remove(order);
        }
        order.submitter = cmd.submitter;
        orders.finish(order, EventType.CANCELLED, ResultCode.CANCELLED_BY_PARTICIPANT);
    }

    public void replace(final Command cmd)
    {
        final Order order = findOrder(cmd, true);
        if (order == null)
        {
            return;
        }
        if (cmd.rejectCode != ResultCode.OK)
        {
            events.rejectOnOrder(cmd.rejectCode, order); // refused before the engine, e.g. a price that did not parse
            return;
        }
        if (cmd.instrument != Command.UNKNOWN && cmd.instrument != order.instrument)
        {
            events.rejectOnOrder(ResultCode.REPLACE_INSTRUMENT_MISMATCH, order); // its price was read at another scale
            return;
        }
        if (order.counterparty != Command.NONE)
        {
            events.rejectOnOrder(ResultCode.ADDRESS_ORDER_NOT_REPLACEABLE, order);
            return;
        }
        final OrderBook book = books[order.instrument];
        final Instrument instrument = book.instrument;
        final int section = instrument.sectionIndex();
        final Phase phase = sessions.phase(section);
        final boolean renames = cmd.newClientOrderId != 0 && cmd.newClientOrderId != order.clientOrderId;
        ResultCode result = OrderChecks.checkEntry(accreditation, order.owner, order.instrument,
            renames ? cmd.newClientOrderId : order.clientOrderId); // steps 4 and 5, as for a new order
        if (result == ResultCode.OK)
        {
            result = OrderChecks.checkQuantity(instrument, cmd.quantity);
        }
        if (result == ResultCode.OK)
        {
            result = PriceBand.check(instrument, cmd.price);
        }
        if (result == ResultCode.OK && cmd.newClientOrderId != 0 && order.owner != cmd.beneficialOwner())
        {
            result = ResultCode.REPLACE_OWNER_NOT_NAMED; // the new id was chosen among another participant's ids
        }
        if (result == ResultCode.OK && renames)
        {
            result = OrderChecks.checkNewId(orders, lots, order.owner, cmd.newClientOrderId);
        }
        if (result == ResultCode.OK)
        {
            result = sessions.allows(PhasePolicy.Action.REPLACE, section);
        }
        if (result == ResultCode.OK && cmd.quantity <= order.filled)
        {
            result = ResultCode.REPLACE_QUANTITY_NOT_ABOVE_FILLED;
        }
        final long newLeaves = cmd.quantity - order.filled;
        if (result == ResultCode.OK)
        {
            result = deposits.reserve(order.owner, instrument, cmd.price, newLeaves, order.blocked);
        }
        if (result != ResultCode.OK)
        {
            events.rejectOnOrder(result, order);
            return;
        }
        final long newBlocked = deposits.reserved();
        final BookSide side = book.side(order.side);
        final boolean keepsPriority = cmd.price == order.price && cmd.quantity <= order.quantity;
        if (renames)
        {
            orders.rename(order, cmd.newClientOrderId);
        }
        if (keepsPriority)
        {
            side.reduce(order, order.leaves - newLeaves);
        }
        else
        {
            side.remove(order);
            order.leaves = newLeaves;
            order.price = cmd.price;
            order.guaranteePrice = cmd.price;
        }
        order.quantity = cmd.quantity;
        order.submitter = cmd.submitter;
        deposits.hold(order, newBlocked);
        events.order(EventType.REPLACED, ResultCode.OK, order);
        if (!keepsPriority)
        {
            if (PhasePolicy.matching(phase) == PhasePolicy.Matching.CONTINUOUS)
            {
                matching.submit(book, order);
            }
            else
            {
                side.add(order);
            }
        }
    }

    /**
     * Checks the parties of a CANCEL or REPLACE (both ACTIVE when {@code mustBeActive}) and finds the order it names;
     * or writes the reject and returns null.
     */
    private Order findOrder(final Command cmd, final boolean mustBeActive)
    {
        final ResultCode parties = accreditation.checkParties(cmd, mustBeActive);
        if (parties != ResultCode.OK)
        {
            events.reject(parties);
            return null;
        }
        final int owner = cmd.beneficialOwner();
        if (cmd.exchangeOrderId != 0)
        {
            final Order order = orders.byExchangeId(cmd.exchangeOrderId);
            if (order == null)
            {
                events.reject(ResultCode.UNKNOWN_ORDER);
                return null;
            }
            if (order.owner != owner && !accreditation.actsFor(cmd.submitter, order.owner))
            {
                events.reject(ResultCode.ORDER_NOT_OWNED);
                return null;
            }
            if (mustBeActive && !accreditation.isActive(order.owner))
            {
                events.reject(ResultCode.PARTICIPANT_NOT_ACTIVE); // a broker's client it did not name
                return null;
            }
            return order;
        }
        final Order order = orders.byClientOrderId(owner, cmd.clientOrderId);
        if (order == null)
        {
            events.reject(ResultCode.UNKNOWN_ORDER);
        }
        return order;
    }
}
