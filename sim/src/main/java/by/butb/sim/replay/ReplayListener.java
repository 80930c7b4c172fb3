package by.butb.sim.replay;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.ResultCode;
import by.butb.engine.core.TradeKind;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import by.butb.engine.pipeline.EngineListener;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Writes events.csv and trades.csv as the engine produces events, and counts them for the summary.
 *
 * <p>Runs on the pipeline's logic thread. Events are copied as they come ({@link EngineEvent}s are reused) and
 * written when their command completes, when the engine can be asked for context (the free deposit of a rejected
 * order). A write error is kept (see {@link #error()}) rather than thrown, so that the pipeline keeps draining.
 */
public final class ReplayListener implements EngineListener
{
    public static final String[] EVENT_COLUMNS = {"event_id", "time", "line", "participant", "submitter", "order_id",
        "exchange_order_id", "instrument", "side", "type", "tif", "event", "code", "code_name", "reason", "price",
        "quantity", "leaves", "filled", "trade_id"};
    public static final String[] TRADE_COLUMNS = {"trade_id", "time", "instrument", "price", "quantity", "buyer",
        "seller", "buy_order_id", "sell_order_id", "aggressor", "kind"};

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final byte[][] SIDES = CsvOut.encodedNames(Side.values());
    private static final byte[][] ORDER_TYPES = CsvOut.encodedNames(OrderType.values());
    private static final byte[][] TIME_IN_FORCES = CsvOut.encodedNames(TimeInForce.values());
    private static final byte[][] EVENT_TYPES = CsvOut.encodedNames(EventType.values());
    private static final byte[][] CODE_NAMES = CsvOut.encodedNames(ResultCode.values());
    private static final byte[][] TRADE_KINDS = CsvOut.encodedNames(TradeKind.values());

    private final Catalog catalog;
    private final EventReasons reasons;
    private final EventOrderNames orderNames;
    private final LongFunction<RowInfo> rows;
    /** {@link #rows} when it is a {@link PendingRows}, whose rows may bring their order id's bytes; else null. */
    private final PendingRows pendingRows;
    private final Map<Long, Integer> liveOrderInstruments;
    /** {@link #liveOrderInstruments} when it takes primitive keys, else null. */
    private final Long2ObjectHashMap<Integer> livePrimitive;
    private final TableOut events;
    private final TableOut trades;
    private final ReplayStats stats;
    /** The catalog's participant ids and instrument symbols as CSV fields, by index. */
    private final byte[][] participantIds;
    private final byte[][] symbols;
    private final List<EngineEvent> pending = new ArrayList<>();
    private int pendingCount;
    private long eventId;
    private volatile RuntimeException error;

    /**
     * @param rows                 takes the row of a command by its userRef (its line), or gives null when the
     *                             command came from no row; called on the engine's thread once per command.
     * @param liveOrderInstruments kept here: the instrument of each live order by exchange order id; null when no
     *                             one asks (nothing is kept then).
     * @param names                the order id strings behind the events' client order ids, asked on the engine's
     *                             thread (an {@link OrderIds} is read without making strings).
     */
    public ReplayListener(final Catalog catalog, final MarketRules rules, final OrderNames names,
        final LongFunction<RowInfo> rows, final Map<Long, Integer> liveOrderInstruments, final TableOut events,
        final TableOut trades, final ReplayStats stats)
    {
        this.catalog = catalog;
        this.orderNames = new EventOrderNames(catalog, names);
        this.reasons = new EventReasons(catalog, rules, orderNames);
        this.rows = rows;
        this.pendingRows = rows instanceof PendingRows pending ? pending : null;
        this.liveOrderInstruments = liveOrderInstruments;
        this.livePrimitive = liveOrderInstruments instanceof Long2ObjectHashMap<Integer> m ? m : null;
        this.events = events;
        this.trades = trades;
        this.stats = stats;
        participantIds = new byte[catalog.participants().size()][];
        for (int i = 0; i < participantIds.length; i++)
        {
            participantIds[i] = CsvOut.encoded(catalog.participant(i).id());
        }
        symbols = new byte[catalog.instruments().size()][];
        for (int i = 0; i < symbols.length; i++)
        {
            symbols[i] = CsvOut.encoded(catalog.instrument(i).symbol());
        }
    }

    /** {@link #EVENT_COLUMNS} with their types: prices and quantities at the catalog's largest scales. */
    public static List<Column> eventColumns(final Catalog catalog)
    {
        final int price = Column.priceScale(catalog);
        final int quantity = Column.quantityScale(catalog);
        return List.of(Column.integer("event_id"), Column.time("time"), Column.optionalInteger("line"),
            Column.optionalText("participant"), Column.optionalText("submitter"), Column.optionalText("order_id"),
            Column.optionalInteger("exchange_order_id"), Column.optionalText("instrument"),
            Column.optionalText("side"), Column.optionalText("type"), Column.optionalText("tif"),
            Column.text("event"), Column.integer("code"), Column.text("code_name"), Column.optionalText("reason"),
            Column.optionalDecimal("price", price), Column.optionalDecimal("quantity", quantity),
            Column.optionalDecimal("leaves", quantity), Column.optionalDecimal("filled", quantity),
            Column.optionalInteger("trade_id"));
    }

    /** {@link #TRADE_COLUMNS} with their types. */
    public static List<Column> tradeColumns(final Catalog catalog)
    {
        final int price = Column.priceScale(catalog);
        final int quantity = Column.quantityScale(catalog);
        return List.of(Column.integer("trade_id"), Column.time("time"), Column.text("instrument"),
            Column.decimal("price", price), Column.decimal("quantity", quantity),
            Column.text("buyer"), Column.text("seller"), Column.optionalText("buy_order_id"),
            Column.optionalText("sell_order_id"), Column.text("aggressor"), Column.text("kind"));
    }

    /** The first write error, or null. */
    public RuntimeException error()
    {
        return error;
    }

    @Override
    public void onEvent(final EngineEvent event)
    {
        if (pendingCount == pending.size())
        {
            pending.add(new EngineEvent());
        }
        pending.get(pendingCount++).copyFrom(event);
    }

    @Override
    public void onCommandComplete(final Command command, final MatchingEngine engine)
    {
        final RowInfo removed = rows.apply(command.userRef);
        orderNames.currentRow(command.beneficialOwner(), command.clientOrderId,
            pendingRows == null ? null : pendingRows.orderIds(),
            pendingRows == null ? 0 : pendingRows.takenOrderIdStart(),
            pendingRows == null || removed == null ? -1 : pendingRows.takenOrderIdLength());
        final RowInfo info = removed == null ? RowInfo.NONE : removed;
        for (int i = 0; i < pendingCount; i++)
        {
            final EngineEvent e = pending.get(i);
            stats.count(e);
            if (liveOrderInstruments != null)
            {
                trackLiveOrders(e);
            }
            if (error == null)
            {
                try
                {
                    if (e.type == EventType.TRADE)
                    {
                        writeTrade(e);
                    }
                    writeEvent(e, info, engine);
                }
                catch (final UncheckedIOException ex)
                {
                    error = ex;
                }
            }
        }
        pendingCount = 0;
    }

    private void trackLiveOrders(final EngineEvent e)
    {
        switch (e.type)
        {
            case ACCEPTED -> putLive(e.exchangeOrderId, e.instrument);
            case CANCELLED, EXPIRED -> removeLive(e.exchangeOrderId);
            case TRADE ->
            {
                if (e.buyLeaves == 0)
                {
                    removeLive(e.buyOrderId);
                }
                if (e.sellLeaves == 0)
                {
                    removeLive(e.sellOrderId);
                }
            }
            default ->
            {
            }
        }
    }

    private void putLive(final long exchangeOrderId, final int instrument)
    {
        if (livePrimitive != null)
        {
            livePrimitive.put(exchangeOrderId, Integer.valueOf(instrument));
        }
        else
        {
            liveOrderInstruments.put(exchangeOrderId, instrument);
        }
    }

    private void removeLive(final long exchangeOrderId)
    {
        if (livePrimitive != null)
        {
            livePrimitive.remove(exchangeOrderId);
        }
        else
        {
            liveOrderInstruments.remove(exchangeOrderId);
        }
    }

    private void writeTrade(final EngineEvent e)
    {
        final Instrument instrument = catalog.instrument(e.instrument);
        trades.field(e.tradeId)
            .time(e.timeNanos)
            .field(symbols[instrument.index()])
            .decimal(e.price, instrument.priceScale())
            .decimal(e.quantity, instrument.quantityScale());
        participant(trades, e.buyOwner, "");
        participant(trades, e.sellOwner, "");
        orderNames.write(trades, e.buyOwner, "", e.buyClientOrderId);
        orderNames.write(trades, e.sellOwner, "", e.sellClientOrderId);
        trades.field(SIDES[e.side.ordinal()])
            .field(TRADE_KINDS[e.tradeKind.ordinal()])
            .end();
    }

    private void writeEvent(final EngineEvent e, final RowInfo info, final MatchingEngine engine)
    {
        if (e.type == EventType.PHASE_CHANGED)
        {
            writePhaseChange(e);
            return;
        }
        final boolean rejected = e.type == EventType.REJECTED;
        final boolean unreadable = e.commandType == CommandType.INVALID;
        final Instrument instrument = instrument(e.instrument);
        events.field(++eventId)
            .time(e.timeNanos)
            .fieldUnlessZero(e.userRef);
        participant(events, e.owner, info.owner());
        participant(events, e.submitter, info.participant());
        if (rejected && info.orderId() != null)
        {
            events.field(info.orderId());
        }
        else
        {
            orderNames.write(events, e.owner, info.owner(), e.clientOrderId);
        }
        events.fieldUnlessZero(e.exchangeOrderId);
        if (instrument != null)
        {
            events.field(symbols[instrument.index()]);
        }
        else
        {
            events.field(info.instrument());
        }

        if (!rejected || e.commandType == CommandType.NEW_ORDER)
        {
            events.field(SIDES[e.side.ordinal()])
                .field(ORDER_TYPES[e.orderType.ordinal()])
                .field(TIME_IN_FORCES[e.timeInForce.ordinal()]);
        }
        else
        {
            events.field(upper(info.side())).field(upper(info.type())).field(upper(info.tif()));
        }
        events.field(EVENT_TYPES[e.type.ordinal()])
            .field(e.code.code())
            .field(CODE_NAMES[e.code.ordinal()]);
        reasons.write(events, e, info, instrument, engine);

        final boolean scaled = instrument != null && !unreadable &&
            (!rejected || e.commandType == CommandType.NEW_ORDER || e.commandType == CommandType.REPLACE);
        if (scaled)
        {
            final boolean noPrice = e.orderType == OrderType.MARKET && e.price == 0 && e.type != EventType.TRADE;
            if (noPrice)
            {
                events.field("");
            }
            else
            {
                events.decimal(e.price, instrument.priceScale());
            }
            events.decimal(e.quantity, instrument.quantityScale());
        }
        else
        {
            events.field(info.price()).field(info.quantity());
        }
        final boolean onOrder = !rejected || e.leaves > 0 || e.filled > 0;
        if (instrument != null && onOrder)
        {
            events.decimal(e.leaves, instrument.quantityScale()).decimal(e.filled, instrument.quantityScale());
        }
        else
        {
            events.field("").field("");
        }
        events.fieldUnlessZero(e.type == EventType.TRADE ? e.tradeId : 0).end();
    }

    /** A section's session moves to another phase: no order, no participant; the reason says which. */
    private void writePhaseChange(final EngineEvent e)
    {
        final String section = e.section >= 0 && e.section < catalog.sections().size() ?
            catalog.sections().get(e.section) : Integer.toString(e.section);
        events.field(++eventId)
            .field(time(e.timeNanos))
            .field(e.userRef == 0 ? "" : Long.toString(e.userRef));
        for (int i = 0; i < 8; i++)
        {
            events.field("");
        }
        events.field(e.type.name())
            .field(e.code.code())
            .field(e.code.name())
            .field("section " + section + " enters " + e.phase.name());
        for (int i = 0; i < 5; i++)
        {
            events.field("");
        }
        events.end();
    }

    private Instrument instrument(final int index)
    {
        return index >= 0 && index < catalog.instruments().size() ? catalog.instrument(index) : null;
    }

    /** The participant's id from the catalog, or as written when the catalog has no such index. */
    private void participant(final TableOut out, final int index, final String asWritten)
    {
        if (index >= 0 && index < participantIds.length)
        {
            out.field(participantIds[index]);
        }
        else
        {
            out.field(asWritten);
        }
    }

    private static String upper(final String text)
    {
        return text.toUpperCase(Locale.ROOT);
    }

    /** ISO-8601 UTC, e.g. 2024-03-01T09:00:00Z (fractions of a second only when there are some). */
    public static String time(final long nanos)
    {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND))
            .toString();
    }
}
