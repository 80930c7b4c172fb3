package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Participant;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import by.butb.engine.pipeline.EngineListener;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.field.ExecType;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The gateway's side of the engine. On the pipeline's logic thread it only copies: each command's events, and the
 * book of every instrument the command touched (the engine may be queried only there), and hands them to the
 * {@link Outbound} thread. There, off the logic thread, it turns the events into ExecutionReports and
 * OrderCancelRejects for the sessions allowed to see them, keeps the FIX view of each live order (ClOrdID, CumQty,
 * AvgPx) and publishes market data. The logic thread never builds a FIX message and never blocks.
 */
final class EngineBridge implements EngineListener
{
    /** Levels per side copied for market data. */
    static final int BOOK_LEVELS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(EngineBridge.class);

    private final Catalog catalog;
    private final ClOrdIdTable clOrdIds;
    private final Outbound outbound;
    /**
     * Per section, what begins the ExecIDs of the events of an engine of that section alone ("SECTION-"), so that
     * ExecIDs ({@code [SECTION-]SEQUENCE-INDEX}) stay unique with a cluster per section; the single engine's have none.
     */
    private final String[] execIdPrefixes;
    /**
     * Per participant, the PartyID(448) of PartyRole 3 (client) that its orders' reports carry: its id when it has a
     * broker (the reports reach the broker too, which must tell its clients apart), else null.
     */
    private final String[] clientParties;
    /** Commands in flight between the logic thread and the sending thread whose outcome objects are reused. */
    private static final int POOLED_OUTCOMES = 4_096;
    /** Spare live orders kept at most for reuse. */
    private static final int SPARE_ORDERS = 4_096;
    final RequestsInFlight requests;

    // Logic thread: what the command being applied produced so far.
    private final boolean[] touched;
    private final int[] touchedList;
    private int touchedCount;
    private final CommandOutcome.Pool outcomes = new CommandOutcome.Pool(POOLED_OUTCOMES, this::report);
    /** The last copy taken of each instrument's book, handed on again while the book's top levels stay the same. */
    private final BookCopy[] lastCopies;
    /** The outcome of the command being applied, or null before its first event. */
    private CommandOutcome collected;

    // Outbound thread (and the starting thread in seed(), before that thread starts).
    /** TransactTime text of reports. */
    private final UtcTimes times = new UtcTimes();
    /** The report being built (see {@link OrderReport}). */
    private final OrderReport orderReport = new OrderReport();
    private final Long2ObjectHashMap<LiveOrder> orders = new Long2ObjectHashMap<>();
    /** Live orders that ended, for reuse by the next accepted orders. */
    private final ArrayDeque<LiveOrder> spareOrders = new ArrayDeque<>();
    /** The ExecID of the report being built: reused, so a report creates no string for it. */
    private final StringBuilder execId = new StringBuilder(32);
    /** The AvgPx of the report being made, reused as {@link #execId} is. */
    private final StringBuilder avgPx = new StringBuilder(32);
    private final List<BookCopy.Trade> trades = new ArrayList<>();
    /** The trades of one instrument among {@link #trades}, handed to market data (read during that call only). */
    private final List<BookCopy.Trade> prints = new ArrayList<>();
    private Request current;
    private int eventIndex;
    /** Told each command the sending thread has reported; null when nothing is recorded. */
    private LongConsumer reported;
    /**
     * ClOrdIDs of the orders that the commands reported again after a restart accept or rename, by client order key
     * ({@link #reportAgainAfter}); null when no command is reported again.
     */
    private Map<Long, String> recoveredClOrdIds;
    private volatile boolean ready;
    // Starting thread, before the pipeline starts: where the recovered stream is taken up (see reportAgainAfter).
    private long reportAgainAfter = Long.MAX_VALUE;
    private ClOrdIdJournal recoveryJournal;
    /** The client order keys the commands reported again accept or rename, gathered during the recovery. */
    private final LongHashSet windowKeys = new LongHashSet();

