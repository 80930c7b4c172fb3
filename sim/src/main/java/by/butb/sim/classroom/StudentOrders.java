package by.butb.sim.classroom;

import by.butb.engine.core.Command;
import by.butb.engine.csv.CsvReader;
import by.butb.engine.pipeline.EnginePipeline;
import by.butb.sim.replay.OrderFileReader;
import by.butb.sim.replay.ReplayListener;
import by.butb.sim.replay.RowInfo;

import java.io.StringReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongToIntFunction;
import java.util.regex.Pattern;

/**
 * The students' order entry for one loaded scenario: a student's order, cancel, replace or lot bid, read by the
 * replay's order-file reader (the same checks and reject codes as a file or the gateway), submitted to the
 * scenario's pipeline and answered with the engine's events. NEW and LOT_BID get a new order id ("web-1",
 * "web-2"... per participant, counted from 1 per loaded scenario).
 *
 * <p>Threading: an instance belongs to the classroom's driver thread (the pipeline's only producer) and is used on
 * it only; the static methods are pure and may be called from any thread.
 */
final class StudentOrders
{
    private static final Pattern DECIMAL_COMMA = Pattern.compile("-?[0-9]+,[0-9]+");
    private static final List<String> STUDENT_ACTIONS = List.of("NEW", "CANCEL", "REPLACE", "LOT_BID");
    private static final List<String> ORDER_COLUMNS = List.of("time", "participant", "action", "order_id",
        "instrument", "side", "type", "tif", "price", "quantity", "exchange_order_id");

    private final Script script;
    private final Command command;
    private final EnginePipeline pipeline;
    private final MarketWatch watch;
    private final Map<Long, RowInfo> rows;
    private final Runnable marker;
    private final OrderFileReader reader;
    private final Map<String, Integer> webOrderIds = new HashMap<>();
    private long studentRefs;

    /**
     * @param command         the driver thread's command, filled and submitted here.
     * @param rows            the rows the market view explains commands by; each student command's row is put here.
     * @param marker          ends a batch: submits a CLOCK at the simulated time and publishes the session.
     * @param instrumentOf    the instrument of a resting order by exchange order id, for CANCEL, REPLACE, LOT_BID.
     */
    StudentOrders(final Script script, final Command command, final EnginePipeline pipeline, final MarketWatch watch,
        final Map<Long, RowInfo> rows, final Runnable marker, final LongToIntFunction instrumentOf)
    {
        this.script = script;
        this.command = command;
        this.pipeline = pipeline;
        this.watch = watch;
        this.rows = rows;
        this.marker = marker;
        reader = new OrderFileReader(script.catalog(), script.ids(), instrumentOf);
    }

    /**
     * Checks a student's order fields; returns the action in upper case. Any thread.
     *
     * @param fields the order-file columns: action, order_id (CANCEL and REPLACE), instrument, side, type, tif,
     *               price, quantity, exchange_order_id (the lot of a LOT_BID).
     */
    static String action(final Map<String, String> fields)
    {
        final String action = get(fields, "action").toUpperCase(Locale.ROOT);
        if (!STUDENT_ACTIONS.contains(action))
        {
            throw new ClassroomException("field 'action': '" + get(fields, "action") + "' is not one of " +
                String.join(", ", STUDENT_ACTIONS));
        }
        for (final String column : ORDER_COLUMNS)
        {
            final String value = decimalPoint(column, get(fields, column));
            if (value.length() > 64 || value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 ||
                value.indexOf('\r') >= 0)
            {
                throw new ClassroomException("field '" + column + "': must be at most 64 characters without commas, " +
                    "quotes or line breaks");
            }
        }
        return action;
    }

    /**
     * Driver thread: submits {@code participant}'s command ({@code action} as returned by {@link #action}) stamped
     * with {@code now}, ends the batch, waits for the engine and returns its answer.
     */
    OrderResult order(final String participant, final String action, final Map<String, String> fields,
        final long now)
    {
        if (script.catalog().participant(participant) == null)
        {
            throw new ClassroomException(401, "participant '" + participant + "' is not in the loaded scenario: " +
                "log in again");
        }
        final String orderId = action.equals("NEW") || action.equals("LOT_BID") ?
            "web-" + webOrderIds.merge(participant, 1, Integer::sum) : get(fields, "order_id");
        final Map<String, String> row = new LinkedHashMap<>();
        row.put("time", ReplayListener.time(now));
        row.put("participant", participant);
        row.put("action", action);
        row.put("order_id", orderId);
        for (final String column : ORDER_COLUMNS.subList(4, ORDER_COLUMNS.size()))
        {
            row.put(column, decimalPoint(column, get(fields, column)));
        }
        final String csv = String.join(",", row.keySet()) + "\n" + String.join(",", row.values()) + "\n";
        final RowInfo[] info = new RowInfo[1];
        CsvReader.read("order from the page", new StringReader(csv), ORDER_COLUMNS,
            r -> info[0] = reader.read(r, command));
        final long ref = MarketWatch.STUDENT_REF + ++studentRefs;
        command.userRef = ref;
        rows.put(ref, withoutLine(info[0]));
        final var result = watch.expect(ref);
        pipeline.submit(command);
        marker.run();
        pipeline.drain();
        final List<Map<String, String>> events = result.getNow(List.of());
        boolean accepted = !events.isEmpty();
        for (final Map<String, String> e : events)
        {
            accepted &= !"REJECTED".equals(e.get("event"));
        }
        return new OrderResult(accepted, orderId, events);
    }

    /** What the engine answered to a student's command: its events as event-log rows. */
    public record OrderResult(boolean accepted, String orderId, List<Map<String, String>> events)
    {
        String json()
        {
            return new Json().beginObject().field("accepted", accepted).field("orderId", orderId).key("events")
                .objects(events).endObject().toString();
        }
    }

    /** A price or quantity written with a decimal comma ("170,5", as in Belarus) as the order file's "170.5". */
    static String decimalPoint(final String column, final String value)
    {
        return (column.equals("price") || column.equals("quantity")) && DECIMAL_COMMA.matcher(value).matches() ?
            value.replace(',', '.') : value;
    }

    private static RowInfo withoutLine(final RowInfo info)
    {
        if (info.reason() == null)
        {
            return info;
        }
        return new RowInfo(info.line(), info.participant(), info.onBehalfOf(), info.action(), info.orderId(),
            info.exchangeOrderId(), info.instrument(), info.side(), info.type(), info.tif(), info.price(),
            info.quantity(), info.counterparty(), info.counterpartyOrderId(),
            info.reason().replaceFirst("^line \\d+ ", ""));
    }

    private static String get(final Map<String, String> fields, final String key)
    {
        final String v = fields.get(key);
        return v == null ? "" : v.trim();
    }
}
