package by.butb.engine.core;

import by.butb.engine.address.AddressDeals;
import by.butb.engine.book.BookSide;
import by.butb.engine.book.LiveOrders;
import by.butb.engine.book.Order;
import by.butb.engine.book.OrderBook;
import by.butb.engine.book.OrderKey;
import by.butb.engine.deposit.Deposits;
import by.butb.engine.lots.Lot;
import by.butb.engine.lots.LotAuctions;
import by.butb.engine.lots.LotRegistry;
import by.butb.engine.matching.CallAuction;
import by.butb.engine.matching.ContinuousMatching;
import by.butb.engine.matching.TradeExecution;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Phase;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import by.butb.engine.orders.OrderEntry;
import by.butb.engine.rules.Accreditation;
import by.butb.engine.rules.OrderChecks;
import by.butb.engine.session.DayOrderExpiry;
import by.butb.engine.session.TradingDay;
import by.butb.engine.session.TradingSessions;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The business logic, one command at a time: it wires the mechanisms and hands each command to the one that
 * applies it. Before a command takes effect, time moves on: lots due close ({@link LotAuctions}), sections enter
 * the phases the command's time has passed ({@link TradingSessions}, with the opening {@link CallAuction}), and a
 * new trading day expires the DAY orders of the earlier one ({@link DayOrderExpiry}). Then:
 * <ul>
 * <li>NEW_ORDER, CANCEL, REPLACE: {@link OrderEntry} (checks: {@link Accreditation}, {@link OrderChecks},
 * {@link by.butb.engine.rules.PhasePolicy}, {@link Deposits}; then {@link ContinuousMatching}, the book, or
 * {@link AddressDeals});</li>
 * <li>LOT_OFFER, LOT_BID: {@link LotAuctions};</li>
 * <li>CLOCK: nothing more; INVALID: rejected with its code (a REPLACE carrying a code is refused with it on the
 * order it names).</li>
 * </ul>
 * Events are written by {@link EventWriter}; the state is digested and snapshotted by {@link EngineState}.
 *
 * <p>Threading: single-threaded; {@link #process} and every query must be called from the same thread (the
 * pipeline's logic thread), or with external synchronisation. Determinism: the engine reads no clock and no random
 * source; everything it does follows from the commands in order. Allocation: none in steady state (pooled orders
 * and levels, primitive maps); pools and maps only grow while the book grows past its largest size so far, the
 * exchange-id index is allocated by the first command that names an order by its exchange id (see
 * {@link LiveOrders}), and each lot offered is a new object.
 */
public final class MatchingEngine
{
    /** Client order ids are positive and below this bound. */
    public static final long MAX_CLIENT_ORDER_ID = OrderKey.MAX_CLIENT_ORDER_ID;

    private final Catalog catalog;
    private final MarketRules rules;
    private final SectionScope scope;
    private final OrderBook[] books;
    private final Deposits deposits;
    private final LiveOrders orders;
    private final TradingDay tradingDay = new TradingDay();
    private final TradingSessions sessions;
    private final DayOrderExpiry dayOrderExpiry;
    private final LotRegistry lots = new LotRegistry();
    private final LotAuctions lotAuctions;
    private final AddressDeals addressDeals;
    private final OrderEntry orderEntry;
    private final EventWriter events;
    private final EngineState state;
    private long lastSequence = -1;
    /** No command before this time (epoch nanoseconds) closes a lot, changes a phase or starts a trading day. */
    private long timeDue = Long.MIN_VALUE;

    public MatchingEngine(final Catalog catalog, final MarketRules rules)
    {
        this(catalog, rules, 1024);
    }

    public MatchingEngine(final Catalog catalog, final MarketRules rules, final int expectedOrders)
    {
        this(catalog, rules, SessionSchedule.NONE, expectedOrders);
    }

    /**
     * @param schedule       session phases per section ({@link SessionSchedule#NONE}: continuous trading).
     * @param expectedOrders live orders to pre-allocate room for (pool and indexes).
     */
    public MatchingEngine(final Catalog catalog, final MarketRules rules, final SessionSchedule schedule,
        final int expectedOrders)
    {
        this(catalog, rules, schedule, expectedOrders, SectionScope.ALL);
    }

    /**
     * An engine of {@code scope}: every section ({@link SectionScope#ALL}, as the other constructors), or one
     * section of the catalog, with that section's deposit shares and id numbering.
     */
    public MatchingEngine(final Catalog catalog, final MarketRules rules, final SessionSchedule schedule,
        final int expectedOrders, final SectionScope scope)
    {
        final int participants = catalog.participants().size();
        if (participants >= OrderKey.MAX_PARTICIPANTS)
        {
            throw new IllegalArgumentException("at most " + (OrderKey.MAX_PARTICIPANTS - 1) +
                " participants are supported");
        }
        this.catalog = catalog;
        this.rules = rules;
        this.scope = scope;
        if (scope.sections() != catalog.sections().size() && !scope.isAll())
        {
            throw new IllegalArgumentException("a scope of " + scope.sections() + " sections for a catalog of " +
                catalog.sections().size());
        }
        books = new OrderBook[catalog.instruments().size()];
        for (int i = 0; i < books.length; i++)
        {
            books[i] = new OrderBook(catalog.instrument(i));
        }
        deposits = new Deposits(catalog, rules, scope);
        events = new EventWriter();
        events.numberIds(scope.firstId(), scope.idStride());
        orders = new LiveOrders(expectedOrders, participants, deposits, events);
        orders.numberIds(scope.firstId(), scope.idStride());
        final Accreditation accreditation = new Accreditation(catalog, scope);
        final TradeExecution trades = new TradeExecution(deposits, events, orders);
        sessions = new TradingSessions(schedule, catalog.sections().size(), books, tradingDay, events);
        addressDeals = new AddressDeals(books, sessions, orders, deposits, trades, events, participants);
        dayOrderExpiry = new DayOrderExpiry(books, addressDeals, orders);
        sessions.wire(new CallAuction(trades, orders), dayOrderExpiry);
        lotAuctions = new LotAuctions(accreditation, books, sessions, deposits, events, orders, lots);
        orderEntry = new OrderEntry(books, accreditation, lots, sessions, orders, deposits,
            new ContinuousMatching(trades, orders), addressDeals, events);
        state = new EngineState(books, deposits, events, tradingDay, sessions, addressDeals, lots, orders);
    }

    public Catalog catalog()
    {
        return catalog;
    }

    public MarketRules rules()
    {
        return rules;
    }

    /** The sections this engine trades. */
    public SectionScope scope()
    {
        return scope;
    }

    /**
     * Applies one command and appends its outcome to {@code out} (which is not cleared): first what the passing
     * of time sets off (lots closing, phase changes, DAY orders expiring on a new trading day), then the command's
     * own events.
     */
    public void process(final Command cmd, final EventList out)
    {
        events.begin(cmd, out);
        lastSequence = cmd.sequence;
        if (cmd.timeNanos >= timeDue)
        {
            passTime(cmd.timeNanos);
        }
        switch (cmd.type)
        {
            case NEW_ORDER -> orderEntry.newOrder(cmd);
            case CANCEL -> orderEntry.cancel(cmd);
            case REPLACE -> orderEntry.replace(cmd);
            case LOT_OFFER ->
            {
                lotAuctions.offer(cmd);
                timeDue = Math.min(timeDue, lots.nextClose());
            }
            case LOT_BID -> lotAuctions.bid(cmd);
            case CLOCK ->
            {
            }
            case INVALID -> events.reject(cmd.rejectCode == ResultCode.OK ? ResultCode.MALFORMED_INPUT :
                cmd.rejectCode);
            default -> throw new IllegalStateException("unhandled command type " + cmd.type);
        }
        events.end();
    }

    /**
     * Reads, changing nothing, what processing {@code cmd} will read first from memory that is likely not in the
     * cache: for a cancel or replace by client order id, {@code stage} 1 reads its entry in the client-order index,
     * stage 2 the order itself and the orders beside it in its price level. A thread that holds a batch of commands
     * calls stage 1 for each of them, then stage 2 for each, then processes them: the cache misses of the batch
     * overlap instead of stopping the processor one command at a time. Returns a value made of what was read, for
     * the caller to keep (so that the reads are not optimised away). Engine thread.
     */
    public long touch(final Command cmd, final int stage)
    {
        if ((cmd.type != CommandType.CANCEL && cmd.type != CommandType.REPLACE) || cmd.exchangeOrderId != 0)
        {
            return 0;
        }
        return stage == 1 ? orders.touchIndex(cmd.beneficialOwner(), cmd.clientOrderId) :
            orders.touchOrder(cmd.beneficialOwner(), cmd.clientOrderId);
    }

    /**
     * What the passing of time sets off before a command applies: the first command of a new trading day forgets the
     * lots closed on earlier days, lots due close, sections enter the phases the time has passed, a new trading day
     * expires the DAY orders of the earlier one. Then {@link #timeDue} is the earliest time at which any of these
     * can happen again.
     */
    private void passTime(final long time)
    {
        final boolean mayRoll = tradingDay.mayRoll(time);
        if (mayRoll && tradingDay.isLaterDay(time))
        {
            lots.dropClosedBefore(TradingDay.startOf(TradingDay.dayOf(time))); // before this command closes any
        }
        if (time >= lots.nextClose())
        {
            lotAuctions.closeDue(time);
        }
        if (sessions.mayChangePhase())
        {
            sessions.advance(time);
        }
        if (mayRoll)
        {
            final boolean newDay = tradingDay.roll(time);
            orders.enterDay(tradingDay.current());
            if (newDay)
            {
                dayOrderExpiry.expireAll(tradingDay.current());
            }
        }
        timeDue = sessions.anySchedule() ? Long.MIN_VALUE : Math.min(lots.nextClose(), tradingDay.nextDayStart());
    }

    /**
     * The key the engine finds an order or lot by: unique per (beneficial owner, client order id) for client order
     * ids below {@link #MAX_CLIENT_ORDER_ID}. For a gateway or tool that keys its own maps the same way.
     */
    public static long clientOrderKey(final int owner, final long clientOrderId)
    {
        return OrderKey.of(owner, clientOrderId);
    }

    /** Whether a live order (resting, or an address order waiting) has this beneficial owner and client order id. */
    public boolean hasLiveOrder(final int owner, final long clientOrderId)
    {
        return orders.byClientOrderId(owner, clientOrderId) != null;
    }

    // ---------------------------------------------------------------- queries (engine thread only)

    /** Current session phase of a section (CONTINUOUS when it has no schedule). */
    public Phase phase(final int section)
    {
        return sessions.phase(section);
    }

    /** Sequence of the last command processed, -1 before the first. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** Number of live orders resting in the books or waiting as address orders. */
    public int liveOrderCount()
    {
        return orders.size();
    }

    public long freeDeposit(final int participant)
    {
        return deposits.free(participant);
    }

    public long blockedDeposit(final int participant)
    {
        return deposits.blocked(participant);
    }

    public long feesPaid(final int participant)
    {
        return deposits.feesPaid(participant);
    }

    public long deposited(final int participant)
    {
        return deposits.deposited(participant);
    }

    /** Number of price levels on one side of an instrument's book. */
    public int depth(final int instrument, final Side side)
    {
        return books[instrument].side(side).levelCount();
    }

    /** Price of the level at {@code rank} (0 = best) on one side. */
    public long levelPrice(final int instrument, final Side side, final int rank)
    {
        return books[instrument].side(side).level(rank).price();
    }

    /** Open quantity of the level at {@code rank} (0 = best) on one side. */
    public long levelQuantity(final int instrument, final Side side, final int rank)
    {
        return books[instrument].side(side).level(rank).totalLeaves();
    }

    /** Number of orders of the level at {@code rank} (0 = best) on one side. */
    public int levelOrderCount(final int instrument, final Side side, final int rank)
    {
        return books[instrument].side(side).level(rank).orderCount();
    }

    /** The call auction's indicative opening price of an instrument's book now (read-only), or -1: no cross. */
    public long indicativePrice(final int instrument)
    {
        return CallAuction.indicativePrice(books[instrument]);
    }

    /** The quantity the call auction would trade at {@code price} in an instrument's book now (read-only). */
    public long indicativeVolume(final int instrument, final long price)
    {
        return CallAuction.indicativeVolume(books[instrument], price);
    }

    /**
     * Deposit held for a participant's live commitments, recomputed from them: resting and address orders, open
     * lots and best bids. Equals {@link #blockedDeposit} at all times (an invariant tests check). O(live orders).
     */
    public long blockedByCommitments(final int participant)
    {
        long sum = 0;
        for (final OrderBook book : books)
        {
            sum += blockedBy(book.bids, participant) + blockedBy(book.asks, participant);
        }
        for (final Order o : addressDeals.waiting())
        {
            sum += o.owner == participant ? o.blocked : 0;
        }
        for (final Lot lot : lots.open())
        {
            sum += lot.owner == participant ? lot.blocked : 0;
            sum += lot.hasBid && lot.bidOwner == participant ? lot.bidBlocked : 0;
        }
        return sum;
    }

    private static long blockedBy(final BookSide side, final int participant)
    {
        long sum = 0;
        for (int rank = 0, n = side.levelCount(); rank < n; rank++)
        {
            for (Order o = side.level(rank).head(); o != null; o = o.next())
            {
                sum += o.owner == participant ? o.blocked : 0;
            }
        }
        return sum;
    }

    /** Number of address orders waiting for their counterparty. */
    public int addressOrderCount()
    {
        return addressDeals.waiting().size();
    }

    /** Number of lots whose auction is still open. */
    public int openLotCount()
    {
        return lots.open().size();
    }

    /** Number of lots the engine holds: the open ones and those closed since the current trading day began. */
    public int heldLotCount()
    {
        return lots.all().size();
    }

    /** Visits the resting orders of one side, best level first and oldest first within a level. */
    public void forEachRestingOrder(final int instrument, final Side side, final RestingOrderVisitor visitor)
    {
        final BookSide bookSide = books[instrument].side(side);
        for (int rank = 0, n = bookSide.levelCount(); rank < n; rank++)
        {
            for (Order o = bookSide.level(rank).head(); o != null; o = o.next())
            {
                visitor.visit(o.orderId, o.clientOrderId, o.owner, o.submitter, o.timeInForce, o.price, o.quantity,
                    o.leaves, o.filled, o.filledValue, o.blocked);
            }
        }
    }

    /**
     * Visits the address orders waiting for their counterparty, oldest first (orders fully taken, cancelled or
     * expired are gone). Cold path: for a gateway adopting the open orders after a restart.
     */
    public void forEachAddressOrder(final AddressOrderVisitor visitor)
    {
        for (final Order o : addressDeals.waiting())
        {
            visitor.visit(o.orderId, o.clientOrderId, o.owner, o.submitter, o.instrument, o.side, o.timeInForce,
                o.price, o.quantity, o.leaves, o.filled, o.filledValue, o.blocked, o.counterparty);
        }
    }

    /** Visits the lots whose auction is still open, in offer order (closed lots are not visited). Cold path. */
    public void forEachOpenLot(final OpenLotVisitor visitor)
    {
        for (final Lot lot : lots.open())
        {
            visitor.visit(lot.lotId, lot.clientOrderId, lot.owner, lot.submitter, lot.instrument, lot.side,
                lot.quantity, lot.startPrice, lot.bidStep, lot.closeTime, lot.blocked);
        }
    }

    /**
     * Visits the standing (best) bid of every open lot that has one, in offer order of the lots. Only the best bid
     * of a lot is held: a beaten bid has ended. Cold path.
     */
    public void forEachStandingBid(final StandingBidVisitor visitor)
    {
        for (final Lot lot : lots.open())
        {
            if (lot.hasBid)
            {
                visitor.visit(lot.lotId, lot.bidId, lot.bidClientOrderId, lot.bidOwner, lot.bidSubmitter,
                    lot.instrument, lot.side.opposite(), lot.bidPrice, lot.quantity, lot.bidBlocked);
            }
        }
    }

    /**
     * A 64-bit digest of the whole state (deposits, every book in priority order, id counters, trading day, phases,
     * address orders, lots): equal states give equal hashes, so two runs, or a run and its recovery, can be
     * compared cheaply.
     */
    public long stateHash()
    {
        return state.hash();
    }

    void writeState(final DataOutputStream out) throws IOException
    {
        state.write(out, lastSequence);
    }

    void readState(final DataInputStream in, final boolean filledValues) throws IOException
    {
        if (lastSequence != -1)
        {
            throw new IllegalStateException("a snapshot can only be loaded into a fresh engine");
        }
        lastSequence = state.read(in, filledValues);
        orders.enterDay(tradingDay.current());
        timeDue = Long.MIN_VALUE;
    }

    /**
     * Callback for {@link #forEachRestingOrder}. Money in minor units; price and quantities scaled;
     * {@code filledValue} is {@link Order#filledValue}: the sum of price x quantity of the fills, or
     * {@link Order#VALUE_UNKNOWN}.
     */
    @FunctionalInterface
    public interface RestingOrderVisitor
    {
        void visit(long orderId, long clientOrderId, int owner, int submitter, TimeInForce timeInForce, long price,
            long quantity, long leaves, long filled, long filledValue, long blocked);
    }

    /**
     * Callback for {@link #forEachAddressOrder}. Money in minor units; price and quantities scaled;
     * {@code filledValue} as for {@link RestingOrderVisitor}; {@code counterparty} is the participant index of the
     * only party allowed to take the order.
     */
    @FunctionalInterface
    public interface AddressOrderVisitor
    {
        void visit(long orderId, long clientOrderId, int owner, int submitter, int instrument, Side side,
            TimeInForce timeInForce, long price, long quantity, long leaves, long filled, long filledValue,
            long blocked, int counterparty);
    }

    /**
     * Callback for {@link #forEachOpenLot}. {@code lotId} is the lot's exchange order id; {@code side} SELL for a
     * seller's (ascending) auction, BUY for a buyer's (descending) one; {@code closeTimeNanos} epoch nanoseconds,
     * UTC; money in minor units; prices and quantity scaled.
     */
    @FunctionalInterface
    public interface OpenLotVisitor
    {
        void visit(long lotId, long clientOrderId, int owner, int submitter, int instrument, Side side, long quantity,
            long startPrice, long bidStep, long closeTimeNanos, long blocked);
    }

    /**
     * Callback for {@link #forEachStandingBid}. {@code bidId} is the bid's exchange order id, {@code side} the
     * bid's own side (opposite to the lot's), {@code quantity} the lot's (a bid is for the whole lot); money in
     * minor units; price and quantity scaled.
     */
    @FunctionalInterface
    public interface StandingBidVisitor
    {
        void visit(long lotId, long bidId, long clientOrderId, int owner, int submitter, int instrument, Side side,
            long price, long quantity, long blocked);
    }
}