    /** {@code share}: what each session may have in flight ({@link RequestsInFlight}). */
    EngineBridge(final Catalog catalog, final ClOrdIdTable clOrdIds, final Outbound outbound, final SessionShare share)
    {
        this.requests = new RequestsInFlight(share);
        this.catalog = catalog;
        this.clOrdIds = clOrdIds;
        this.outbound = outbound;
        this.touched = new boolean[catalog.instruments().size()];
        this.touchedList = new int[catalog.instruments().size()];
        this.lastCopies = new BookCopy[catalog.instruments().size()];
        this.execIdPrefixes = catalog.sections().stream().map(s -> s + "-").toArray(String[]::new);
        this.clientParties = new String[catalog.participants().size()];
        for (final Participant broker : catalog.participants())
        {
            for (final int client : broker.clients())
            {
                clientParties[client] = catalog.participant(client).id();
            }
        }
    }

    /**
     * After recovery, before any session: adopts what is still live in the engine as if this gateway had seen it
     * accepted: the orders resting in the books, the address orders waiting for their counterparty, the open lots
     * and each lot's standing bid; then copies the current books. An order's ClOrdID is
     * the one {@code journal} recorded for it, or its engine client order id in decimal when there is none (or no
     * journal). With a cluster per section, {@code engines} are the mirrors of every section's cluster, and each
     * instrument's book is its section's. Call from the starting thread after a drain.
     */
    void seed(final List<MatchingEngine> engines, final ClOrdIdJournal journal)
    {
        final Map<Long, LiveOrder> adopted = new HashMap<>();
        final LiveOrderAdoption adoption = new LiveOrderAdoption(catalog, orders, adopted);
        for (final MatchingEngine engine : engines)
        {
            adoption.adoptLive(engine);
        }
        final Map<Long, String> recorded = journal == null ? Map.of() : journal.read(adopted::containsKey);
        adopted.forEach((key, o) ->
        {
            o.clOrdId = recorded.getOrDefault(key, Long.toString(o.engineClOrdId));
            clOrdIds.seed(o.owner, o.clOrdId, o.engineClOrdId);
        });
        for (final MatchingEngine engine : engines)
        {
            for (final Instrument instrument : catalog.instruments())
            {
                if (engine.scope().serves(instrument.sectionIndex()))
                {
                    outbound.marketData(instrument.index(), BookCopy.of(engine, instrument.index(), BOOK_LEVELS),
                        List.of());
                }
            }
        }
        ready = true;
    }

    /** Whether {@link #seed} ran: at the start, or during recovery ({@link #reportAgainAfter}). */
    boolean isSeeded()
    {
        return ready;
    }

    /**
     * Before the pipeline starts: the commands journaled after {@code sequence} are reported again during recovery
     * (a kill -9 may have caught their reports before they were stored), as if seen now: this bridge is
     * {@link #seed seeded} from the engine as it stood after {@code sequence} and takes up the recovered stream from
     * there. Their reports are built on the sending thread once it starts ({@link #takeUpRecoveredClOrdIds} first).
     */
    void reportAgainAfter(final long sequence, final ClOrdIdJournal journal)
    {
        reportAgainAfter = sequence;
        recoveryJournal = journal;
    }

    /**
     * After the recovery, before the sending thread starts, when commands are reported again: reads the ClOrdIDs
     * they gave the orders they accept or rename (their engine ids are already kept from being given again:
     * {@link #beforeReplayed}). An order without a record is reported under its engine id in decimal.
     */
    void takeUpRecoveredClOrdIds()
    {
        recoveredClOrdIds = recoveryJournal == null ? new HashMap<>() : recoveryJournal.read(windowKeys::contains);
    }

    /** Before the sending thread starts: it tells {@code commands} each command it has reported. */
    void recordReportsIn(final LongConsumer commands)
    {
        reported = commands;
    }

    @Override
    public long republishAfter()
    {
        return reportAgainAfter;
    }

    /**
     * Recovery: seeds this bridge from the engine as it stands before the first command to report again, and notes
     * the engine ids each such command may give an order ({@link #noteWindowId}).
     */
    @Override
    public void beforeReplayed(final Command command, final MatchingEngine engine)
    {
        if (command.sequence <= reportAgainAfter)
        {
            return;
        }
        if (!ready)
        {
            if (command.sequence > reportAgainAfter + 1)
            {
                LOG.warn("the reports of commands {} to {} cannot be made again: the recovery starts after them",
                    reportAgainAfter + 1, command.sequence - 1);
            }
            LOG.info("reporting again the commands from {} on: their reports may not have been stored at the stop",
                command.sequence);
            seed(List.of(engine), recoveryJournal);
        }
        noteWindowId(command.beneficialOwner(), command.clientOrderId);
        noteWindowId(command.beneficialOwner(), command.newClientOrderId);
    }

