package by.butb.sim.classroom;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.EventType;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.csv.CsvReader;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.Participant;
import by.butb.engine.model.Side;
import by.butb.engine.pipeline.EngineListener;
import by.butb.sim.replay.CsvOut;
import by.butb.sim.replay.OrderIds;
import by.butb.sim.replay.ReplayListener;
import by.butb.sim.replay.ReplayStats;
import by.butb.sim.replay.RowInfo;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The classroom's view of the market, kept on the engine's logic thread.
 *
 * <p>Every event goes first through the replay's {@link ReplayListener}, writing into memory, so that the event
 * log and the trades tape show exactly the rows (and reject reasons) that {@code butb replay} writes to
 * events.csv and trades.csv. Lots and address orders are followed from the events ({@link LotAndAddressViews}).
 * After each CLOCK command (the driver ends every batch with one), the book levels, phases, lots and deposits are
 * copied into a JSON text and handed to {@code publish}: nothing else reads the engine.
 *
 * <p>"notices" ({@link StudentNotices}) tell the watched students what happened to their orders without their
 * asking.
 *
 * <p>Threading: {@link #onEvent} and {@link #onCommandComplete} run on the logic thread; {@link #expect} and
 * {@link #watch} are called by other threads (concurrent maps).
 */
final class MarketWatch implements EngineListener
{
    /** userRef of the students' commands: {@code STUDENT_REF + n}; scripted rows use their line number. */
    static final long STUDENT_REF = 1L << 40;

    private static final int DEPTH = 10;
    private static final int TAPE = 100;
    private static final int LOG = 200;
    private static final int LOG_SENT = 60;
    private static final String EVENT_HEADER = String.join(",", ReplayListener.EVENT_COLUMNS) + "\n";
    private static final String TRADE_HEADER = String.join(",", ReplayListener.TRADE_COLUMNS) + "\n";

    private final Catalog catalog;
    private final OrderIds ids;
    private final Map<Long, RowInfo> rows;
    private final ReplayListener replay;
    private final CapturingOutput eventText = new CapturingOutput();
    private final CapturingOutput tradeText = new CapturingOutput();
    private final CsvOut eventCsv = new CsvOut("events", eventText);
    private final CsvOut tradeCsv = new CsvOut("trades", tradeText);
    private final Consumer<String> publish;
    private final Map<Long, CompletableFuture<List<Map<String, String>>>> results = new ConcurrentHashMap<>();
    private final Set<Integer> watched = ConcurrentHashMap.newKeySet();

    private final List<EngineEvent> pending = new ArrayList<>();
    private int pendingCount;
    private final ArrayDeque<Map<String, String>> log = new ArrayDeque<>();
    private final ArrayDeque<Map<String, String>> tape = new ArrayDeque<>();
    private final StudentNotices notices;
    private final LotAndAddressViews mechanisms = new LotAndAddressViews();
    private final PricePaths prices;
    private volatile RuntimeException failure;

    /**
     * @param rows    what each scripted or student command said, by userRef (the replay listener removes them).
     * @param liveOrderInstruments kept by the replay listener: the instrument of each live order by exchange id.
     * @param publish receives the market JSON after each CLOCK command (on the logic thread).
     */
    MarketWatch(final Catalog catalog, final by.butb.engine.core.MarketRules rules, final OrderIds ids,
        final Map<Long, RowInfo> rows, final Map<Long, Integer> liveOrderInstruments, final Consumer<String> publish)
    {
        this.catalog = catalog;
        this.ids = ids;
        this.rows = rows;
        this.publish = publish;
        this.replay = new ReplayListener(catalog, rules, ids, rows::remove, liveOrderInstruments,
            eventCsv, tradeCsv,
            new ReplayStats(catalog.instruments().size()));
        notices = new StudentNotices(catalog, this::name, watched);
        prices = new PricePaths(catalog.instruments().size());
    }

    /** The events of the command with this userRef will complete the returned future (as event-log rows). */
    CompletableFuture<List<Map<String, String>>> expect(final long userRef)
    {
        final CompletableFuture<List<Map<String, String>>> f = new CompletableFuture<>();
        results.put(userRef, f);
        return f;
    }

    /** Adds a participant whose resting orders the market JSON lists (a logged-in student). */
    void watch(final int participant)
    {
        watched.add(participant);
    }

    /** The first failure of this listener, or null (it never throws into the pipeline). */
    RuntimeException failure()
    {
        return failure;
    }

    @Override
    public void onEvent(final EngineEvent event)
    {
        replay.onEvent(event);
        if (pendingCount == pending.size())
        {
            pending.add(new EngineEvent());
        }
        pending.get(pendingCount++).copyFrom(event);
    }

    @Override
    public void onCommandComplete(final Command command, final MatchingEngine engine)
    {
        try
        {
            replay.onCommandComplete(command, engine);
            eventCsv.flush();
            tradeCsv.flush();
            final List<Map<String, String>> events = parse(EVENT_HEADER, eventText.take());
            for (final Map<String, String> e : events)
            {
                addBounded(log, e, LOG);
            }
            for (final Map<String, String> t : parse(TRADE_HEADER, tradeText.take()))
            {
                addBounded(tape, t, TAPE);
            }
            for (int i = 0; i < pendingCount; i++)
            {
                follow(pending.get(i), command);
            }
            final CompletableFuture<List<Map<String, String>>> result = results.remove(command.userRef);
            if (result != null)
            {
                result.complete(events.stream().map(MarketWatch::withSource).toList());
            }
            if (command.type == CommandType.CLOCK)
            {
                publish.accept(snapshot(engine, command.timeNanos));
            }
        }
        catch (final RuntimeException ex)
        {
            if (failure == null)
            {
                failure = ex;
                ex.printStackTrace();
            }
        }
        finally
        {
            pendingCount = 0;
            rows.remove(command.userRef);
        }
    }

    static <T> void addBounded(final ArrayDeque<T> deque, final T item, final int max)
    {
        deque.addLast(item);
        if (deque.size() > max)
        {
            deque.removeFirst();
        }
    }

    private static List<Map<String, String>> parse(final String header, final String text)
    {
        final List<Map<String, String>> out = new ArrayList<>();
        if (text.isEmpty())
        {
            return out;
        }
        final String[] columns = header.trim().split(",");
        CsvReader.read("events", new StringReader(header + text), List.of(), row ->
        {
            final Map<String, String> map = new LinkedHashMap<>();
            for (final String c : columns)
            {
                map.put(c, row.get(c));
            }
            out.add(map);
        });
        return out;
    }

    /** Follows the watched students' notices, last prices, lots and address orders through one event. */
    private void follow(final EngineEvent e, final Command command)
    {
        notices.follow(e, command);
        if (e.type == EventType.TRADE)
        {
            prices.trade(e.instrument, command.timeNanos, e.price);
        }
        mechanisms.follow(e, command);
    }

    // ------------------------------------------------------------------------------------------------ snapshot

    /** The market as JSON: instruments with phase and depth, tape, lots, address orders, participants, log. */
    private String snapshot(final MatchingEngine engine, final long now)
    {
        final Json j = new Json(16384).beginObject();
        j.field("now", ReplayListener.time(now)).field("nowNanos", now);
        writeInstruments(j, engine);
        writeTape(j);
        writeLog(j);
        writeLots(j);
        writeAddressOrders(j);
        writeParticipants(j, engine);
        writeWatchedOrders(j, engine);
        notices.write(j);
        return j.endObject().toString();
    }

    /**
     * "instruments": each with its section's phase, its steps and limits, last price, price path
     * ({@link PricePaths}), the book's depth and, when bids and asks cross (before a call auction), the auction's
     * indicative price and volume (else "").
     */
    private void writeInstruments(final Json j, final MatchingEngine engine)
    {
        j.key("instruments").beginArray();
        for (final Instrument instrument : catalog.instruments())
        {
            final int i = instrument.index();
            j.beginObject()
                .field("symbol", instrument.symbol())
                .field("name", instrument.name())
                .field("section", instrument.section())
                .field("unit", instrument.unit())
                .field("currency", instrument.currency())
                .field("phase", engine.phase(instrument.sectionIndex()).name())
                .field("priceStep", price(instrument, instrument.priceStep()))
                .field("lotSize", quantity(instrument, instrument.lotSize()))
                .field("low", price(instrument, instrument.lowPrice()))
                .field("high", price(instrument, instrument.highPrice()))
                .field("last", prices.trades(i) == 0 ? "" : price(instrument, prices.last(i)))
                .field("trades", prices.trades(i));
            prices.write(j, instrument);
            final long indicative = engine.indicativePrice(i);
            j.field("indicativePrice", indicative < 0 ? "" : price(instrument, indicative))
                .field("indicativeVolume", indicative < 0 ? "" :
                    quantity(instrument, engine.indicativeVolume(i, indicative)));
            levels(j, "bids", engine, instrument, Side.BUY);
            levels(j, "asks", engine, instrument, Side.SELL);
            j.endObject();
        }
        j.endArray();
    }

    /** "tape": the last trades, newest first. */
    private void writeTape(final Json j)
    {
        j.key("tape").beginArray();
        for (final Iterator<Map<String, String>> it = tape.descendingIterator(); it.hasNext(); )
        {
            j.object(it.next());
        }
        j.endArray();
    }

    /** "log": the newest {@value #LOG_SENT} events, newest first, with their source. */
    private void writeLog(final Json j)
    {
        j.key("log").beginArray();
        int sent = 0;
        for (final Iterator<Map<String, String>> it = log.descendingIterator(); it.hasNext() && sent++ < LOG_SENT; )
        {
            j.object(withSource(it.next()));
        }
        j.endArray();
    }

    /** "lots": open lots and the last closed ones, with the best bid and the next bid allowed. */
    private void writeLots(final Json j)
    {
        j.key("lots").beginArray();
        for (final LotAndAddressViews.LotView lot : mechanisms.lots())
        {
            final Instrument instrument = catalog.instrument(lot.instrument);
            j.beginObject()
                .field("lotId", lot.lotId)
                .field("orderId", name(lot.owner, lot.clientOrderId))
                .field("instrument", instrument.symbol())
                .field("side", lot.side.name())
                .field("owner", participant(lot.owner))
                .field("quantity", quantity(instrument, lot.quantity))
                .field("unit", instrument.unit())
                .field("startPrice", price(instrument, lot.startPrice))
                .field("bidStep", price(instrument, lot.bidStep))
                .field("closeTime", ReplayListener.time(lot.closeTime))
                .field("closeNanos", lot.closeTime)
                .field("bestBid", lot.bidder < 0 ? "" : price(instrument, lot.bestBid))
                .field("nextBid", price(instrument, lot.bidder < 0 ? lot.startPrice :
                    lot.side == Side.SELL ? lot.bestBid + lot.bidStep : lot.bestBid - lot.bidStep))
                .field("bidder", lot.bidder < 0 ? "" : participant(lot.bidder))
                .field("bids", lot.bids)
                .field("status", lot.status)
                .endObject();
        }
        j.endArray();
    }

    /** "address": the live address (negotiated) orders. */
    private void writeAddressOrders(final Json j)
    {
        j.key("address").beginArray();
        for (final LotAndAddressViews.AddressView a : mechanisms.addressOrders())
        {
            final Instrument instrument = catalog.instrument(a.instrument);
            j.beginObject()
                .field("exchangeOrderId", a.orderId)
                .field("orderId", name(a.owner, a.clientOrderId))
                .field("instrument", instrument.symbol())
                .field("side", a.side.name())
                .field("owner", participant(a.owner))
                .field("counterparty", participant(a.counterparty))
                .field("price", price(instrument, a.price))
                .field("leaves", quantity(instrument, a.leaves))
                .endObject();
        }
        j.endArray();
    }

    /** "participants": each with its free and blocked deposit and the fees it paid. */
    private void writeParticipants(final Json j, final MatchingEngine engine)
    {
        j.key("participants").beginArray();
        for (final Participant p : catalog.participants())
        {
            j.beginObject()
                .field("id", p.id())
                .field("name", p.name())
                .field("country", p.country())
                .field("role", p.role().name())
                .field("status", p.status().name())
                .field("currency", p.currency())
                .field("free", money(engine.freeDeposit(p.index())))
                .field("blocked", money(engine.blockedDeposit(p.index())))
                .field("fees", money(engine.feesPaid(p.index())))
                .endObject();
        }
        j.endArray();
    }

    /** "orders": the resting orders of the watched owners, by instrument, buys then sells. */
    private void writeWatchedOrders(final Json j, final MatchingEngine engine)
    {
        j.key("orders").beginArray();
        for (final Instrument instrument : catalog.instruments())
        {
            for (final Side side : Side.values())
            {
                engine.forEachRestingOrder(instrument.index(), side,
                    (orderId, clientOrderId, owner, submitter, tif, price, qty, leaves, filled, filledValue, blocked) ->
                    {
                        if (watched.contains(owner))
                        {
                            j.beginObject()
                                .field("owner", participant(owner))
                                .field("orderId", name(owner, clientOrderId))
                                .field("exchangeOrderId", orderId)
                                .field("instrument", instrument.symbol())
                                .field("side", side.name())
                                .field("tif", tif.name())
                                .field("price", price(instrument, price))
                                .field("quantity", quantity(instrument, qty))
                                .field("leaves", quantity(instrument, leaves))
                                .field("filled", quantity(instrument, filled))
                                .endObject();
                        }
                    });
            }
        }
        j.endArray();
    }

    private static void levels(final Json j, final String key, final MatchingEngine engine,
        final Instrument instrument, final Side side)
    {
        j.key(key).beginArray();
        final int depth = Math.min(DEPTH, engine.depth(instrument.index(), side));
        for (int rank = 0; rank < depth; rank++)
        {
            j.beginObject()
                .field("price", price(instrument, engine.levelPrice(instrument.index(), side, rank)))
                .field("quantity", quantity(instrument, engine.levelQuantity(instrument.index(), side, rank)))
                .field("orders", engine.levelOrderCount(instrument.index(), side, rank))
                .endObject();
        }
        j.endArray();
    }

    /** The event row with where it came from: a line of the script, a student, or the clock. */
    private static Map<String, String> withSource(final Map<String, String> row)
    {
        final Map<String, String> out = new LinkedHashMap<>(row);
        final String line = row.get("line");
        String source = "clock";
        if (line != null && !line.isEmpty())
        {
            source = Long.parseLong(line) >= STUDENT_REF ? "student" : "line " + line;
        }
        out.put("line", source);
        return out;
    }

    private String participant(final int index)
    {
        return index >= 0 && index < catalog.participants().size() ? catalog.participant(index).id() : "";
    }

    String name(final int owner, final long clientOrderId)
    {
        final String name = ids.nameOf(participant(owner), clientOrderId);
        return name != null ? name : "#" + clientOrderId;
    }

    static String price(final Instrument instrument, final long value)
    {
        return FixedPoint.format(value, instrument.priceScale());
    }

    static String quantity(final Instrument instrument, final long value)
    {
        return FixedPoint.format(value, instrument.quantityScale());
    }

    private static String money(final long minorUnits)
    {
        return FixedPoint.format(minorUnits, Instrument.MONEY_SCALE);
    }
}
