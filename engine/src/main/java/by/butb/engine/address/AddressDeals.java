package by.butb.engine.address;

import by.butb.engine.book.LiveOrders;
import by.butb.engine.book.Order;
import by.butb.engine.book.OrderBook;
import by.butb.engine.core.Command;
import by.butb.engine.core.EventType;
import by.butb.engine.core.EventWriter;
import by.butb.engine.core.ResultCode;
import by.butb.engine.core.TradeKind;
import by.butb.engine.deposit.Deposits;
import by.butb.engine.matching.TradeExecution;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.rules.PhasePolicy;
import by.butb.engine.session.TradingSessions;

import java.util.ArrayList;
import java.util.List;

/**
 * Address (non-anonymous) deals, BUTB's dairy export session: a NEW_ORDER naming a {@code counterparty} posts a
 * LIMIT DAY/GTC address order that only that participant can take, outside the anonymous book; one naming also the
 * counterparty's order ({@code counterpartyOrderId}) takes it, on the other side, at its price, for at most its
 * open quantity (an ADDRESS_DEAL trade). With a session schedule, only in the ADDRESS phase. Engine thread only.
 */
public final class AddressDeals
{
    private final OrderBook[] books;
    private final TradingSessions sessions;
    private final LiveOrders orders;
    private final Deposits deposits;
    private final TradeExecution trades;
    private final EventWriter events;
    private final int participants;
    /** Address orders waiting for their counterparty, oldest first. */
    private final ArrayList<Order> waiting = new ArrayList<>();

    public AddressDeals(final OrderBook[] books, final TradingSessions sessions, final LiveOrders orders,
        final Deposits deposits, final TradeExecution trades,
        final EventWriter events, final int participants)
    {
        this.books = books;
        this.sessions = sessions;
        this.orders = orders;
        this.deposits = deposits;
        this.trades = trades;
        this.events = events;
        this.participants = participants;
    }

    /** A NEW_ORDER with a counterparty, whose parties and terms are checked: posts or takes an address order. */
    public void submit(final Command cmd)
    {
        final int section = books[cmd.instrument].instrument.sectionIndex();
        ResultCode result = sessions.allows(PhasePolicy.Action.ADDRESS_ORDER, section);
        if (result != ResultCode.OK)
        {
            events.reject(result);
            return;
        }
        if (cmd.counterparty < 0 || cmd.counterparty >= participants)
        {
            result = ResultCode.UNKNOWN_COUNTERPARTY;
        }
        else if (cmd.counterparty == cmd.beneficialOwner())
        {
            result = ResultCode.SELF_ADDRESSED;
        }
        else if (cmd.orderType != OrderType.LIMIT)
        {
            result = ResultCode.ADDRESS_TERMS_MISMATCH;
        }
        if (result != ResultCode.OK)
        {
            events.reject(result);
            return;
        }
        if (cmd.counterpartyOrderId == 0)
        {
            post(cmd);
        }
        else
        {
            take(cmd);
        }
    }

    private void post(final Command cmd)
    {
        if (!cmd.timeInForce.rests())
        {
            events.reject(ResultCode.ADDRESS_TERMS_MISMATCH);
            return;
        }
        final ResultCode result = deposits.reserve(cmd.beneficialOwner(), books[cmd.instrument].instrument,
            cmd.price, cmd.quantity, 0);
        if (result != ResultCode.OK)
        {
            events.reject(result);
            return;
        }
        final Order order = orders.open(cmd, cmd.price, deposits.reserved());
        order.counterparty = cmd.counterparty;
        waiting.add(order);
        orders.index(order);
        events.order(EventType.ACCEPTED, ResultCode.OK, order);
    }

    private void take(final Command cmd)
    {
        final int owner = cmd.beneficialOwner();
        final Order target = orders.byClientOrderId(cmd.counterparty, cmd.counterpartyOrderId);
        ResultCode result = ResultCode.OK;
        if (target == null || target.counterparty == Command.NONE)
        {
            result = ResultCode.UNKNOWN_ORDER;
        }
        else if (target.counterparty != owner)
        {
            result = ResultCode.NOT_ADDRESSEE;
        }
        else if (target.instrument != cmd.instrument || target.side == cmd.side ||
            cmd.price != target.price || cmd.quantity > target.leaves)
        {
            result = ResultCode.ADDRESS_TERMS_MISMATCH;
        }
        final OrderBook book = books[cmd.instrument];
        if (result == ResultCode.OK)
        {
            result = deposits.reserve(owner, book.instrument, target.price, cmd.quantity, 0);
        }
        if (result != ResultCode.OK)
        {
            events.reject(result);
            return;
        }
        final Order taker = orders.open(cmd, target.price, deposits.reserved());
        taker.price = target.price;
        taker.counterparty = target.owner;
        events.order(EventType.ACCEPTED, ResultCode.OK, taker);
        final Order buy = taker.side == Side.BUY ? taker : target;
        final Order sell = taker.side == Side.BUY ? target : taker;
        trades.execute(book, buy, sell, target.price, taker.quantity, TradeKind.ADDRESS_DEAL, taker);
        orders.release(taker);
        if (target.leaves == 0)
        {
            waiting.remove(target);
            orders.release(target);
        }
    }

    /** Takes a live address order out of the waiting ones (before it is cancelled). */
    public void remove(final Order order)
    {
        waiting.remove(order);
    }

    /**
     * Expires the DAY address orders entered before {@code day}, of one section or, with {@code section} -1, of
     * every section.
     */
    public void expireDayOrders(final int section, final long day)
    {
        for (int i = 0; i < waiting.size(); )
        {
            final Order o = waiting.get(i);
            if (o.isDayOrderBefore(day) &&
                (section < 0 || books[o.instrument].instrument.sectionIndex() == section))
            {
                waiting.remove(i);
                orders.finish(o, EventType.EXPIRED, ResultCode.DAY_ORDER_EXPIRED);
            }
            else
            {
                i++;
            }
        }
    }

    /** Restores an address order from a snapshot (already indexed). */
    public void restore(final Order order)
    {
        waiting.add(order);
    }

    /** Address orders waiting for their counterparty, oldest first; read only. */
    public List<Order> waiting()
    {
        return waiting;
    }
}