    /**
     * An engine id that a command reported again may give an order: its ClOrdID is to be read, and the id is not
     * to be given to a new ClOrdID before the report that seeds it is made.
     */
    private void noteWindowId(final int owner, final long id)
    {
        if (owner >= 0 && owner < catalog.participants().size() && id > 0 && id < MatchingEngine.MAX_CLIENT_ORDER_ID)
        {
            windowKeys.add(MatchingEngine.clientOrderKey(owner, id));
            clOrdIds.reserve(owner, id);
        }
    }

    /**
     * The ClOrdID of order {@code id} of {@code owner} accepted or renamed by a command of no request of this run:
     * while commands are reported again, the one recorded for it (else its id in decimal), taken up as live;
     * otherwise its id in decimal.
     */
    private String recoveredClOrdId(final int owner, final long id)
    {
        if (recoveredClOrdIds == null)
        {
            return Long.toString(id);
        }
        final String recorded = recoveredClOrdIds.get(MatchingEngine.clientOrderKey(owner, id));
        final String clOrdId = recorded != null ? recorded : Long.toString(id);
        clOrdIds.seed(owner, clOrdId, id);
        return clOrdId;
    }

    /** Logic thread: copies the event, and notes the instrument whose book it changed. */
    @Override
    public void onEvent(final EngineEvent e)
    {
        if (!ready)
        {
            return;
        }
        if (collected == null)
        {
            collected = outcomes.take();
        }
        collected.add(e);
        switch (e.type)
        {
            case ACCEPTED, TRADE, CANCELLED, EXPIRED, REPLACED -> touch(e.instrument);
            default ->
            {
            }
        }
    }

    /** Logic thread: copies the books the command touched and hands the command's outcome to the outbound thread. */
    @Override
    public void onCommandComplete(final Command command, final MatchingEngine engine)
    {
        if (!ready)
        {
            return;
        }
        final CommandOutcome outcome = collected != null ? collected : outcomes.take();
        collected = null;
        for (int i = 0; i < touchedCount; i++)
        {
            final int instrument = touchedList[i];
            touched[instrument] = false;
            outcome.book(instrument, bookCopy(engine, instrument));
        }
        touchedCount = 0;
        outcome.userRef = command.userRef;
        outcome.sequence = command.sequence;
        outcome.execIdPrefix = engine.scope().isAll() ? "" : execIdPrefixes[engine.scope().section()];
        outbound.execute(outcome);
    }

    /** Logic thread: a copy of the book of {@code instrument} now, the last one taken when its top levels are alike. */
    private BookCopy bookCopy(final MatchingEngine engine, final int instrument)
    {
        final BookCopy last = lastCopies[instrument];
        if (last != null && last.matches(engine, instrument, BOOK_LEVELS))
        {
            return last;
        }
        final BookCopy copy = BookCopy.of(engine, instrument, BOOK_LEVELS);
        lastCopies[instrument] = copy;
        return copy;
    }

    private void touch(final int instrument)
    {
        if (instrument >= 0 && instrument < touched.length && !touched[instrument])
        {
            touched[instrument] = true;
            touchedList[touchedCount++] = instrument;
        }
    }

    /**
     * Outbound thread: the reports of one command's events, in order, then the market data of its books; the
     * outcome goes back to the pool.
     */
    private void report(final CommandOutcome outcome)
    {
        current = requests.find(outcome.userRef);
        eventIndex = 0;
        try
        {
            for (int k = 0; k < outcome.eventCount(); k++)
            {
                final EngineEvent e = outcome.event(k);
                execId.setLength(0);
                execId.append(outcome.execIdPrefix).append(e.commandSequence).append('-').append(eventIndex++);
                switch (e.type)
                {
                    case ACCEPTED -> accepted(e);
                    case TRADE -> trade(e);
                    case CANCELLED -> ended(e, ExecType.CANCELED, OrdStatus.CANCELED);
                    case EXPIRED -> ended(e, ExecType.EXPIRED, OrdStatus.EXPIRED);
                    case REPLACED -> replaced(e);
                    case REJECTED -> rejected(e);
                    default ->
                    {
                    }
                }
            }
            for (int i = 0; i < outcome.instrumentCount; i++)
            {
                prints.clear();
                for (int k = 0; k < trades.size(); k++)
                {
                    final BookCopy.Trade t = trades.get(k);
                    if (t.instrument() == outcome.instruments[i])
                    {
                        prints.add(t);
                    }
                }
                outbound.marketData(outcome.instruments[i], outcome.books[i], prints); // on its thread: now
            }
        }
        finally
        {
            trades.clear();
            prints.clear();
            if (current != null)
            {
                requests.remove(current, true);
                current = null;
            }
            if (reported != null)
            {
                reported.accept(outcome.sequence);
            }
            outcomes.giveBack(outcome);
        }
    }

