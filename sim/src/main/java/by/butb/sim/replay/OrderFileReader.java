package by.butb.sim.replay;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.csv.CsvRow;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Participant;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.LongToIntFunction;

/**
 * Turns rows of an order file (format in docs/formats.md#orders-csv) into engine {@link Command}s.
 *
 * <p>The reader only reads: it resolves names to indexes ({@link Command#UNKNOWN} when the catalog does not know
 * them) and decimals to scaled longs, and leaves every business check to the engine. A row it cannot read becomes
 * an {@link CommandType#INVALID} command (code {@link ResultCode#MALFORMED_INPUT}, or
 * {@link ResultCode#PRICE_NOT_ON_STEP} / {@link ResultCode#QUANTITY_NOT_ON_LOT} when the only problem is more
 * decimals than the instrument has), which the engine rejects in order with everything else. Every command carries
 * its CSV line number in {@link Command#userRef}. Not thread-safe: one reading thread.
 */
public final class OrderFileReader
{
    /**
     * Columns the header must have. Optional: on_behalf_of, new_order_id, exchange_order_id, counterparty,
     * counterparty_order_id, bid_step, close_time.
     */
    public static final List<String> REQUIRED_COLUMNS = List.of("time", "participant", "action", "order_id",
        "instrument", "side", "type", "tif", "price", "quantity");

    /** Longest order id (order_id, new_order_id, counterparty_order_id) read, as the gateway bounds ClOrdID. */
    public static final int MAX_ORDER_ID_LENGTH = 64;

    /** The words of the action column. */
    public static final List<String> ACTIONS = List.of("NEW", "CANCEL", "REPLACE", "LOT_OFFER", "LOT_BID");


    /**
     * Every column read: time and action, then the {@link RowText} components in their order. Their indexes in the
     * file are looked up once per header ({@link #at}).
     */
    private static final String[] COLUMNS = {"time", "action", "participant", "on_behalf_of", "order_id",
        "new_order_id", "exchange_order_id", "instrument", "side", "type", "tif", "price", "quantity", "counterparty",
        "counterparty_order_id", "bid_step", "close_time"};
    private static final int TIME = 0;
    private static final int ACTION = 1;

    private final Catalog catalog;
    private final OrderIds ids;
    private final int[] at = new int[COLUMNS.length];
    /** A row of the file whose column indexes {@link #at} holds, or null before the first row. */
    private CsvRow layout;
    private final LongToIntFunction instrumentOfExchangeOrder;
    private long lastTime;

    /**
     * @param instrumentOfExchangeOrder the instrument index of a live order named by its exchange order id, or
     *                                  {@link Command#UNKNOWN}; used to read the prices of a REPLACE that names
     *                                  neither an order id nor an instrument.
     */
    public OrderFileReader(final Catalog catalog, final OrderIds ids, final LongToIntFunction instrumentOfExchangeOrder)
    {
        this.catalog = catalog;
        this.ids = ids;
        this.instrumentOfExchangeOrder = instrumentOfExchangeOrder;
    }

    /**
     * Notes the time of a row read without this reader ({@link PlainOrderRows}): a later row with an unreadable time
     * gets the time of the last row whose time was read.
     */
    void rowTimeRead(final long timeNanos)
    {
        lastTime = timeNanos;
    }

