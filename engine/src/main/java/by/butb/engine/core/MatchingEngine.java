package by.butb.engine.core;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Participant;
import by.butb.engine.model.ParticipantStatus;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The business logic: accreditation and order checks, deposits, and continuous price-time matching for every
 * instrument of the catalog.
 *
 * <p>Threading: single-threaded; {@link #process} and every query must be called from the same thread (the
 * pipeline's logic thread), or with external synchronisation. Determinism: the engine reads no clock and no random
 * source; everything it does follows from the commands in order. Allocation: none in steady state (pooled orders
 * and levels, primitive maps); pools and maps only grow while the book grows past its largest size so far.
 */
public final class MatchingEngine
{
    /** Client order ids are positive and below this bound. */
    public static final long MAX_CLIENT_ORDER_ID = 1L << 40;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final int MAX_PARTICIPANTS = 1 << 23;

    private final Catalog catalog;
    private final MarketRules rules;
    private final OrderBook[] books;
    private final Deposits deposits;
    private final OrderPool pool;
    private final Long2ObjectHashMap<Order> ordersById;
    private final Long2ObjectHashMap<Order> ordersByClientKey;

    private long nextOrderId = 1;
    private long nextTradeId = 1;
    private long currentDay = Long.MIN_VALUE;
    private long lastSequence = -1;

    private Command command;
    private EventList out;

    public MatchingEngine(final Catalog catalog, final MarketRules rules)
    {
        this(catalog, rules, 1024);
    }

    /** @param expectedOrders live orders to pre-allocate room for (pool and indexes). */
    public MatchingEngine(final Catalog catalog, final MarketRules rules, final int expectedOrders)
    {
        if (catalog.participants().size() >= MAX_PARTICIPANTS)
        {
            throw new IllegalArgumentException("at most " + (MAX_PARTICIPANTS - 1) + " participants are supported");
        }
        this.catalog = catalog;
        this.rules = rules;
        this.books = new OrderBook[catalog.instruments().size()];
        for (int i = 0; i < books.length; i++)
        {
            books[i] = new OrderBook(catalog.instrument(i));
        }
        this.deposits = new Deposits(catalog);
        this.pool = new OrderPool(expectedOrders);
        final int capacity = Math.max(64, (int)Math.min(1 << 30, expectedOrders * 2L));
        this.ordersById = new Long2ObjectHashMap<>(capacity, 0.6f);
        this.ordersByClientKey = new Long2ObjectHashMap<>(capacity, 0.6f);
    }

    public Catalog catalog()
    {
        return catalog;
    }

    public MarketRules rules()
    {
        return rules;
    }

    /**
     * Applies one command and appends its outcome to {@code events} (which is not cleared): possibly expiries of
     * DAY orders when the command opens a new trading day, then the command's own events.
     */
    public void process(final Command cmd, final EventList events)
    {
        this.command = cmd;
        this.out = events;
        lastSequence = cmd.sequence;
        rollDay(cmd.timeNanos);
        switch (cmd.type)
        {
            case NEW_ORDER -> newOrder(cmd);
            case CANCEL -> cancel(cmd);
            case REPLACE -> replace(cmd);
            case INVALID -> reject(cmd, cmd.rejectCode == ResultCode.OK ? ResultCode.MALFORMED_INPUT : cmd.rejectCode);
            default -> throw new IllegalStateException("unhandled command type " + cmd.type);
        }
        this.command = null;
        this.out = null;
    }

    private void newOrder(final Command cmd)
    {
        ResultCode result = checkParties(cmd, true);
        if (result == ResultCode.OK)
        {
            result = checkNewOrder(cmd);
        }
        if (result != ResultCode.OK)
        {
            reject(cmd, result);
            return;
        }
        final int owner = cmd.beneficialOwner();
        final OrderBook book = books[cmd.instrument];
        final long guaranteePrice = cmd.orderType == OrderType.MARKET ? book.instrument.highPrice() : cmd.price;
        final long notional = book.instrument.notional(guaranteePrice, cmd.quantity);
        if (notional < 0)
        {
            reject(cmd, ResultCode.ORDER_VALUE_TOO_LARGE);
            return;
        }
        final long guarantee = rules.guarantee(notional);
        if (guarantee > deposits.free(owner))
        {
            reject(cmd, ResultCode.INSUFFICIENT_DEPOSIT);
            return;
        }

        final Order order = pool.acquire();
        order.orderId = nextOrderId++;
        order.clientOrderId = cmd.clientOrderId;
        order.owner = owner;
        order.submitter = cmd.submitter;
        order.instrument = cmd.instrument;
        order.side = cmd.side;
        order.type = cmd.orderType;
        order.timeInForce = cmd.timeInForce;
        order.price = cmd.orderType == OrderType.MARKET ? 0 : cmd.price;
        order.guaranteePrice = guaranteePrice;
        order.quantity = cmd.quantity;
        order.leaves = cmd.quantity;
        order.filled = 0;
        order.blocked = guarantee;
        order.day = currentDay;
        deposits.block(owner, guarantee);
        ordersById.put(order.orderId, order);
        ordersByClientKey.put(clientKey(owner, order.clientOrderId), order);
        orderEvent(EventType.ACCEPTED, ResultCode.OK, order);

        if (order.timeInForce == TimeInForce.FOK && !canFillCompletely(book, order))
        {
            finish(order, EventType.CANCELLED, ResultCode.FOK_NOT_FILLED);
            return;
        }
        match(book, order);
        restOrFinish(book, order);
    }

    private void cancel(final Command cmd)
    {
        final ResultCode result = checkParties(cmd, false);
        if (result != ResultCode.OK)
        {
            reject(cmd, result);
            return;
        }
        final Order order = findOrder(cmd);
        if (order == null)
        {
            return;
        }
        books[order.instrument].side(order.side).remove(order);
        order.submitter = cmd.submitter;
        finish(order, EventType.CANCELLED, ResultCode.CANCELLED_BY_PARTICIPANT);
    }

    private void replace(final Command cmd)
    {
        ResultCode result = checkParties(cmd, true);
        if (result != ResultCode.OK)
        {
            reject(cmd, result);
            return;
        }
        final Order order = findOrder(cmd);
        if (order == null)
        {
            return;
        }
        final OrderBook book = books[order.instrument];
        final Instrument instrument = book.instrument;
        result = checkQuantity(instrument, cmd.quantity);
        if (result == ResultCode.OK)
        {
            result = checkLimitPrice(instrument, cmd.price);
        }
        final boolean renames = cmd.newClientOrderId != 0 && cmd.newClientOrderId != order.clientOrderId;
        if (result == ResultCode.OK && renames)
        {
            if (cmd.newClientOrderId < 0 || cmd.newClientOrderId >= MAX_CLIENT_ORDER_ID)
            {
                result = ResultCode.ORDER_ID_INVALID;
            }
            else if (ordersByClientKey.containsKey(clientKey(order.owner, cmd.newClientOrderId)))
            {
                result = ResultCode.DUPLICATE_ORDER_ID;
            }
        }
        if (result == ResultCode.OK && cmd.quantity <= order.filled)
        {
            result = ResultCode.REPLACE_QUANTITY_NOT_ABOVE_FILLED;
        }
        final long newLeaves = cmd.quantity - order.filled;
        final long notional = instrument.notional(cmd.price, newLeaves);
        if (result == ResultCode.OK && notional < 0)
        {
            result = ResultCode.ORDER_VALUE_TOO_LARGE;
        }
        final long newBlocked = result == ResultCode.OK ? rules.guarantee(notional) : 0;
        if (result == ResultCode.OK && newBlocked - order.blocked > deposits.free(order.owner))
        {
            result = ResultCode.INSUFFICIENT_DEPOSIT;
        }
        if (result != ResultCode.OK)
        {
            rejectOnOrder(cmd, result, order);
            return;
        }

        final BookSide side = book.side(order.side);
        final boolean keepsPriority = cmd.price == order.price && cmd.quantity <= order.quantity;
        if (renames)
        {
            ordersByClientKey.remove(clientKey(order.owner, order.clientOrderId));
            order.clientOrderId = cmd.newClientOrderId;
            ordersByClientKey.put(clientKey(order.owner, order.clientOrderId), order);
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
        adjustBlocked(order, newBlocked);
        orderEvent(EventType.REPLACED, ResultCode.OK, order);
        if (!keepsPriority)
        {
            match(book, order);
            restOrFinish(book, order);
        }
    }

    // ---------------------------------------------------------------- matching

    private void match(final OrderBook book, final Order aggressor)
    {
        final BookSide opposite = book.side(aggressor.side.opposite());
        while (aggressor.leaves > 0)
        {
            final PriceLevel level = opposite.best();
            if (level == null || !crosses(aggressor, level.price))
            {
                return;
            }
            Order resting = level.head;
            while (resting != null && aggressor.leaves > 0)
            {
                final Order next = resting.next;
                if (resting.owner == aggressor.owner)
                {
                    opposite.remove(resting);
                    finish(resting, EventType.CANCELLED, ResultCode.SELF_MATCH_PREVENTED);
                }
                else
                {
                    trade(book, opposite, aggressor, resting);
                }
                resting = next;
            }
        }
    }

    private static boolean crosses(final Order aggressor, final long restingPrice)
    {
        if (aggressor.type == OrderType.MARKET)
        {
            return true;
        }
        return aggressor.side == Side.BUY ? restingPrice <= aggressor.price : restingPrice >= aggressor.price;
    }

    private boolean canFillCompletely(final OrderBook book, final Order aggressor)
    {
        final BookSide opposite = book.side(aggressor.side.opposite());
        long available = 0;
        for (int rank = 0, levels = opposite.levelCount(); rank < levels; rank++)
        {
            final PriceLevel level = opposite.level(rank);
            if (!crosses(aggressor, level.price))
            {
                return false;
            }
            for (Order o = level.head; o != null; o = o.next)
            {
                if (o.owner != aggressor.owner)
                {
                    available += o.leaves;
                    if (available >= aggressor.leaves)
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void trade(final OrderBook book, final BookSide opposite, final Order aggressor, final Order resting)
    {
        final long quantity = Math.min(aggressor.leaves, resting.leaves);
        final long price = resting.price;
        opposite.reduce(resting, quantity);
        resting.filled += quantity;
        aggressor.leaves -= quantity;
        aggressor.filled += quantity;
        adjustBlocked(resting, guaranteeFor(book.instrument, resting));
        adjustBlocked(aggressor, guaranteeFor(book.instrument, aggressor));
        final long fee = rules.fee(book.instrument.notional(price, quantity));
        deposits.charge(aggressor.owner, fee);
        deposits.charge(resting.owner, fee);

        final Order buy = aggressor.side == Side.BUY ? aggressor : resting;
        final Order sell = aggressor.side == Side.BUY ? resting : aggressor;
        final EngineEvent e = newEvent(EventType.TRADE, ResultCode.OK);
        e.instrument = book.instrument.index();
        e.side = aggressor.side;
        e.orderType = aggressor.type;
        e.timeInForce = aggressor.timeInForce;
        e.price = price;
        e.quantity = quantity;
        e.owner = aggressor.owner;
        e.submitter = aggressor.submitter;
        e.clientOrderId = aggressor.clientOrderId;
        e.exchangeOrderId = aggressor.orderId;
        e.leaves = aggressor.leaves;
        e.filled = aggressor.filled;
        e.tradeId = nextTradeId++;
        e.buyOwner = buy.owner;
        e.sellOwner = sell.owner;
        e.buyClientOrderId = buy.clientOrderId;
        e.sellClientOrderId = sell.clientOrderId;
        e.buyOrderId = buy.orderId;
        e.sellOrderId = sell.orderId;
        e.buyLeaves = buy.leaves;
        e.sellLeaves = sell.leaves;
        e.buyFee = fee;
        e.sellFee = fee;

        if (resting.leaves == 0)
        {
            opposite.remove(resting);
            release(resting);
        }
    }

    private void restOrFinish(final OrderBook book, final Order order)
    {
        if (order.leaves == 0)
        {
            release(order);
        }
        else if (order.type == OrderType.MARKET)
        {
            finish(order, EventType.CANCELLED, ResultCode.MARKET_REMAINDER);
        }
        else if (order.timeInForce.rests())
        {
            book.side(order.side).add(order);
        }
        else
        {
            finish(order, EventType.CANCELLED, ResultCode.IOC_REMAINDER);
        }
    }

    // ---------------------------------------------------------------- day roll

    private void rollDay(final long timeNanos)
    {
        final long day = Math.floorDiv(timeNanos, NANOS_PER_DAY);
        if (day <= currentDay)
        {
            return;
        }
        if (currentDay != Long.MIN_VALUE)
        {
            for (final OrderBook book : books)
            {
                expireDayOrders(book.bids, day);
                expireDayOrders(book.asks, day);
            }
        }
        currentDay = day;
    }

    private void expireDayOrders(final BookSide side, final long day)
    {
        for (int rank = 0; rank < side.levelCount(); )
        {
            final PriceLevel level = side.level(rank);
            final int countBefore = side.levelCount();
            Order o = level.head;
            while (o != null)
            {
                final Order next = o.next;
                if (o.timeInForce == TimeInForce.DAY && o.day < day)
                {
                    side.remove(o);
                    finish(o, EventType.EXPIRED, ResultCode.DAY_ORDER_EXPIRED);
                }
                o = next;
            }
            if (side.levelCount() == countBefore)
            {
                rank++;
            }
        }
    }

    // ---------------------------------------------------------------- checks

    private ResultCode checkParties(final Command cmd, final boolean mustBeActive)
    {
        if (cmd.submitter < 0 || cmd.submitter >= catalog.participants().size())
        {
            return ResultCode.UNKNOWN_PARTICIPANT;
        }
        if (cmd.onBehalfOf != Command.NONE && (cmd.onBehalfOf < 0 || cmd.onBehalfOf >= catalog.participants().size()))
        {
            return ResultCode.UNKNOWN_CLIENT;
        }
        final Participant submitter = catalog.participant(cmd.submitter);
        final int owner = cmd.beneficialOwner();
        if (owner != cmd.submitter && !submitter.hasClient(owner))
        {
            return ResultCode.NOT_CLIENT_OF_BROKER;
        }
        if (mustBeActive && (submitter.status() != ParticipantStatus.ACTIVE ||
            catalog.participant(owner).status() != ParticipantStatus.ACTIVE))
        {
            return ResultCode.PARTICIPANT_NOT_ACTIVE;
        }
        return ResultCode.OK;
    }

    private ResultCode checkNewOrder(final Command cmd)
    {
        if (cmd.instrument < 0 || cmd.instrument >= books.length)
        {
            return ResultCode.UNKNOWN_INSTRUMENT;
        }
        final Instrument instrument = books[cmd.instrument].instrument;
        final Participant owner = catalog.participant(cmd.beneficialOwner());
        if (!owner.isAdmittedTo(instrument.sectionIndex()))
        {
            return ResultCode.NOT_ADMITTED_TO_SECTION;
        }
        if (!owner.currency().equals(instrument.currency()))
        {
            return ResultCode.CURRENCY_MISMATCH;
        }
        if (cmd.clientOrderId <= 0 || cmd.clientOrderId >= MAX_CLIENT_ORDER_ID)
        {
            return ResultCode.ORDER_ID_INVALID;
        }
        final ResultCode quantityResult = checkQuantity(instrument, cmd.quantity);
        if (quantityResult != ResultCode.OK)
        {
            return quantityResult;
        }
        if (cmd.orderType == OrderType.MARKET)
        {
            if (cmd.timeInForce.rests())
            {
                return ResultCode.MARKET_ORDER_CANNOT_REST;
            }
        }
        else
        {
            final ResultCode priceResult = checkLimitPrice(instrument, cmd.price);
            if (priceResult != ResultCode.OK)
            {
                return priceResult;
            }
        }
        if (ordersByClientKey.containsKey(clientKey(cmd.beneficialOwner(), cmd.clientOrderId)))
        {
            return ResultCode.DUPLICATE_ORDER_ID;
        }
        return ResultCode.OK;
    }

    private static ResultCode checkQuantity(final Instrument instrument, final long quantity)
    {
        if (quantity <= 0)
        {
            return ResultCode.QUANTITY_NOT_POSITIVE;
        }
        if (quantity % instrument.lotSize() != 0)
        {
            return ResultCode.QUANTITY_NOT_ON_LOT;
        }
        return ResultCode.OK;
    }

    private static ResultCode checkLimitPrice(final Instrument instrument, final long price)
    {
        if (price <= 0)
        {
            return ResultCode.PRICE_NOT_POSITIVE;
        }
        if (price % instrument.priceStep() != 0)
        {
            return ResultCode.PRICE_NOT_ON_STEP;
        }
        if (price < instrument.lowPrice() || price > instrument.highPrice())
        {
            return ResultCode.PRICE_OUTSIDE_BAND;
        }
        return ResultCode.OK;
    }

    /** Finds the order a CANCEL or REPLACE names, or emits the reject and returns null. */
    private Order findOrder(final Command cmd)
    {
        final int owner = cmd.beneficialOwner();
        if (cmd.exchangeOrderId != 0)
        {
            final Order order = ordersById.get(cmd.exchangeOrderId);
            if (order == null)
            {
                reject(cmd, ResultCode.UNKNOWN_ORDER);
                return null;
            }
            if (order.owner != owner && !catalog.participant(cmd.submitter).hasClient(order.owner))
            {
                reject(cmd, ResultCode.ORDER_NOT_OWNED);
                return null;
            }
            return order;
        }
        final Order order = cmd.clientOrderId > 0 && cmd.clientOrderId < MAX_CLIENT_ORDER_ID ?
            ordersByClientKey.get(clientKey(owner, cmd.clientOrderId)) : null;
        if (order == null)
        {
            reject(cmd, ResultCode.UNKNOWN_ORDER);
        }
        return order;
    }

    // ---------------------------------------------------------------- deposits and order lifecycle

    private long guaranteeFor(final Instrument instrument, final Order order)
    {
        return rules.guarantee(instrument.notional(order.guaranteePrice, order.leaves));
    }

    private void adjustBlocked(final Order order, final long newBlocked)
    {
        final long delta = newBlocked - order.blocked;
        if (delta > 0)
        {
            deposits.block(order.owner, delta);
        }
        else if (delta < 0)
        {
            deposits.release(order.owner, -delta);
        }
        order.blocked = newBlocked;
    }

    /** Ends a live order that is no longer in a book: event, release of its deposit, removal from the indexes. */
    private void finish(final Order order, final EventType type, final ResultCode reason)
    {
        order.leaves = 0;
        adjustBlocked(order, 0);
        orderEvent(type, reason, order);
        release(order);
    }

    private void release(final Order order)
    {
        if (order.blocked != 0)
        {
            adjustBlocked(order, 0);
        }
        ordersById.remove(order.orderId);
        ordersByClientKey.remove(clientKey(order.owner, order.clientOrderId));
        pool.release(order);
    }

    private static long clientKey(final int owner, final long clientOrderId)
    {
        return ((long)owner << 40) | clientOrderId;
    }

    // ---------------------------------------------------------------- events

    private EngineEvent newEvent(final EventType type, final ResultCode code)
    {
        final EngineEvent e = out.add();
        final Command cmd = command;
        e.commandSequence = cmd.sequence;
        e.userRef = cmd.userRef;
        e.timeNanos = cmd.timeNanos;
        e.commandType = cmd.type;
        e.type = type;
        e.code = code;
        e.tradeId = 0;
        e.buyOwner = Command.NONE;
        e.sellOwner = Command.NONE;
        e.buyClientOrderId = 0;
        e.sellClientOrderId = 0;
        e.buyOrderId = 0;
        e.sellOrderId = 0;
        e.buyLeaves = 0;
        e.sellLeaves = 0;
        e.buyFee = 0;
        e.sellFee = 0;
        return e;
    }

    private EngineEvent orderEvent(final EventType type, final ResultCode code, final Order order)
    {
        final EngineEvent e = newEvent(type, code);
        e.instrument = order.instrument;
        e.side = order.side;
        e.orderType = order.type;
        e.timeInForce = order.timeInForce;
        e.price = order.price;
        e.quantity = order.quantity;
        e.owner = order.owner;
        e.submitter = order.submitter;
        e.clientOrderId = order.clientOrderId;
        e.exchangeOrderId = order.orderId;
        e.leaves = order.leaves;
        e.filled = order.filled;
        return e;
    }

    private void reject(final Command cmd, final ResultCode code)
    {
        final EngineEvent e = newEvent(EventType.REJECTED, code);
        e.instrument = cmd.instrument;
        e.side = cmd.side;
        e.orderType = cmd.orderType;
        e.timeInForce = cmd.timeInForce;
        e.price = cmd.price;
        e.quantity = cmd.quantity;
        e.owner = cmd.beneficialOwner();
        e.submitter = cmd.submitter;
        e.clientOrderId = cmd.clientOrderId;
        e.exchangeOrderId = cmd.exchangeOrderId;
        e.leaves = 0;
        e.filled = 0;
    }

    private void rejectOnOrder(final Command cmd, final ResultCode code, final Order order)
    {
        reject(cmd, code);
        final EngineEvent e = out.get(out.size() - 1);
        e.instrument = order.instrument;
        e.side = order.side;
        e.exchangeOrderId = order.orderId;
        e.leaves = order.leaves;
        e.filled = order.filled;
    }

    // ---------------------------------------------------------------- queries (engine thread only)

    /** Sequence of the last command processed, -1 before the first. */
    public long lastSequence()
    {
        return lastSequence;
    }

    public int liveOrderCount()
    {
        return ordersById.size();
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
        return books[instrument].side(side).level(rank).price;
    }

    /** Open quantity of the level at {@code rank} (0 = best) on one side. */
    public long levelQuantity(final int instrument, final Side side, final int rank)
    {
        return books[instrument].side(side).level(rank).totalLeaves;
    }

    /** Number of orders of the level at {@code rank} (0 = best) on one side. */
    public int levelOrderCount(final int instrument, final Side side, final int rank)
    {
        return books[instrument].side(side).level(rank).orderCount;
    }

    /** Visits the resting orders of one side, best level first and oldest first within a level. */
    public void forEachRestingOrder(final int instrument, final Side side, final RestingOrderVisitor visitor)
    {
        final BookSide bookSide = books[instrument].side(side);
        for (int rank = 0, n = bookSide.levelCount(); rank < n; rank++)
        {
            for (Order o = bookSide.level(rank).head; o != null; o = o.next)
            {
                visitor.visit(o.orderId, o.clientOrderId, o.owner, o.submitter, o.timeInForce, o.price, o.quantity,
                    o.leaves, o.filled, o.blocked);
            }
        }
    }

    /**
     * A 64-bit digest of the whole state (deposits, every book in priority order, id counters, trading day):
     * equal states give equal hashes, so two runs, or a run and its recovery, can be compared cheaply.
     */
    public long stateHash()
    {
        final StateHasher h = new StateHasher();
        h.add(nextOrderId).add(nextTradeId).add(currentDay);
        for (int p = 0; p < deposits.size(); p++)
        {
            h.add(deposits.free(p)).add(deposits.blocked(p)).add(deposits.feesPaid(p));
        }
        for (final OrderBook book : books)
        {
            for (final BookSide side : new BookSide[] {book.bids, book.asks})
            {
                h.add(side.levelCount());
                for (int rank = 0, n = side.levelCount(); rank < n; rank++)
                {
                    final PriceLevel level = side.level(rank);
                    h.add(level.price).add(level.totalLeaves).add(level.orderCount);
                    for (Order o = level.head; o != null; o = o.next)
                    {
                        h.add(o.orderId).add(o.clientOrderId).add(o.owner).add(o.submitter)
                            .add(o.timeInForce.code).add(o.price).add(o.quantity).add(o.leaves).add(o.filled)
                            .add(o.blocked).add(o.day);
                    }
                }
            }
        }
        return h.value();
    }

    void writeState(final java.io.DataOutputStream out) throws java.io.IOException
    {
        out.writeLong(lastSequence);
        out.writeLong(nextOrderId);
        out.writeLong(nextTradeId);
        out.writeLong(currentDay);
        out.writeInt(deposits.size());
        for (int p = 0; p < deposits.size(); p++)
        {
            out.writeLong(deposits.free(p));
            out.writeLong(deposits.blocked(p));
            out.writeLong(deposits.feesPaid(p));
        }
        out.writeInt(ordersById.size());
        for (final OrderBook book : books)
        {
            for (final BookSide side : new BookSide[] {book.bids, book.asks})
            {
                for (int rank = 0, n = side.levelCount(); rank < n; rank++)
                {
                    for (Order o = side.level(rank).head; o != null; o = o.next)
                    {
                        EngineSnapshot.writeOrder(out, o);
                    }
                }
            }
        }
    }

    void readState(final java.io.DataInputStream in) throws java.io.IOException
    {
        if (lastSequence != -1 || !ordersById.isEmpty())
        {
            throw new IllegalStateException("a snapshot can only be loaded into a fresh engine");
        }
        lastSequence = in.readLong();
        nextOrderId = in.readLong();
        nextTradeId = in.readLong();
        currentDay = in.readLong();
        final int participants = in.readInt();
        if (participants != deposits.size())
        {
            throw new IllegalStateException("snapshot has " + participants + " participants, the catalog " +
                deposits.size());
        }
        for (int p = 0; p < participants; p++)
        {
            deposits.restore(p, in.readLong(), in.readLong(), in.readLong());
        }
        final int orders = in.readInt();
        for (int i = 0; i < orders; i++)
        {
            final Order o = pool.acquire();
            EngineSnapshot.readOrder(in, o);
            books[o.instrument].side(o.side).add(o);
            ordersById.put(o.orderId, o);
            ordersByClientKey.put(clientKey(o.owner, o.clientOrderId), o);
        }
    }

    /** Callback for {@link #forEachRestingOrder}. Money in minor units; price and quantities scaled. */
    @FunctionalInterface
    public interface RestingOrderVisitor
    {
        void visit(long orderId, long clientOrderId, int owner, int submitter, TimeInForce timeInForce, long price,
            long quantity, long leaves, long filled, long blocked);
    }
}
