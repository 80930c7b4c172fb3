package by.butb.engine.core;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Phase;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;

/**
 * The business logic: accreditation and order checks, deposits, continuous price-time matching for every
 * instrument of the catalog, and BUTB's mechanisms: session phases with an opening call auction per section,
 * lot auctions (a seller's ascending or a buyer's descending auction), and address (non-anonymous) deals.
 *
 * <p>Threading: single-threaded; {@link #process} and every query must be called from the same thread (the
 * pipeline's logic thread), or with external synchronisation. Determinism: the engine reads no clock and no random
 * source; everything it does follows from the commands in order. Allocation: none in steady state (pooled orders
 * and levels, primitive maps); pools and maps only grow while the book grows past its largest size so far, and the
 * exchange-id index is allocated by the first command that names an order by its exchange id.
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
    private final Accreditation accreditation;
    private final OrderPool pool;
    /**
     * Indexed orders by exchange id, or null until the first command that names an order by its exchange id: most
     * flows name orders by their own client order ids, and keeping this index cost 4-9 % of the logic's time
     * (bench/RESULTS.md, sessions 6 and 7). Built from the live orders when first needed ({@link #ordersById()}),
     * then kept up to date.
     */
    private OrderIdIndex ordersById;
    private final int orderIdIndexCapacity;
    private final ClientOrderIndex ordersByClientKey;
    private final SessionSchedule schedule;
    private final Phase[] phase;
    private final long[] phaseDay;
    private final int[] phaseBoundary;
    private final ArrayList<Order> addressOrders = new ArrayList<>();
    /** Every lot, in offer order (closed ones too: a late bid learns the lot has closed). */
    private final ArrayList<Lot> lots = new ArrayList<>();
    /** Lots whose auction is still open, in offer order. */
    private final ArrayList<Lot> openLots = new ArrayList<>();
    private final Long2ObjectHashMap<Lot> lotsById = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Lot> lotsByClientKey = new Long2ObjectHashMap<>();
    private long nextLotClose = Long.MAX_VALUE;

    private long nextOrderId = 1;
    private long nextTradeId = 1;
    private long currentDay = Long.MIN_VALUE;
    /** No command before this time (epoch nanoseconds) opens a new trading day; a lower bound is enough. */
    private long nextDayStart = Long.MIN_VALUE;
    /** Whether any section has a session schedule (else every section trades continuously). */
    private final boolean scheduled;
    private long lastSequence = -1;

    private Command command;
    private EventList out;

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
        this.accreditation = new Accreditation(catalog);
        this.pool = new OrderPool(expectedOrders);
        this.orderIdIndexCapacity = (int)Math.min(1 << 22, Math.max(1 << 16, expectedOrders * 16L));
        this.ordersByClientKey = new ClientOrderIndex(pool, Math.max(32, expectedOrders),
            catalog.participants().size());
        this.schedule = schedule;
        final int sections = catalog.sections().size();
        this.phase = new Phase[sections];
        this.phaseDay = new long[sections];
        this.phaseBoundary = new int[sections];
        boolean anySchedule = false;
        for (int i = 0; i < sections; i++)
        {
            anySchedule |= schedule.hasSchedule(i);
            phase[i] = schedule.hasSchedule(i) ? Phase.CLOSED : Phase.CONTINUOUS;
            phaseDay[i] = Long.MIN_VALUE;
            phaseBoundary[i] = -1;
        }
        this.scheduled = anySchedule;
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
        if (cmd.timeNanos >= nextLotClose)
        {
            closeDueLots(cmd.timeNanos);
        }
        if (scheduled)
        {
            advanceSessions(cmd.timeNanos);
        }
        if (cmd.timeNanos >= nextDayStart)
        {
            rollDay(cmd.timeNanos);
        }
        switch (cmd.type)
        {
            case NEW_ORDER -> newOrder(cmd);
            case CANCEL -> cancel(cmd);
            case REPLACE -> replace(cmd);
            case LOT_OFFER -> offerLot(cmd);
            case LOT_BID -> bidOnLot(cmd);
            case CLOCK ->
            {
            }
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
        if (cmd.counterparty != Command.NONE)
        {
            addressOrder(cmd);
            return;
        }
        final OrderBook book = books[cmd.instrument];
        final Phase sectionPhase = phase[book.instrument.sectionIndex()];
        result = checkPhase(sectionPhase);
        if (result == ResultCode.OK && sectionPhase != Phase.CONTINUOUS &&
            (cmd.orderType == OrderType.MARKET || !cmd.timeInForce.rests()))
        {
            result = ResultCode.NOT_ALLOWED_IN_PHASE;
        }
        if (result != ResultCode.OK)
        {
            reject(cmd, result);
            return;
        }
        final int owner = cmd.beneficialOwner();
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

        final Order order = newLiveOrder(cmd, guaranteePrice, guarantee);
        orderEvent(EventType.ACCEPTED, ResultCode.OK, order);
        if (sectionPhase != Phase.CONTINUOUS)
        {
            rest(book, order);
            return;
        }
        if (order.timeInForce == TimeInForce.FOK && !canFillCompletely(book, order))
        {
            finish(order, EventType.CANCELLED, ResultCode.FOK_NOT_FILLED);
            return;
        }
        match(book, order);
        restOrFinish(book, order);
    }

    private Order newLiveOrder(final Command cmd, final long guaranteePrice, final long guarantee)
    {
        final int owner = cmd.beneficialOwner();
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
        order.counterparty = Command.NONE;
        deposits.block(owner, guarantee);
        return order;
    }

    /** Puts a live order in its book and makes it findable by its ids. */
    private void rest(final OrderBook book, final Order order)
    {
        book.side(order.side).add(order);
        index(order);
    }

    /**
     * Makes a live order findable by its ids. Only orders that outlive their command (resting in a book, or open
     * address orders) are indexed: an order that trades or ends within its command is never looked up by id.
     */
    private void index(final Order order)
    {
        if (!order.indexed)
        {
            order.indexed = true;
            if (ordersById != null)
            {
                ordersById.put(order);
            }
            ordersByClientKey.put(order);
        }
    }

    private static ResultCode checkPhase(final Phase sectionPhase)
    {
        if (sectionPhase == Phase.CLOSE || sectionPhase == Phase.CLOSED)
        {
            return ResultCode.MARKET_CLOSED;
        }
        return sectionPhase == Phase.ADDRESS ? ResultCode.NOT_ALLOWED_IN_PHASE : ResultCode.OK;
    }

    // ---------------------------------------------------------------- address deals

    private void addressOrder(final Command cmd)
    {
        final Instrument instrument = books[cmd.instrument].instrument;
        final int section = instrument.sectionIndex();
        final int owner = cmd.beneficialOwner();
        ResultCode result = ResultCode.OK;
        if (schedule.hasSchedule(section) && phase[section] != Phase.ADDRESS)
        {
            result = phase[section] == Phase.CLOSE || phase[section] == Phase.CLOSED ?
                ResultCode.MARKET_CLOSED : ResultCode.NOT_ALLOWED_IN_PHASE;
        }
        else if (cmd.counterparty < 0 || cmd.counterparty >= catalog.participants().size())
        {
            result = ResultCode.UNKNOWN_COUNTERPARTY;
        }
        else if (cmd.counterparty == owner)
        {
            result = ResultCode.SELF_ADDRESSED;
        }
        else if (cmd.orderType != OrderType.LIMIT)
        {
            result = ResultCode.ADDRESS_TERMS_MISMATCH;
        }
        if (result != ResultCode.OK)
        {
            reject(cmd, result);
            return;
        }
        if (cmd.counterpartyOrderId == 0)
        {
            postAddressOrder(cmd, instrument);
        }
        else
        {
            takeAddressOrder(cmd, instrument);
        }
    }

    private void postAddressOrder(final Command cmd, final Instrument instrument)
    {
        if (!cmd.timeInForce.rests())
        {
            reject(cmd, ResultCode.ADDRESS_TERMS_MISMATCH);
            return;
        }
        final long notional = instrument.notional(cmd.price, cmd.quantity);
        if (notional < 0)
        {
            reject(cmd, ResultCode.ORDER_VALUE_TOO_LARGE);
            return;
        }
        final long guarantee = rules.guarantee(notional);
        if (guarantee > deposits.free(cmd.beneficialOwner()))
        {
            reject(cmd, ResultCode.INSUFFICIENT_DEPOSIT);
            return;
        }
        final Order order = newLiveOrder(cmd, cmd.price, guarantee);
        order.counterparty = cmd.counterparty;
        addressOrders.add(order);
        index(order);
        orderEvent(EventType.ACCEPTED, ResultCode.OK, order);
    }

    private void takeAddressOrder(final Command cmd, final Instrument instrument)
    {
        final int owner = cmd.beneficialOwner();
        final Order target = cmd.counterpartyOrderId < MAX_CLIENT_ORDER_ID ?
            ordersByClientKey.get(cmd.counterparty, cmd.counterpartyOrderId) : null;
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
        final long guarantee = result == ResultCode.OK ?
            rules.guarantee(instrument.notional(target.price, cmd.quantity)) : 0;
        if (result == ResultCode.OK && guarantee > deposits.free(owner))
        {
            result = ResultCode.INSUFFICIENT_DEPOSIT;
        }
        if (result != ResultCode.OK)
        {
            reject(cmd, result);
            return;
        }
        final Order taker = newLiveOrder(cmd, target.price, guarantee);
        taker.price = target.price;
        taker.counterparty = target.owner;
        orderEvent(EventType.ACCEPTED, ResultCode.OK, taker);
        final OrderBook book = books[cmd.instrument];
        final Order buy = taker.side == Side.BUY ? taker : target;
        final Order sell = taker.side == Side.BUY ? target : taker;
        executeTrade(book, buy, sell, target.price, taker.quantity, TradeKind.ADDRESS_DEAL, taker);
        release(taker);
        if (target.leaves == 0)
        {
            addressOrders.remove(target);
            release(target);
        }
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
        unlink(order);
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
        final Phase sectionPhase = phase[instrument.sectionIndex()];
        if (order.counterparty != Command.NONE)
        {
            rejectOnOrder(cmd, ResultCode.ADDRESS_ORDER_NOT_REPLACEABLE, order);
            return;
        }
        result = checkPhase(sectionPhase);
        if (result == ResultCode.OK)
        {
            result = checkQuantity(instrument, cmd.quantity);
        }
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
            else if (ordersByClientKey.contains(order.owner, cmd.newClientOrderId) ||
                lotsByClientKey.containsKey(clientOrderKey(order.owner, cmd.newClientOrderId)))
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
            ordersByClientKey.remove(order);
            order.clientOrderId = cmd.newClientOrderId;
            ordersByClientKey.put(order);
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
            if (sectionPhase == Phase.CONTINUOUS)
            {
                match(book, order);
                restOrFinish(book, order);
            }
            else
            {
                side.add(order);
            }
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
        final Order buy = aggressor.side == Side.BUY ? aggressor : resting;
        final Order sell = aggressor.side == Side.BUY ? resting : aggressor;
        executeTrade(book, buy, sell, resting.price, Math.min(aggressor.leaves, resting.leaves),
            TradeKind.CONTINUOUS, aggressor);
    }

    /**
     * Fills {@code quantity} of both orders at {@code price}: deposits, fees, the TRADE event (aggressor fields
     * from {@code aggressor}); an order resting in the book that is now filled leaves the book and is released.
     */
    private void executeTrade(final OrderBook book, final Order buy, final Order sell, final long price,
        final long quantity, final TradeKind kind, final Order aggressor)
    {
        fill(book, buy, quantity);
        fill(book, sell, quantity);
        final long fee = rules.fee(book.instrument.notional(price, quantity));
        deposits.charge(buy.owner, fee);
        deposits.charge(sell.owner, fee);

        final EngineEvent e = newEvent(EventType.TRADE, ResultCode.OK);
        e.tradeKind = kind;
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
        e.counterparty = aggressor.counterparty;
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

        if (buy.leaves == 0 && buy.level != null)
        {
            book.side(Side.BUY).remove(buy);
            release(buy);
        }
        if (sell.leaves == 0 && sell.level != null)
        {
            book.side(Side.SELL).remove(sell);
            release(sell);
        }
    }

    private void fill(final OrderBook book, final Order order, final long quantity)
    {
        if (order.level != null)
        {
            book.side(order.side).reduce(order, quantity);
        }
        else
        {
            order.leaves -= quantity;
        }
        order.filled += quantity;
        adjustBlocked(order, guaranteeFor(book.instrument, order));
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
            rest(book, order);
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
        nextDayStart = day < Long.MAX_VALUE / NANOS_PER_DAY ? (day + 1) * NANOS_PER_DAY : Long.MAX_VALUE;
        if (currentDay != Long.MIN_VALUE)
        {
            for (final OrderBook book : books)
            {
                expireDayOrders(book.bids, day);
                expireDayOrders(book.asks, day);
            }
            expireDayAddressOrders(-1, day);
        }
        currentDay = day;
    }

    // ---------------------------------------------------------------- sessions

    private void advanceSessions(final long timeNanos)
    {
        final long day = Math.floorDiv(timeNanos, NANOS_PER_DAY);
        final long timeOfDay = timeNanos - day * NANOS_PER_DAY;
        for (int s = 0; s < phase.length; s++)
        {
            if (!schedule.hasSchedule(s) || day < phaseDay[s])
            {
                continue;
            }
            final int target = schedule.boundaryAt(s, timeOfDay);
            if (phaseDay[s] == Long.MIN_VALUE)
            {
                phase[s] = null;
                enterPhase(s, target < 0 ? Phase.CLOSED : schedule.phase(s, target));
            }
            else if (day == phaseDay[s])
            {
                for (int b = phaseBoundary[s] + 1; b <= target; b++)
                {
                    enterPhase(s, schedule.phase(s, b));
                }
            }
            else
            {
                for (int b = phaseBoundary[s] + 1; b < schedule.boundaries(s); b++)
                {
                    enterPhase(s, schedule.phase(s, b));
                }
                enterPhase(s, Phase.CLOSED);
                for (int b = 0; b <= target; b++)
                {
                    enterPhase(s, schedule.phase(s, b));
                }
            }
            phaseDay[s] = day;
            phaseBoundary[s] = target;
        }
    }

    private void enterPhase(final int section, final Phase next)
    {
        final Phase previous = phase[section];
        if (previous == next)
        {
            return;
        }
        phase[section] = next;
        if (previous == Phase.OPENING_AUCTION || next == Phase.CONTINUOUS && previous != Phase.CONTINUOUS &&
            previous != null)
        {
            for (final OrderBook book : books)
            {
                if (book.instrument.sectionIndex() == section)
                {
                    uncross(book);
                }
            }
        }
        final EngineEvent e = newEvent(EventType.PHASE_CHANGED, ResultCode.OK);
        e.section = section;
        e.phase = next;
        e.instrument = Command.NONE;
        e.owner = Command.NONE;
        e.submitter = Command.NONE;
        e.clientOrderId = 0;
        e.exchangeOrderId = 0;
        e.price = 0;
        e.quantity = 0;
        e.leaves = 0;
        e.filled = 0;
        if (next == Phase.CLOSE)
        {
            final long tomorrow = currentDay + 1;
            for (final OrderBook book : books)
            {
                if (book.instrument.sectionIndex() == section)
                {
                    expireDayOrders(book.bids, tomorrow);
                    expireDayOrders(book.asks, tomorrow);
                }
            }
            expireDayAddressOrders(section, tomorrow);
        }
    }

    /**
     * The call auction: trades everything that crosses at one price (see {@link UncrossPrice}). Self-match
     * prevention cancels the older of two orders of one participant that would trade together; when that leaves
     * the book crossed, the price is found again for what remains.
     */
    private void uncross(final OrderBook book)
    {
        long price = UncrossPrice.find(book);
        while (price >= 0)
        {
            final PriceLevel bid = book.bids.best();
            final PriceLevel ask = book.asks.best();
            if (bid == null || ask == null || bid.price < price || ask.price > price)
            {
                price = UncrossPrice.find(book);
                continue;
            }
            final Order buy = bid.head;
            final Order sell = ask.head;
            if (buy.owner == sell.owner)
            {
                final Order older = buy.orderId < sell.orderId ? buy : sell;
                book.side(older.side).remove(older);
                finish(older, EventType.CANCELLED, ResultCode.SELF_MATCH_PREVENTED);
                continue;
            }
            final Order later = buy.orderId > sell.orderId ? buy : sell;
            executeTrade(book, buy, sell, price, Math.min(buy.leaves, sell.leaves), TradeKind.CALL_AUCTION, later);
        }
    }

    /** Current session phase of a section (CONTINUOUS when it has no schedule). */
    public Phase phase(final int section)
    {
        return phase[section];
    }

    // ---------------------------------------------------------------- lot auctions

    private void offerLot(final Command cmd)
    {
        ResultCode result = checkParties(cmd, true);
        if (result == ResultCode.OK)
        {
            result = checkNewOrder(cmd);
        }
        if (result == ResultCode.OK)
        {
            final Instrument instrument = books[cmd.instrument].instrument;
            result = checkPhase(phase[instrument.sectionIndex()]);
            if (result == ResultCode.OK && (cmd.bidStep <= 0 || !instrument.isOnPriceStep(cmd.bidStep) ||
                cmd.closeTimeNanos <= cmd.timeNanos))
            {
                result = ResultCode.INVALID_LOT;
            }
        }
        final long notional = result == ResultCode.OK ?
            books[cmd.instrument].instrument.notional(cmd.price, cmd.quantity) : 0;
        if (result == ResultCode.OK && notional < 0)
        {
            result = ResultCode.ORDER_VALUE_TOO_LARGE;
        }
        final int owner = cmd.beneficialOwner();
        final long guarantee = rules.guarantee(Math.max(0, notional));
        if (result == ResultCode.OK && guarantee > deposits.free(owner))
        {
            result = ResultCode.INSUFFICIENT_DEPOSIT;
        }
        if (result != ResultCode.OK)
        {
            reject(cmd, result);
            return;
        }
        final Lot lot = new Lot();
        lot.lotId = nextOrderId++;
        lot.clientOrderId = cmd.clientOrderId;
        lot.owner = owner;
        lot.submitter = cmd.submitter;
        lot.instrument = cmd.instrument;
        lot.side = cmd.side;
        lot.quantity = cmd.quantity;
        lot.startPrice = cmd.price;
        lot.bidStep = cmd.bidStep;
        lot.closeTime = cmd.closeTimeNanos;
        lot.blocked = guarantee;
        deposits.block(owner, guarantee);
        addLot(lot);
        lotEvent(EventType.ACCEPTED, ResultCode.OK, lot);
    }

    private void addLot(final Lot lot)
    {
        lots.add(lot);
        if (!lot.closed)
        {
            openLots.add(lot);
        }
        lotsById.put(lot.lotId, lot);
        lotsByClientKey.put(clientOrderKey(lot.owner, lot.clientOrderId), lot);
        if (!lot.closed)
        {
            nextLotClose = Math.min(nextLotClose, lot.closeTime);
        }
    }

    private void bidOnLot(final Command cmd)
    {
        ResultCode result = checkParties(cmd, true);
        final Lot lot;
        if (cmd.exchangeOrderId != 0)
        {
            lot = lotsById.get(cmd.exchangeOrderId);
        }
        else if (cmd.counterparty >= 0 && cmd.counterpartyOrderId > 0 && cmd.counterpartyOrderId < MAX_CLIENT_ORDER_ID)
        {
            lot = lotsByClientKey.get(clientOrderKey(cmd.counterparty, cmd.counterpartyOrderId));
        }
        else
        {
            lot = null;
        }
        final int owner = cmd.beneficialOwner();
        if (result == ResultCode.OK)
        {
            result = checkBid(cmd, lot, owner);
        }
        final long guarantee = result == ResultCode.OK ?
            rules.guarantee(books[lot.instrument].instrument.notional(cmd.price, lot.quantity)) : 0;
        final long alreadyBlocked = lot != null && lot.hasBid && lot.bidOwner == owner ? lot.bidBlocked : 0;
        if (result == ResultCode.OK && guarantee - alreadyBlocked > deposits.free(owner))
        {
            result = ResultCode.INSUFFICIENT_DEPOSIT;
        }
        if (result != ResultCode.OK)
        {
            reject(cmd, result);
            if (lot != null)
            {
                final EngineEvent e = out.get(out.size() - 1);
                e.instrument = lot.instrument;
                e.counterparty = lot.owner;
                e.exchangeOrderId = lot.lotId;
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

        deposits.block(owner, guarantee);
        lot.hasBid = true;
        lot.bidId = nextOrderId++;
        lot.bidClientOrderId = cmd.clientOrderId;
        lot.bidOwner = owner;
        lot.bidSubmitter = cmd.submitter;
        lot.bidPrice = cmd.price;
        lot.bidBlocked = guarantee;
        bidEvent(EventType.ACCEPTED, ResultCode.OK, lot, owner, cmd.submitter, cmd.clientOrderId, lot.bidId,
            cmd.price);
        if (hadBid)
        {
            deposits.release(previousOwner, previousBlocked);
            bidEvent(EventType.CANCELLED, ResultCode.OUTBID, lot, previousOwner, previousSubmitter,
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
        if (lot.owner == owner)
        {
            return ResultCode.OWN_LOT;
        }
        final Instrument instrument = books[lot.instrument].instrument;
        final ResultCode entryResult = checkEntry(owner, lot.instrument, cmd.clientOrderId);
        if (entryResult != ResultCode.OK)
        {
            return entryResult;
        }
        final ResultCode phaseResult = checkPhase(phase[instrument.sectionIndex()]);
        if (phaseResult != ResultCode.OK)
        {
            return phaseResult;
        }
        final ResultCode priceResult = checkLimitPrice(instrument, cmd.price);
        if (priceResult != ResultCode.OK)
        {
            return priceResult;
        }
        if (!lot.accepts(cmd.price))
        {
            return ResultCode.BID_NOT_BETTER;
        }
        return instrument.notional(cmd.price, lot.quantity) < 0 ? ResultCode.ORDER_VALUE_TOO_LARGE : ResultCode.OK;
    }

    /** Closes, in closing-time order (then offer order), every open lot whose closing time is at or before {@code time}. */
    private void closeDueLots(final long time)
    {
        while (true)
        {
            int dueIndex = -1;
            long next = Long.MAX_VALUE;
            for (int i = 0; i < openLots.size(); i++)
            {
                final Lot lot = openLots.get(i);
                if (lot.closeTime <= time && (dueIndex < 0 || lot.closeTime < openLots.get(dueIndex).closeTime))
                {
                    dueIndex = i;
                }
                else if (lot.closeTime > time)
                {
                    next = Math.min(next, lot.closeTime);
                }
            }
            if (dueIndex < 0)
            {
                nextLotClose = next;
                return;
            }
            closeLot(openLots.remove(dueIndex));
        }
    }

    private void closeLot(final Lot lot)
    {
        lot.closed = true;
        deposits.release(lot.owner, lot.blocked);
        lot.blocked = 0;
        if (!lot.hasBid)
        {
            lotEvent(EventType.EXPIRED, ResultCode.LOT_UNSOLD, lot);
            return;
        }
        deposits.release(lot.bidOwner, lot.bidBlocked);
        lot.bidBlocked = 0;
        final Instrument instrument = books[lot.instrument].instrument;
        final long fee = rules.fee(instrument.notional(lot.bidPrice, lot.quantity));
        deposits.charge(lot.owner, fee);
        deposits.charge(lot.bidOwner, fee);
        final boolean sellerLot = lot.side == Side.SELL;
        final EngineEvent e = newEvent(EventType.TRADE, ResultCode.OK);
        e.tradeKind = TradeKind.LOT_AUCTION;
        e.instrument = lot.instrument;
        e.side = lot.side.opposite();
        e.orderType = OrderType.LIMIT;
        e.timeInForce = TimeInForce.GTC;
        e.price = lot.bidPrice;
        e.quantity = lot.quantity;
        e.owner = lot.bidOwner;
        e.submitter = lot.bidSubmitter;
        e.clientOrderId = lot.bidClientOrderId;
        e.exchangeOrderId = lot.bidId;
        e.leaves = 0;
        e.filled = lot.quantity;
        e.counterparty = lot.owner;
        e.tradeId = nextTradeId++;
        e.buyOwner = sellerLot ? lot.bidOwner : lot.owner;
        e.sellOwner = sellerLot ? lot.owner : lot.bidOwner;
        e.buyClientOrderId = sellerLot ? lot.bidClientOrderId : lot.clientOrderId;
        e.sellClientOrderId = sellerLot ? lot.clientOrderId : lot.bidClientOrderId;
        e.buyOrderId = sellerLot ? lot.bidId : lot.lotId;
        e.sellOrderId = sellerLot ? lot.lotId : lot.bidId;
        e.buyLeaves = 0;
        e.sellLeaves = 0;
        e.buyFee = fee;
        e.sellFee = fee;
    }

    private void lotEvent(final EventType type, final ResultCode code, final Lot lot)
    {
        final EngineEvent e = newEvent(type, code);
        e.instrument = lot.instrument;
        e.side = lot.side;
        e.orderType = OrderType.LIMIT;
        e.timeInForce = TimeInForce.GTC;
        e.price = lot.startPrice;
        e.quantity = lot.quantity;
        e.owner = lot.owner;
        e.submitter = lot.submitter;
        e.clientOrderId = lot.clientOrderId;
        e.exchangeOrderId = lot.lotId;
        e.leaves = lot.closed ? 0 : lot.quantity;
        e.filled = 0;
    }

    private void bidEvent(final EventType type, final ResultCode code, final Lot lot, final int owner,
        final int submitter, final long clientOrderId, final long bidId, final long price)
    {
        final EngineEvent e = newEvent(type, code);
        e.instrument = lot.instrument;
        e.side = lot.side.opposite();
        e.orderType = OrderType.LIMIT;
        e.timeInForce = TimeInForce.GTC;
        e.price = price;
        e.quantity = lot.quantity;
        e.owner = owner;
        e.submitter = submitter;
        e.clientOrderId = clientOrderId;
        e.exchangeOrderId = bidId;
        e.leaves = type == EventType.ACCEPTED ? lot.quantity : 0;
        e.filled = 0;
        e.counterparty = lot.owner;
    }

    private void expireDayAddressOrders(final int section, final long day)
    {
        for (int i = 0; i < addressOrders.size(); )
        {
            final Order o = addressOrders.get(i);
            if (o.timeInForce == TimeInForce.DAY && o.day < day &&
                (section < 0 || books[o.instrument].instrument.sectionIndex() == section))
            {
                addressOrders.remove(i);
                finish(o, EventType.EXPIRED, ResultCode.DAY_ORDER_EXPIRED);
            }
            else
            {
                i++;
            }
        }
    }

    /** Takes a live order out of wherever it waits: its book level or the address orders. */
    private void unlink(final Order order)
    {
        if (order.level != null)
        {
            books[order.instrument].side(order.side).remove(order);
        }
        else
        {
            addressOrders.remove(order);
        }
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
        final int participants = accreditation.participantCount();
        if (cmd.submitter < 0 || cmd.submitter >= participants)
        {
            return ResultCode.UNKNOWN_PARTICIPANT;
        }
        if (cmd.onBehalfOf != Command.NONE && (cmd.onBehalfOf < 0 || cmd.onBehalfOf >= participants))
        {
            return ResultCode.UNKNOWN_CLIENT;
        }
        final int owner = cmd.beneficialOwner();
        if (owner != cmd.submitter && !catalog.participant(cmd.submitter).hasClient(owner))
        {
            return ResultCode.NOT_CLIENT_OF_BROKER;
        }
        if (mustBeActive && (!accreditation.isActive(cmd.submitter) || !accreditation.isActive(owner)))
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
        final int owner = cmd.beneficialOwner();
        final ResultCode entryResult = checkEntry(owner, cmd.instrument, cmd.clientOrderId);
        if (entryResult != ResultCode.OK)
        {
            return entryResult;
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
        if (ordersByClientKey.contains(owner, cmd.clientOrderId) || !lotsByClientKey.isEmpty() &&
            isOpenLot(lotsByClientKey.get(clientOrderKey(owner, cmd.clientOrderId))))
        {
            return ResultCode.DUPLICATE_ORDER_ID;
        }
        return ResultCode.OK;
    }

    /** What every order, lot and bid needs: admission to the section, the deposit currency, a valid own id. */
    private ResultCode checkEntry(final int owner, final int instrument, final long clientOrderId)
    {
        if (!accreditation.isAdmitted(owner, instrument))
        {
            return ResultCode.NOT_ADMITTED_TO_SECTION;
        }
        if (!accreditation.hasInstrumentCurrency(owner, instrument))
        {
            return ResultCode.CURRENCY_MISMATCH;
        }
        if (clientOrderId <= 0 || clientOrderId >= MAX_CLIENT_ORDER_ID)
        {
            return ResultCode.ORDER_ID_INVALID;
        }
        return ResultCode.OK;
    }

    private static ResultCode checkQuantity(final Instrument instrument, final long quantity)
    {
        if (quantity <= 0)
        {
            return ResultCode.QUANTITY_NOT_POSITIVE;
        }
        if (!instrument.isOnLot(quantity))
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
        if (!instrument.isOnPriceStep(price))
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
            final Order order = ordersById().get(cmd.exchangeOrderId);
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
            ordersByClientKey.get(owner, cmd.clientOrderId) : null;
        if (order == null)
        {
            reject(cmd, ResultCode.UNKNOWN_ORDER);
        }
        return order;
    }

    /** The exchange-id index, built from the indexed live orders on first use (allocates then, once). */
    private OrderIdIndex ordersById()
    {
        if (ordersById == null)
        {
            final OrderIdIndex index = new OrderIdIndex(orderIdIndexCapacity);
            pool.forEachCreated(order ->
            {
                if (order.indexed)
                {
                    index.put(order);
                }
            });
            ordersById = index;
        }
        return ordersById;
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
        if (order.indexed)
        {
            if (ordersById != null)
            {
                ordersById.remove(order);
            }
            ordersByClientKey.remove(order);
        }
        pool.release(order);
    }

    /**
     * The key the engine finds an order or lot by: unique per (beneficial owner, client order id) for client order
     * ids below {@link #MAX_CLIENT_ORDER_ID}. For a gateway or tool that keys its own maps the same way.
     */
    public static long clientOrderKey(final int owner, final long clientOrderId)
    {
        return ClientOrderIndex.key(owner, clientOrderId);
    }

    private static boolean isOpenLot(final Lot lot)
    {
        return lot != null && !lot.closed;
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
        e.clearTradeAndPhaseFields();
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
        e.counterparty = order.counterparty;
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
        e.counterparty = cmd.counterparty;
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
        return ordersByClientKey.size();
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

    /**
     * Deposit held for a participant's live commitments, recomputed from them: resting and address orders, open
     * lots and best bids. Equals {@link #blockedDeposit} at all times (an invariant tests check). O(live orders).
     */
    public long blockedByCommitments(final int participant)
    {
        long sum = 0;
        for (final OrderBook book : books)
        {
            for (final BookSide side : new BookSide[] {book.bids, book.asks})
            {
                for (int rank = 0, n = side.levelCount(); rank < n; rank++)
                {
                    for (Order o = side.level(rank).head; o != null; o = o.next)
                    {
                        sum += o.owner == participant ? o.blocked : 0;
                    }
                }
            }
        }
        for (final Order o : addressOrders)
        {
            sum += o.owner == participant ? o.blocked : 0;
        }
        for (final Lot lot : openLots)
        {
            sum += lot.owner == participant ? lot.blocked : 0;
            sum += lot.hasBid && lot.bidOwner == participant ? lot.bidBlocked : 0;
        }
        return sum;
    }

    /** Number of address orders waiting for their counterparty. */
    public int addressOrderCount()
    {
        return addressOrders.size();
    }

    /** Number of lots whose auction is still open. */
    public int openLotCount()
    {
        return openLots.size();
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
     * Visits the address orders waiting for their counterparty, oldest first (orders fully taken, cancelled or
     * expired are gone). Cold path: for a gateway adopting the open orders after a restart.
     */
    public void forEachAddressOrder(final AddressOrderVisitor visitor)
    {
        for (final Order o : addressOrders)
        {
            visitor.visit(o.orderId, o.clientOrderId, o.owner, o.submitter, o.instrument, o.side, o.timeInForce,
                o.price, o.quantity, o.leaves, o.filled, o.blocked, o.counterparty);
        }
    }

    /** Visits the lots whose auction is still open, in offer order (closed lots are not visited). Cold path. */
    public void forEachOpenLot(final OpenLotVisitor visitor)
    {
        for (final Lot lot : openLots)
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
        for (final Lot lot : openLots)
        {
            if (lot.hasBid)
            {
                visitor.visit(lot.lotId, lot.bidId, lot.bidClientOrderId, lot.bidOwner, lot.bidSubmitter,
                    lot.instrument, lot.side.opposite(), lot.bidPrice, lot.quantity, lot.bidBlocked);
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
        for (int s = 0; s < phase.length; s++)
        {
            h.add(phase[s].code).add(phaseDay[s]).add(phaseBoundary[s]);
        }
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
                        hashOrder(h, o);
                    }
                }
            }
        }
        for (final Order o : addressOrders)
        {
            hashOrder(h, o);
        }
        for (final Lot lot : lots)
        {
            h.add(lot.lotId).add(lot.clientOrderId).add(lot.owner).add(lot.instrument).add(lot.side.code)
                .add(lot.quantity).add(lot.startPrice).add(lot.bidStep).add(lot.closeTime).add(lot.blocked)
                .add(lot.closed ? 1 : 0).add(lot.hasBid ? 1 : 0).add(lot.bidId).add(lot.bidOwner)
                .add(lot.bidPrice).add(lot.bidBlocked);
        }
        return h.value();
    }

    private static void hashOrder(final StateHasher h, final Order o)
    {
        h.add(o.orderId).add(o.clientOrderId).add(o.owner).add(o.submitter).add(o.timeInForce.code).add(o.price)
            .add(o.quantity).add(o.leaves).add(o.filled).add(o.blocked).add(o.day).add(o.counterparty);
    }

    void writeState(final java.io.DataOutputStream out) throws java.io.IOException
    {
        out.writeLong(lastSequence);
        out.writeLong(nextOrderId);
        out.writeLong(nextTradeId);
        out.writeLong(currentDay);
        out.writeInt(phase.length);
        for (int s = 0; s < phase.length; s++)
        {
            out.writeByte(phase[s].code);
            out.writeLong(phaseDay[s]);
            out.writeInt(phaseBoundary[s]);
        }
        out.writeInt(deposits.size());
        for (int p = 0; p < deposits.size(); p++)
        {
            out.writeLong(deposits.free(p));
            out.writeLong(deposits.blocked(p));
            out.writeLong(deposits.feesPaid(p));
        }
        out.writeInt(ordersByClientKey.size() - addressOrders.size());
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
        out.writeInt(addressOrders.size());
        for (final Order o : addressOrders)
        {
            EngineSnapshot.writeOrder(out, o);
        }
        out.writeInt(lots.size());
        for (final Lot lot : lots)
        {
            EngineSnapshot.writeLot(out, lot);
        }
    }

    void readState(final java.io.DataInputStream in) throws java.io.IOException
    {
        if (lastSequence != -1 || ordersByClientKey.size() != 0)
        {
            throw new IllegalStateException("a snapshot can only be loaded into a fresh engine");
        }
        lastSequence = in.readLong();
        nextOrderId = in.readLong();
        nextTradeId = in.readLong();
        currentDay = in.readLong();
        final int sections = in.readInt();
        if (sections != phase.length)
        {
            throw new IllegalStateException("snapshot has " + sections + " sections, the catalog " + phase.length);
        }
        for (int s = 0; s < sections; s++)
        {
            phase[s] = Phase.fromCode(in.readByte());
            phaseDay[s] = in.readLong();
            phaseBoundary[s] = in.readInt();
        }
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
            final Order o = readOrder(in);
            books[o.instrument].side(o.side).add(o);
        }
        final int address = in.readInt();
        for (int i = 0; i < address; i++)
        {
            addressOrders.add(readOrder(in));
        }
        final int lotCount = in.readInt();
        for (int i = 0; i < lotCount; i++)
        {
            final Lot lot = new Lot();
            EngineSnapshot.readLot(in, lot);
            addLot(lot);
        }
    }

    private Order readOrder(final java.io.DataInputStream in) throws java.io.IOException
    {
        final Order o = pool.acquire();
        EngineSnapshot.readOrder(in, o);
        index(o);
        return o;
    }

    /** Callback for {@link #forEachRestingOrder}. Money in minor units; price and quantities scaled. */
    @FunctionalInterface
    public interface RestingOrderVisitor
    {
        void visit(long orderId, long clientOrderId, int owner, int submitter, TimeInForce timeInForce, long price,
            long quantity, long leaves, long filled, long blocked);
    }

    /**
     * Callback for {@link #forEachAddressOrder}. Money in minor units; price and quantities scaled;
     * {@code counterparty} is the participant index of the only party allowed to take the order.
     */
    @FunctionalInterface
    public interface AddressOrderVisitor
    {
        void visit(long orderId, long clientOrderId, int owner, int submitter, int instrument, Side side,
            TimeInForce timeInForce, long price, long quantity, long leaves, long filled, long blocked,
            int counterparty);
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