    /** Fills {@code cmd} (cleared first) from {@code row} and returns the row's text and reason. */
    public RowInfo read(final CsvRow row, final Command cmd)
    {
        cmd.clear();
        final RowProblems problems = new RowProblems(row.line());
        cmd.userRef = row.line();
        if (row.extraValues() > 0)
        {
            problems.addRow(row.extraValuesProblem());
        }

        if (!row.sameColumns(layout))
        {
            for (int i = 0; i < COLUMNS.length; i++)
            {
                at[i] = row.columnIndex(COLUMNS[i]);
            }
            layout = row;
        }
        cmd.timeNanos = time(problems, "time", row.get(at[TIME]), lastTime);
        if (problems.isEmpty())
        {
            lastTime = cmd.timeNanos;
        }

        final RowText text = RowText.of(row, at);
        if (text.participant().isEmpty())
        {
            problems.add("participant", "is missing");
        }
        else
        {
            cmd.submitter = participantIndex(text.participant());
        }
        cmd.onBehalfOf = text.onBehalfOf().isEmpty() ? Command.NONE : participantIndex(text.onBehalfOf());
        if (!text.exchangeOrderId().isEmpty())
        {
            cmd.exchangeOrderId = positiveLong(problems, "exchange_order_id", text.exchangeOrderId());
        }
        orderId(problems, "order_id", text.orderId());
        orderId(problems, "new_order_id", text.newOrderId());
        orderId(problems, "counterparty_order_id", text.counterpartyOrderId());

        final String actionText = row.get(at[ACTION]);
        final String action = actionText.toUpperCase(Locale.ROOT);
        switch (action)
        {
            case "NEW" -> readNew(problems, text, cmd);
            case "LOT_OFFER" -> readLotOffer(problems, text, cmd);
            case "LOT_BID" -> readLotBid(problems, text, cmd);
            case "CANCEL" -> readCancel(problems, text, cmd);
            case "REPLACE" -> readReplace(problems, text, cmd);
            default ->
            {
                if (actionText.isEmpty())
                {
                    problems.add("action", "is missing");
                }
                else
                {
                    problems.add("action", "'" + actionText + "' is not one of " + String.join(", ", ACTIONS));
                }
            }
        }

        String reason = null;
        if (!problems.isEmpty())
        {
            cmd.type = CommandType.INVALID;
            cmd.rejectCode = problems.code();
            reason = problems.reason();
        }
        return new RowInfo(row.line(), text.participant(), text.onBehalfOf(), actionText, text.orderId(),
            text.exchangeOrderId(), text.instrument(), text.side(), text.type(), text.tif(), text.price(),
            text.quantity(), text.counterparty(), text.counterpartyOrderId(), reason);
    }

    /** A NEW row: a new order, possibly a negotiated one naming its counterparty. */
    private void readNew(final RowProblems problems, final RowText text, final Command cmd)
    {
        cmd.type = CommandType.NEW_ORDER;
        onlyFor(problems, "exchange_order_id", text.exchangeOrderId(), "CANCEL, REPLACE and LOT_BID");
        onlyFor(problems, "new_order_id", text.newOrderId(), "REPLACE");
        onlyFor(problems, "bid_step", text.bidStep(), "LOT_OFFER");
        onlyFor(problems, "close_time", text.closeTime(), "LOT_OFFER");
        required(problems, "order_id", text.orderId());
        final Instrument instrument = instrument(problems, text.instrument(), cmd);
        if (required(problems, "side", text.side()))
        {
            cmd.side = word(problems, "side", text.side(), Side.class, Side.BUY);
        }
        if (required(problems, "type", text.type()))
        {
            cmd.orderType = word(problems, "type", text.type(), OrderType.class, OrderType.LIMIT);
        }
        if (required(problems, "tif", text.tif()))
        {
            cmd.timeInForce = word(problems, "tif", text.tif(), TimeInForce.class, TimeInForce.DAY);
        }
        final boolean market = cmd.orderType == OrderType.MARKET && text.type().equalsIgnoreCase("MARKET");
        if (!text.price().isEmpty() || !market)
        {
            cmd.price = decimal(problems, "price", text.price(), instrument, true);
        }
        cmd.quantity = decimal(problems, "quantity", text.quantity(), instrument, false);
        if (!text.counterparty().isEmpty())
        {
            cmd.counterparty = participantIndex(text.counterparty());
            if (!text.counterpartyOrderId().isEmpty())
            {
                cmd.counterpartyOrderId = idOf(text.counterparty(), text.counterpartyOrderId());
            }
        }
        else if (!text.counterpartyOrderId().isEmpty())
        {
            problems.add("counterparty_order_id", "needs the counterparty column too");
        }
        if (problems.isEmpty())
        {
            cmd.clientOrderId = idOf(text.owner(), text.orderId());
            ids.setInstrument(text.owner(), cmd.clientOrderId, cmd.instrument);
        }
    }

