package by.butb.engine.deposit;

import by.butb.engine.book.Order;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.ResultCode;
import by.butb.engine.core.SectionScope;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;

/**
 * Each participant's exchange deposit, in money minor units (free + blocked + feesPaid == deposited, always), and
 * the one path by which every commitment (order, address order, lot, lot bid) checks its guarantee and by which
 * trades are charged their fees; orders keep theirs with {@link #hold} and {@link #refresh}, lots and bids (which
 * are not orders) block and release theirs by amount:
 * <ul>
 * <li>{@link #reserve}: can the owner block the guarantee of a value (price x quantity) on top of what the same
 * commitment already holds? OK, {@code ORDER_VALUE_TOO_LARGE} (the value overflows a long) or
 * {@code INSUFFICIENT_DEPOSIT}; on OK, {@link #reserved()} is the guarantee to block;</li>
 * <li>{@link #hold}: an order's blocked amount becomes a new value (blocks or releases the difference);</li>
 * <li>{@link #refresh}: after a fill, an order holds the guarantee of its open quantity only: a filled quantity
 * releases its guarantee (settlement is outside the engine);</li>
 * <li>{@link #settle}: a trade's fee, charged to the buyer and to the seller.</li>
 * </ul>
 * Engine thread only.
 */
public final class Deposits
{
    private final MarketRules rules;
    private final long[] deposited;
    private final long[] free;
    private final long[] blocked;
    private final long[] feesPaid;
    private long reserved;

    /** Each participant's deposit as {@code scope} gives it: the whole deposit, or its share for one section. */
    public Deposits(final Catalog catalog, final MarketRules rules, final SectionScope scope)
    {
        this.rules = rules;
        final int n = catalog.participants().size();
        deposited = new long[n];
        free = new long[n];
        blocked = new long[n];
        feesPaid = new long[n];
        for (int i = 0; i < n; i++)
        {
            deposited[i] = scope.deposit(catalog.participant(i));
            free[i] = deposited[i];
        }
    }

    public long free(final int participant)
    {
        return free[participant];
    }

    public long blocked(final int participant)
    {
        return blocked[participant];
    }

    public long feesPaid(final int participant)
    {
        return feesPaid[participant];
    }

    public long deposited(final int participant)
    {
        return deposited[participant];
    }

    public void block(final int participant, final long amount)
    {
        free[participant] -= amount;
        blocked[participant] += amount;
    }

    public void release(final int participant, final long amount)
    {
        blocked[participant] -= amount;
        free[participant] += amount;
    }

    /** Charges a fee out of the free deposit (it may go below zero only if the guarantee is smaller than fees). */
    public void charge(final int participant, final long fee)
    {
        free[participant] -= fee;
        feesPaid[participant] += fee;
    }

    public void restore(final int participant, final long free, final long blocked, final long feesPaid)
    {
        this.free[participant] = free;
        this.blocked[participant] = blocked;
        this.feesPaid[participant] = feesPaid;
    }

    public int size()
    {
        return deposited.length;
    }

    /**
     * Checks that {@code owner} can hold the guarantee of {@code price x quantity} of {@code instrument}, of which
     * {@code held} is already blocked for the same commitment.
     *
     * @return OK (then {@link #reserved()} is the whole guarantee), ORDER_VALUE_TOO_LARGE or INSUFFICIENT_DEPOSIT.
     */
    public ResultCode reserve(final int owner, final Instrument instrument, final long price, final long quantity,
        final long held)
    {
        final long notional = instrument.notional(price, quantity);
        if (notional < 0)
        {
            reserved = 0;
            return ResultCode.ORDER_VALUE_TOO_LARGE;
        }
        reserved = rules.guarantee(notional);
        return reserved - held > free[owner] ? ResultCode.INSUFFICIENT_DEPOSIT : ResultCode.OK;
    }

    /** The guarantee the last successful {@link #reserve} computed. */
    public long reserved()
    {
        return reserved;
    }

    /** Makes {@code order} hold {@code amount}: blocks or releases the difference to what it holds now. */
    public void hold(final Order order, final long amount)
    {
        final long delta = amount - order.blocked;
        if (delta > 0)
        {
            block(order.owner, delta);
        }
        else if (delta < 0)
        {
            release(order.owner, -delta);
        }
        order.blocked = amount;
    }

    /** Makes {@code order} hold the guarantee of its open quantity at its guarantee price. */
    public void refresh(final Instrument instrument, final Order order)
    {
        hold(order, rules.guarantee(instrument.notional(order.guaranteePrice, order.leaves)));
    }

    /** Releases everything {@code order} holds. */
    public void releaseAll(final Order order)
    {
        if (order.blocked != 0)
        {
            hold(order, 0);
        }
    }

    /**
     * Charges the fee of a trade of {@code price x quantity} to the buyer and to the seller.
     *
     * @return the fee each paid.
     */
    public long settle(final Instrument instrument, final int buyer, final int seller, final long price,
        final long quantity)
    {
        final long fee = rules.fee(instrument.notional(price, quantity));
        charge(buyer, fee);
        charge(seller, fee);
        return fee;
    }
}
