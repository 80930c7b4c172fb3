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
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Participant;
import by.butb.engine.model.ParticipantStatus;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import by.butb.engine.pipeline.EngineListener;

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
    private final MarketRules rules;
    private final OrderNames ids;
    private final LongFunction<RowInfo> rows;
    private final Map<Long, Integer> liveOrderInstruments;
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
     */
    public ReplayListener(final Catalog catalog, final MarketRules rules, final OrderIds ids,
        final LongFunction<RowInfo> rows, final Map<Long, Integer> liveOrderInstruments, final TableOut events,
        final TableOut trades, final ReplayStats stats)
    {
        this(catalog, rules, (OrderNames)ids::nameOf, rows, liveOrderInstruments, events, trades, stats);
    }

    /**
     * As {@link #ReplayListener(Catalog, MarketRules, OrderIds, LongFunction, Map, TableOut, TableOut,
     * ReplayStats)}, the events' order ids named by {@code ids} (called on the engine's thread).
     */
    public ReplayListener(final Catalog catalog, final MarketRules rules, final OrderNames ids,
        final LongFunction<RowInfo> rows, final Map<Long, Integer> liveOrderInstruments, final TableOut events,
        final TableOut trades, final ReplayStats stats)
    {
        this.catalog = catalog;
        this.rules = rules;
        this.ids = ids;
        this.rows = rows;
        this.liveOrderInstruments = liveOrderInstruments;
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
            case ACCEPTED -> liveOrderInstruments.put(e.exchangeOrderId, e.instrument);
            case CANCELLED, EXPIRED -> liveOrderInstruments.remove(e.exchangeOrderId);
            case TRADE ->
            {
                if (e.buyLeaves == 0)
                {
                    liveOrderInstruments.remove(e.buyOrderId);
                }
                if (e.sellLeaves == 0)
                {
                    liveOrderInstruments.remove(e.sellOrderId);
                }
            }
            default ->
            {
            }
        }
    }

    private void writeTrade(final EngineEvent e)
    {
        final Instrument instrument = catalog.instrument(e.instrument);
        final String buyer = participantName(e.buyOwner, "");
        final String seller = participantName(e.sellOwner, "");
        trades.field(e.tradeId)
            .time(e.timeNanos)
            .field(symbols[instrument.index()])
            .decimal(e.price, instrument.priceScale())
            .decimal(e.quantity, instrument.quantityScale());
        participant(trades, e.buyOwner, "");
        participant(trades, e.sellOwner, "");
        trades.field(orderName(buyer, e.buyClientOrderId))
            .field(orderName(seller, e.sellClientOrderId))
            .field(SIDES[e.side.ordinal()])
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
        final String owner = participantName(e.owner, info.owner());
        events.field(++eventId)
            .time(e.timeNanos)
            .fieldUnlessZero(e.userRef);
        participant(events, e.owner, info.owner());
        participant(events, e.submitter, info.participant());
        events.field(rejected ? info.orderId() : orderName(owner, e.clientOrderId))
            .fieldUnlessZero(e.exchangeOrderId);
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
            .field(CODE_NAMES[e.code.ordinal()])
            .field(reason(e, info, instrument, engine));

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

    /** The code's fixed text plus what makes it useful: the offending value, the limit, the names. */
    private String reason(final EngineEvent e, final RowInfo info, final Instrument instrument,
        final MatchingEngine engine)
    {
        if (e.commandType == CommandType.INVALID && e.type == EventType.REJECTED && info.reason() != null)
        {
            return info.reason();
        }
        final String text = e.code.text();
        return switch (e.code)
        {
            case OK -> e.type == EventType.TRADE ? tradeReason(e) : okReason(e, info);
            case NOT_ALLOWED_IN_PHASE, MARKET_CLOSED -> text + phaseContext(e, instrument, engine);
            case UNKNOWN_PARTICIPANT -> text + " '" + info.participant() + "'";
            case UNKNOWN_INSTRUMENT -> text + " '" + info.instrument() + "'";
            case UNKNOWN_CLIENT -> "on_behalf_of names an unknown participant '" + info.onBehalfOf() + "'";
            case PARTICIPANT_NOT_ACTIVE -> text + ": " + inactive(e);
            case NOT_ADMITTED_TO_SECTION -> instrument == null || e.owner < 0 ? text :
                text + ": " + participantName(e.owner, "") + " is admitted to " + sections(e.owner) + ", " +
                    instrument.symbol() + " is in " + instrument.section();
            case NOT_CLIENT_OF_BROKER -> text + ": " + participantName(e.owner, info.owner()) + " is not a client of " +
                participantName(e.submitter, info.participant());
            case PRICE_NOT_ON_STEP -> instrument == null ? text : "price " + price(instrument, e.price) +
                " is not a multiple of the price step " + price(instrument, instrument.priceStep());
            case QUANTITY_NOT_ON_LOT -> instrument == null ? text : "quantity " + quantity(instrument, e.quantity) +
                " is not a multiple of the lot size " + quantity(instrument, instrument.lotSize());
            case PRICE_OUTSIDE_BAND -> instrument == null ? text : "price " + price(instrument, e.price) +
                " is outside the band " + price(instrument, instrument.lowPrice()) + ".." +
                price(instrument, instrument.highPrice());
            case INSUFFICIENT_DEPOSIT -> text + depositContext(e, instrument, engine);
            case CURRENCY_MISMATCH -> instrument == null || e.owner < 0 ? text :
                text + ": " + participantName(e.owner, "") + "'s deposit is in " +
                    catalog.participant(e.owner).currency() + ", " + instrument.symbol() + " trades in " +
                    instrument.currency();
            case DUPLICATE_ORDER_ID -> text + " '" + info.orderId() + "'";
            case UNKNOWN_ORDER -> text + (info.exchangeOrderId().isEmpty() ? " '" + info.orderId() + "'" :
                " (exchange_order_id " + info.exchangeOrderId() + ")");
            case REPLACE_QUANTITY_NOT_ABOVE_FILLED -> instrument == null ? text :
                text + " (" + quantity(instrument, e.filled) + " filled)";
            case UNKNOWN_COUNTERPARTY -> text + " '" + info.counterparty() + "'";
            case OUTBID -> text + (e.counterparty >= 0 ? " on the lot of " + participantName(e.counterparty, "") : "");
            case UNKNOWN_LOT -> text + (info.exchangeOrderId().isEmpty() ?
                " '" + info.counterpartyOrderId() + "' of " + info.counterparty() :
                " (exchange_order_id " + info.exchangeOrderId() + ")");
            case IOC_REMAINDER, MARKET_REMAINDER -> instrument == null ? text :
                text + " (" + quantity(instrument, e.quantity - e.filled) + " of " + quantity(instrument, e.quantity) +
                    " not filled)";
            default -> text;
        };
    }

    private String tradeReason(final EngineEvent e)
    {
        final String buyer = participantName(e.buyOwner, "");
        final String seller = participantName(e.sellOwner, "");
        final String deal = e.side == Side.BUY ?
            "bought from " + seller + " order " + orderName(seller, e.sellClientOrderId) :
            "sold to " + buyer + " order " + orderName(buyer, e.buyClientOrderId);
        return switch (e.tradeKind)
        {
            case CONTINUOUS -> deal;
            case CALL_AUCTION -> deal + " in the opening call auction";
            case LOT_AUCTION -> deal + ": the lot auction closed, this bid won";
            case ADDRESS_DEAL -> deal + " in an address deal";
        };
    }

    private String okReason(final EngineEvent e, final RowInfo info)
    {
        if (e.commandType == CommandType.LOT_OFFER && e.type == EventType.ACCEPTED)
        {
            return "ok: the lot's auction is open";
        }
        if (e.counterparty < 0 || e.counterparty >= catalog.participants().size())
        {
            return e.code.text();
        }
        final String counterparty = catalog.participant(e.counterparty).id();
        if (e.commandType == CommandType.LOT_BID)
        {
            return "ok: bid on the lot of " + counterparty;
        }
        if (!info.counterpartyOrderId().isEmpty())
        {
            return "ok: takes the address order of " + counterparty;
        }
        return "ok: address order, only " + counterparty + " can take it";
    }

    private String phaseContext(final EngineEvent e, final Instrument instrument, final MatchingEngine engine)
    {
        if (instrument == null)
        {
            return "";
        }
        return ": section " + instrument.section() + " is in phase " + engine.phase(instrument.sectionIndex());
    }

    private String inactive(final EngineEvent e)
    {
        final StringBuilder who = new StringBuilder();
        for (final int index : new int[] {e.submitter, e.owner})
        {
            if (index >= 0 && index < catalog.participants().size())
            {
                final Participant p = catalog.participant(index);
                if (p.status() != ParticipantStatus.ACTIVE && who.indexOf(p.id() + " ") < 0)
                {
                    who.append(who.length() == 0 ? "" : ", ").append(p.id()).append(" is ").append(p.status());
                }
            }
        }
        return who.toString();
    }

    private String depositContext(final EngineEvent e, final Instrument instrument, final MatchingEngine engine)
    {
        if (instrument == null || e.owner < 0)
        {
            return "";
        }
        final String currency = catalog.participant(e.owner).currency();
        final String free = money(engine.freeDeposit(e.owner)) + " " + currency;
        if (e.commandType == CommandType.NEW_ORDER)
        {
            final long valuePrice = e.orderType == OrderType.MARKET ? instrument.highPrice() : e.price;
            final long notional = instrument.notional(valuePrice, e.quantity);
            if (notional >= 0)
            {
                return ": the order needs " + money(rules.guarantee(notional)) + " " + currency + ", " +
                    participantName(e.owner, "") + " has " + free + " free";
            }
        }
        return ": " + participantName(e.owner, "") + " has " + free + " free";
    }

    private String sections(final int participant)
    {
        final long mask = catalog.participant(participant).sectionMask();
        final StringBuilder names = new StringBuilder();
        for (int i = 0; i < catalog.sections().size(); i++)
        {
            if ((mask & (1L << i)) != 0)
            {
                names.append(names.length() == 0 ? "" : " and ").append(catalog.sections().get(i));
            }
        }
        return names.length() == 0 ? "no section" : names.toString();
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

    private String participantName(final int index, final String asWritten)
    {
        return index >= 0 && index < catalog.participants().size() ? catalog.participant(index).id() : asWritten;
    }

    private String orderName(final String owner, final long clientOrderId)
    {
        if (clientOrderId == 0)
        {
            return "";
        }
        final String name = ids.nameOf(owner, clientOrderId);
        return name != null ? name : "#" + clientOrderId;
    }

    private static String upper(final String text)
    {
        return text.toUpperCase(Locale.ROOT);
    }

    private static String price(final Instrument instrument, final long price)
    {
        return FixedPoint.format(price, instrument.priceScale());
    }

    private static String quantity(final Instrument instrument, final long quantity)
    {
        return FixedPoint.format(quantity, instrument.quantityScale());
    }

    static String money(final long minorUnits)
    {
        return FixedPoint.format(minorUnits, Instrument.MONEY_SCALE);
    }

    /** ISO-8601 UTC, e.g. 2024-03-01T09:00:00Z (fractions of a second only when there are some). */
    public static String time(final long nanos)
    {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND))
            .toString();
    }
}