    /** A LOT_OFFER row: a lot put up for bidding, a GTC limit order with its bid step and closing time. */
    private void readLotOffer(final RowProblems problems, final RowText text, final Command cmd)
    {
        cmd.type = CommandType.LOT_OFFER;
        onlyFor(problems, "exchange_order_id", text.exchangeOrderId(), "CANCEL, REPLACE and LOT_BID");
        onlyFor(problems, "new_order_id", text.newOrderId(), "REPLACE");
        onlyFor(problems, "counterparty", text.counterparty(), "NEW and LOT_BID");
        onlyFor(problems, "counterparty_order_id", text.counterpartyOrderId(), "NEW and LOT_BID");
        required(problems, "order_id", text.orderId());
        final Instrument instrument = instrument(problems, text.instrument(), cmd);
        if (required(problems, "side", text.side()))
        {
            cmd.side = word(problems, "side", text.side(), Side.class, Side.SELL);
        }
        cmd.orderType = OrderType.LIMIT;
        cmd.timeInForce = TimeInForce.GTC;
        cmd.price = decimal(problems, "price", text.price(), instrument, true);
        cmd.quantity = decimal(problems, "quantity", text.quantity(), instrument, false);
        cmd.bidStep = decimal(problems, "bid_step", text.bidStep(), instrument, true);
        cmd.closeTimeNanos = time(problems, "close_time", text.closeTime(), cmd.timeNanos);
        if (problems.isEmpty())
        {
            cmd.clientOrderId = idOf(text.owner(), text.orderId());
            ids.setInstrument(text.owner(), cmd.clientOrderId, cmd.instrument);
            ids.setLotSide(text.owner(), cmd.clientOrderId, cmd.side);
        }
    }

    /**
     * A LOT_BID row: a bid on a lot named by its exchange order id, or by its offerer (counterparty) and the
     * offerer's order id; the price is read at the lot's instrument's scale.
     */
    private void readLotBid(final RowProblems problems, final RowText text, final Command cmd)
    {
        cmd.type = CommandType.LOT_BID;
        onlyFor(problems, "new_order_id", text.newOrderId(), "REPLACE");
        onlyFor(problems, "bid_step", text.bidStep(), "LOT_OFFER");
        onlyFor(problems, "close_time", text.closeTime(), "LOT_OFFER");
        required(problems, "order_id", text.orderId());
        final String counterparty = text.counterparty();
        final String counterpartyOrderId = text.counterpartyOrderId();
        long lotClientId = 0;
        if (!counterparty.isEmpty())
        {
            cmd.counterparty = participantIndex(counterparty);
            if (!counterpartyOrderId.isEmpty())
            {
                lotClientId = idOf(counterparty, counterpartyOrderId);
            }
        }
        if (text.exchangeOrderId().isEmpty() && (counterparty.isEmpty() || counterpartyOrderId.isEmpty()))
        {
            problems.add("exchange_order_id", "is missing (name the lot by exchange_order_id, or by " +
                "counterparty and counterparty_order_id)");
        }
        final Instrument instrument = existingInstrument(counterparty, lotClientId, cmd.exchangeOrderId,
            text.instrument());
        // The bid states its lot's terms (instrument, and the side opposite to the lot's) when the lot was offered
        // earlier in this file; otherwise it names the lot only and the engine takes the terms from the lot.
        final Side lotSide = lotClientId == 0 ? null : ids.lotSideOf(counterparty, lotClientId);
        cmd.instrument = instrument == null || lotSide == null ? Command.UNKNOWN : instrument.index();
        cmd.side = lotSide == null ? Side.BUY : lotSide.opposite();
        cmd.orderType = OrderType.LIMIT;
        cmd.timeInForce = TimeInForce.GTC;
        cmd.price = decimal(problems, "price", text.price(), instrument, true);
        if (problems.isEmpty())
        {
            cmd.counterpartyOrderId = lotClientId;
            cmd.clientOrderId = idOf(text.owner(), text.orderId());
            ids.setInstrument(text.owner(), cmd.clientOrderId, instrument == null ? Command.UNKNOWN :
                instrument.index());
        }
    }

    /** A CANCEL row: names the order by order_id or exchange_order_id. */
    private void readCancel(final RowProblems problems, final RowText text, final Command cmd)
    {
        cmd.type = CommandType.CANCEL;
        orderReference(problems, text.orderId(), text.exchangeOrderId());
        onlyFor(problems, "new_order_id", text.newOrderId(), "REPLACE");
        notForOrderChanges(problems, text);
        if (problems.isEmpty() && !text.orderId().isEmpty())
        {
            cmd.clientOrderId = idOf(text.owner(), text.orderId());
        }
    }