    // ---------------------------------------------------------------- event handlers

    private void accepted(final EngineEvent e)
    {
        final LiveOrder o = spareOrders.isEmpty() ? new LiveOrder() : spareOrders.pollLast();
        o.orderId = e.exchangeOrderId;
        o.owner = e.owner;
        o.submitter = e.submitter;
        o.instrument = e.instrument;
        o.side = e.side;
        o.orderType = e.orderType;
        o.timeInForce = e.timeInForce;
        o.price = e.price;
        o.quantity = e.quantity;
        o.cumQty = 0;
        o.engineClOrdId = e.clientOrderId;
        o.clOrdId = current != null && current.kind == Request.Kind.NEW ? current.clOrdId :
            recoveredClOrdId(e.owner, e.clientOrderId);
        o.average.reset();
        orders.put(o.orderId, o);
        outbound.reportToOwner(o.owner, report(o, ExecType.NEW, OrdStatus.NEW, e.timeNanos));
    }

    private void trade(final EngineEvent e)
    {
        trades.add(new BookCopy.Trade(e.instrument, e.price, e.quantity, e.timeNanos, e.side, e.tradeId));
        final int base = execId.length();
        fill(e.buyOrderId, e.buyLeaves, e, 'B');
        execId.setLength(base);
        fill(e.sellOrderId, e.sellLeaves, e, 'S');
    }

    /** The fill of one side of a trade; its ExecID is the trade's and {@code execIdSuffix}. */
    private void fill(final long orderId, final long leaves, final EngineEvent e, final char execIdSuffix)
    {
        final LiveOrder o = orders.get(orderId);
        if (o == null)
        {
            return;
        }
        o.cumQty += e.quantity;
        o.average.add(e.price, e.quantity);
        final char status = leaves == 0 ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
        execId.append(execIdSuffix);
        final OrderReport r = report(o, ExecType.TRADE, status, e.timeNanos);
        r.fill = true;
        r.lastPx = e.price;
        r.lastQty = e.quantity;
        r.leavesQty = leaves;
        if (leaves == 0)
        {
            forget(o);
        }
        outbound.reportToOwner(o.owner, r);
    }

    private void ended(final EngineEvent e, final char execType, final char ordStatus)
    {
        final LiveOrder o = orders.get(e.exchangeOrderId);
        if (o == null)
        {
            return;
        }
        forget(o);
        final OrderReport r = report(o, execType, ordStatus, e.timeNanos);
        r.leavesQty = 0;
        if (e.code == ResultCode.CANCELLED_BY_PARTICIPANT && current != null && current.kind == Request.Kind.CANCEL)
        {
            r.clOrdId = current.clOrdId;
            r.origClOrdId = o.clOrdId;
        }
        else
        {
            r.text = FixCodes.text(e.code);
        }
        outbound.reportToOwner(o.owner, r);
    }

    private void replaced(final EngineEvent e)
    {
        final LiveOrder o = orders.get(e.exchangeOrderId);
        if (o == null)
        {
            return;
        }
        final String previous = o.clOrdId;
        if (e.clientOrderId != o.engineClOrdId)
        {
            clOrdIds.release(o.owner, o.clOrdId, o.engineClOrdId);
            o.engineClOrdId = e.clientOrderId;
            o.clOrdId = current != null && current.kind == Request.Kind.REPLACE ? current.clOrdId :
                recoveredClOrdId(o.owner, e.clientOrderId);
        }
        o.price = e.price;
        o.quantity = e.quantity;
        o.submitter = e.submitter;
        final char status = o.cumQty == 0 ? OrdStatus.NEW : OrdStatus.PARTIALLY_FILLED;
        final OrderReport r = report(o, ExecType.REPLACED, status, e.timeNanos);
        r.origClOrdId = previous; // the order's ClOrdID before, also when the replace named it by OrderID alone
        outbound.reportToOwner(o.owner, r);
    }