    /**
     * A REPLACE row: names the order like a CANCEL, gives its new price and quantity (read at the order's
     * instrument's scale) and optionally the new order id it goes on under.
     */
    private void readReplace(final RowProblems problems, final RowText text, final Command cmd)
    {
        cmd.type = CommandType.REPLACE;
        orderReference(problems, text.orderId(), text.exchangeOrderId());
        notForOrderChanges(problems, text);
        final String owner = text.owner();
        final long clientOrderId = text.orderId().isEmpty() || text.participant().isEmpty() ? 0 :
            idOf(owner, text.orderId());
        final Instrument instrument = existingInstrument(owner, clientOrderId, cmd.exchangeOrderId,
            text.instrument());
        cmd.instrument = instrument == null ? Command.UNKNOWN : instrument.index();
        required(problems, "price", text.price());
        cmd.price = decimal(problems, "price", text.price(), instrument, true);
        required(problems, "quantity", text.quantity());
        cmd.quantity = decimal(problems, "quantity", text.quantity(), instrument, false);
        if (problems.isEmpty())
        {
            cmd.clientOrderId = clientOrderId;
            if (!text.newOrderId().isEmpty())
            {
                cmd.newClientOrderId = idOf(owner, text.newOrderId());
                ids.setInstrument(owner, cmd.newClientOrderId, cmd.instrument);
            }
        }
    }

    private int participantIndex(final String id)
    {
        final Participant p = catalog.participant(id);
        return p == null ? Command.UNKNOWN : p.index();
    }

    /**
     * The instrument of an existing order or lot (whose scales a REPLACE's or a LOT_BID's price is read with):
     * from the order id as this file used it, else the instrument column, else the live order the exchange id
     * names.
     */
    private Instrument existingInstrument(final String owner, final long clientOrderId, final long exchangeOrderId,
        final String instrumentText)
    {
        int index = Command.UNKNOWN;
        if (clientOrderId != 0)
        {
            index = ids.instrumentOf(owner, clientOrderId);
        }
        if (index < 0 && !instrumentText.isEmpty())
        {
            final Instrument named = catalog.instrument(instrumentText);
            index = named == null ? Command.UNKNOWN : named.index();
        }
        if (index < 0 && exchangeOrderId > 0)
        {
            index = instrumentOfExchangeOrder.applyAsInt(exchangeOrderId);
        }
        return index < 0 || index >= catalog.instruments().size() ? null : catalog.instrument(index);
    }

    private Instrument instrument(final RowProblems problems, final String text, final Command cmd)
    {
        if (!required(problems, "instrument", text))
        {
            return null;
        }
        final Instrument instrument = catalog.instrument(text);
        cmd.instrument = instrument == null ? Command.UNKNOWN : instrument.index();
        return instrument;
    }

    /** Nanoseconds since the epoch of an ISO-8601 instant; {@code fallback} when missing or unreadable. */
    private static long time(final RowProblems problems, final String field, final String text, final long fallback)
    {
        if (text.isEmpty())
        {
            problems.add(field, "is missing");
            return fallback;
        }
        try
        {
            return UtcTime.epochNanos(text);
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            problems.add(field, "'" + text + "' is not an ISO-8601 UTC time such as 2024-03-01T09:00:00Z");
            return fallback;
        }
    }

    /** The columns that a CANCEL or a REPLACE must leave empty. */
    private static void notForOrderChanges(final RowProblems problems, final RowText text)
    {
        onlyFor(problems, "counterparty", text.counterparty(), "NEW and LOT_BID");
        onlyFor(problems, "counterparty_order_id", text.counterpartyOrderId(), "NEW and LOT_BID");
        onlyFor(problems, "bid_step", text.bidStep(), "LOT_OFFER");
        onlyFor(problems, "close_time", text.closeTime(), "LOT_OFFER");
    }

    /** An order id is at most {@link #MAX_ORDER_ID_LENGTH} characters, none of them a control character. */
    private static void orderId(final RowProblems problems, final String field, final String value)
    {
        if (value.length() > MAX_ORDER_ID_LENGTH)
        {
            problems.add(field, "is " + value.length() + " characters long: an order id has at most " +
                MAX_ORDER_ID_LENGTH);
            return;
        }
        for (int i = 0; i < value.length(); i++)
        {
            if (Character.isISOControl(value.charAt(i)))
            {
                problems.add(field, "has a control character (code " + (int)value.charAt(i) + ") at position " +
                    (i + 1));
                return;
            }
        }
    }

    /** The engine's number for an owner's order id; 0, and nothing kept, for an id {@link #orderId} refuses. */
    private long idOf(final String owner, final String orderId)
    {
        if (orderId.length() > MAX_ORDER_ID_LENGTH)
        {
            return 0;
        }
        return ids.idOf(owner, orderId);
    }

    private static void onlyFor(final RowProblems problems, final String field, final String value,
        final String actions)
    {
        if (!value.isEmpty())
        {
            problems.add(field, "is only for " + actions);
        }
    }

    private static void orderReference(final RowProblems problems, final String orderId, final String exchangeOrderId)
    {
        if (orderId.isEmpty() && exchangeOrderId.isEmpty())
        {
            problems.add("order_id", "is missing (give order_id or exchange_order_id)");
        }
    }

    private static boolean required(final RowProblems problems, final String field, final String value)
    {
        if (value.isEmpty())
        {
            problems.add(field, "is missing");
            return false;
        }
        return true;
    }

    private static <E extends Enum<E>> E word(final RowProblems problems, final String field, final String text,
        final Class<E> type, final E fallback)
    {
        try
        {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            final StringBuilder allowed = new StringBuilder();
            for (final E e : type.getEnumConstants())
            {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name());
            }
            problems.add(field, "'" + text + "' is not one of " + allowed);
            return fallback;
        }
    }

    private static long positiveLong(final RowProblems problems, final String field, final String text)
    {
        try
        {
            final long value = Long.parseLong(text);
            if (value > 0)
            {
                return value;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        problems.add(field, "'" + text + "' is not a positive whole number");
        return 0;
    }

    /**
     * Reads a decimal at the instrument's scale. Without a known instrument only the syntax is checked (the engine
     * rejects the order for its unknown instrument or order) and 0 is returned.
     */
    private static long decimal(final RowProblems problems, final String field, final String text,
        final Instrument instrument, final boolean isPrice)
    {
        if (text.isEmpty())
        {
            problems.add(field, "is missing");
            return 0;
        }
        final int scale = instrument == null ? 0 : isPrice ? instrument.priceScale() : instrument.quantityScale();
        NumberFormatException refused = null;
        if (instrument != null)
        {
            try
            {
                return FixedPoint.parse(text, scale);
            }
            catch (final NumberFormatException ex)
            {
                refused = ex;
            }
        }
        if (!FixedPoint.isPlainDecimal(text))
        {
            problems.add(field, "'" + text + "' is not a decimal number");
            return 0;
        }
        if (refused != null)
        {
            if (new BigDecimal(text).stripTrailingZeros().scale() > scale)
            {
                final String step = isPrice ?
                    "price step " + FixedPoint.format(instrument.priceStep(), scale) :
                    "lot size " + FixedPoint.format(instrument.lotSize(), scale);
                problems.addScale(field, "'" + text + "' has more than " + scale + " decimal places (" +
                    instrument.symbol() + " " + step + ")", isPrice ? ResultCode.PRICE_NOT_ON_STEP :
                    ResultCode.QUANTITY_NOT_ON_LOT);
            }
            else
            {
                problems.add(field, refused.getMessage());
            }
        }
        return 0;
    }

    /** The trimmed text of one row's columns other than time and action ("" when absent or empty). */
    private record RowText(
        String participant,
        String onBehalfOf,
        String orderId,
        String newOrderId,
        String exchangeOrderId,
        String instrument,
        String side,
        String type,
        String tif,
        String price,
        String quantity,
        String counterparty,
        String counterpartyOrderId,
        String bidStep,
        String closeTime)
    {
        /** @param at the index of each of {@link #COLUMNS} in the row, -1 for a column the file lacks. */
        static RowText of(final CsvRow row, final int[] at)
        {
            return new RowText(row.get(at[2]), row.get(at[3]), row.get(at[4]), row.get(at[5]), row.get(at[6]),
                row.get(at[7]), row.get(at[8]), row.get(at[9]), row.get(at[10]), row.get(at[11]), row.get(at[12]),
                row.get(at[13]), row.get(at[14]), row.get(at[15]), row.get(at[16]));
        }

        /** The beneficial owner as written: the broker's client, or the participant itself. */
        String owner()
        {
            return onBehalfOf.isEmpty() ? participant : onBehalfOf;
        }
    }
}