    private void rejected(final EngineEvent e)
    {
        final Request r = current;
        if (r == null)
        {
            return;
        }
        if (r.allocatedOwner != Command.NONE)
        {
            clOrdIds.release(r.allocatedOwner, r.clOrdId, r.allocatedId);
        }
        if (r.kind == Request.Kind.NEW)
        {
            outbound.send(r.session, GatewayRejects.engineReject(r,
                r.command.instrument >= 0 ? catalog.instrument(r.command.instrument) : null, e.code, execId.toString(),
                times.format(e.timeNanos)));
        }
        else
        {
            // Only a replace that found the order (and so passed the ownership check) reports its state.
            LiveOrder o = e.commandType != CommandType.REPLACE || e.code == ResultCode.UNKNOWN_ORDER ||
                e.code == ResultCode.ORDER_NOT_OWNED || e.exchangeOrderId == 0 ? null : orders.get(e.exchangeOrderId);
            if (o != null && o.owner != r.owner() && !catalog.participant(r.command.submitter).hasClient(o.owner))
            {
                o = null;
            }
            outbound.send(r.session, GatewayRejects.cancelReject(r, o, e.code, e.timeNanos));
        }
    }

    /**
     * The order ended: it is no longer found, and becomes a spare that the next accepted order reuses (it stays
     * readable until then, for the report of its end).
     */
    private void forget(final LiveOrder o)
    {
        orders.remove(o.orderId);
        clOrdIds.release(o.owner, o.clOrdId, o.engineClOrdId);
        if (spareOrders.size() < SPARE_ORDERS)
        {
            spareOrders.addLast(o);
        }
    }

    // ---------------------------------------------------------------- message building

    /**
     * The report of {@code o} now, with the ExecID built so far, in the one reused {@link OrderReport}; callers add
     * what their event adds.
     */
    private OrderReport report(final LiveOrder o, final char execType, final char ordStatus, final long timeNanos)
    {
        final Instrument instrument = catalog.instrument(o.instrument);
        final OrderReport r = orderReport.reset();
        r.orderId = o.orderId;
        r.clOrdId = o.clOrdId;
        r.execId = execId;
        r.execType = execType;
        r.ordStatus = ordStatus;
        r.symbol = instrument.symbol();
        r.side = o.side == Side.BUY ? quickfix.field.Side.BUY : quickfix.field.Side.SELL;
        r.ordType = o.orderType == OrderType.MARKET ? OrdType.MARKET : OrdType.LIMIT;
        r.timeInForce = fixTimeInForce(o.timeInForce);
        r.hasPrice = o.orderType == OrderType.LIMIT;
        r.price = o.price;
        r.priceScale = instrument.priceScale();
        r.orderQty = o.quantity;
        r.quantityScale = instrument.quantityScale();
        r.leavesQty = o.quantity - o.cumQty;
        r.cumQty = o.cumQty;
        avgPx.setLength(0);
        o.average.appendTo(avgPx, o.cumQty, instrument.priceScale());
        r.avgPx = avgPx;
        r.transactTimeNanos = timeNanos;
        r.clientParty = o.owner >= 0 && o.owner < clientParties.length ? clientParties[o.owner] : null;
        return r;
    }

    static char fixTimeInForce(final TimeInForce tif)
    {
        return switch (tif)
        {
            case DAY -> quickfix.field.TimeInForce.DAY;
            case GTC -> quickfix.field.TimeInForce.GOOD_TILL_CANCEL;
            case IOC -> quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL;
            case FOK -> quickfix.field.TimeInForce.FILL_OR_KILL;
        };
    }

    static LocalDateTime time(final long nanos)
    {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
            (int)Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC);
    }

    /** The FIX view of a live order (the outbound thread only, and the starting thread in seed()). */
    Participant participant(final int index)
    {
        return catalog.participant(index);
    }
}
