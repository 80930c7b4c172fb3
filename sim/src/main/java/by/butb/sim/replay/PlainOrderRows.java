package by.butb.sim.replay;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.csv.Latin1Chars;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Participant;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the rows of an order file that most files are made of straight from their bytes, with the result
 * {@link OrderFileReader} gives for them: NEW limit orders and CANCELs by order id, of a participant and instrument
 * the catalog knows, no on_behalf_of, every field in its plain form (a common-form time, exact upper-case words,
 * decimals {@link FixedPoint#parseShort} reads, an order id of at most {@link OrderFileReader#MAX_ORDER_ID_LENGTH}
 * characters and no control character), in an all-ASCII record without quotes. A row's order id waits in
 * {@link PendingOrderIds} to be numbered into its command. For any other row it answers null before it has added an
 * id or noted a time (at most the participant's id table exists now, empty), and the row goes to
 * {@link OrderFileReader}. Not thread-safe: the reading thread.
 */
final class PlainOrderRows
{
    private static final List<String> COLUMNS = List.of("time", "action", "participant", "order_id", "instrument",
        "side", "type", "tif", "price", "quantity", "on_behalf_of", "new_order_id", "exchange_order_id", "counterparty",
        "counterparty_order_id", "bid_step", "close_time");
    private static final int TIME = 0;
    private static final int ACTION = 1;
    private static final int PARTICIPANT = 2;
    private static final int ORDER_ID = 3;
    private static final int INSTRUMENT = 4;
    private static final int SIDE = 5;
    private static final int TYPE = 6;
    private static final int TIF = 7;
    private static final int PRICE = 8;
    private static final int QUANTITY = 9;
    /** Columns from here on must be empty in a plain row. */
    private static final int FIRST_UNUSED = 10;
    private static final int NEW = 0;
    private static final int CANCEL = 1;
    private static final ByteNames ACTIONS = new ByteNames(List.of("NEW", "CANCEL"));
    private static final Side[] SIDE_VALUES = Side.values();
    private static final TimeInForce[] TIME_IN_FORCE_VALUES = TimeInForce.values();
    private static final ByteNames SIDES = names(SIDE_VALUES);
    private static final ByteNames ORDER_TYPES = names(OrderType.values());
    private static final ByteNames TIME_IN_FORCES = names(TIME_IN_FORCE_VALUES);

    private final Catalog catalog;
    private final OrderIds ids;
    private final OrderFileReader reader;
    private final PendingOrderIds pending;
    private final ByteNames participants;
    private final ByteNames instruments;
    /** Per catalog participant, its order ids once it has used one. */
    private final OwnerIds[] owners;
    private final Latin1Chars view = new Latin1Chars();
    private final UtcTimeBytes times = new UtcTimeBytes();
    /** Per column of {@link #COLUMNS}, its index in the file's records, or -1. */
    private final int[] at = new int[COLUMNS.size()];
    /** The trimmed text of each column of the current record. */
    private final int[] from = new int[COLUMNS.size()];
    private final int[] to = new int[COLUMNS.size()];
    private final int instrumentCount;
    /**
     * The rows this reader gives, made once and shared by every row alike ({@link RowInfo}): NEW rows by participant,
     * instrument, side and time in force; CANCEL rows by participant.
     */
    private final RowInfo[] newRows;
    private final RowInfo[] cancelRows;

    /**
     * @param reader  the reader of the rows that are not plain, whose last good row time is kept up to date.
     * @param pending where a row's order id waits to be numbered into its command.
     */
    PlainOrderRows(final Catalog catalog, final OrderIds ids, final OrderFileReader reader,
        final PendingOrderIds pending, final Map<String, Integer> header)
    {
        this.catalog = catalog;
        this.ids = ids;
        this.reader = reader;
        this.pending = pending;
        participants = new ByteNames(catalog.participants().stream().map(Participant::id).toList());
        instruments = new ByteNames(catalog.instruments().stream().map(Instrument::symbol).toList());
        owners = new OwnerIds[catalog.participants().size()];
        instrumentCount = catalog.instruments().size();
        newRows = new RowInfo[owners.length * instrumentCount * SIDE_VALUES.length * TIME_IN_FORCE_VALUES.length];
        cancelRows = new RowInfo[owners.length];
        for (int i = 0; i < at.length; i++)
        {
            at[i] = header.getOrDefault(COLUMNS.get(i), -1);
        }
    }

    /**
     * Fills {@code cmd} (cleared first) from a plain record, but for its client order id, which is set once the pending
     * ids are {@linkplain PendingOrderIds#number numbered}, and returns its row; or returns null when the record is
     * not a plain row ({@code cmd} may then be partly filled).
     */
    RowInfo read(final CsvRecordBytes record, final int columns, final Command cmd)
    {
        if (!record.plain() || record.fields() > columns || !trim(record))
        {
            return null;
        }
        final byte[] b = record.bytes();
        final int action = ACTIONS.indexOf(b, from[ACTION], to[ACTION]);
        final int participant = participants.indexOf(b, from[PARTICIPANT], to[PARTICIPANT]);
        if (action < 0 || participant < 0 || !plainOrderId(b))
        {
            return null;
        }
        final int idHash = OwnerIds.hash(b, from[ORDER_ID], to[ORDER_ID] - from[ORDER_ID]);
        final long time;
        try
        {
            time = times.parse(b, from[TIME], to[TIME]);
        }
        catch (final ArithmeticException ex)
        {
            return null;
        }
        if (time == UtcTime.NOT_COMMON)
        {
            return null;
        }
        cmd.clear();
        cmd.userRef = record.line();
        cmd.timeNanos = time;
        cmd.submitter = catalog.participant(participant).index();
        return action == NEW ? readNew(record, participant, idHash, cmd) : readCancel(record, participant, idHash, cmd);
    }

    private RowInfo readNew(final CsvRecordBytes record, final int participant, final int idHash, final Command cmd)
    {
        final byte[] b = record.bytes();
        final int instrumentIndex = instruments.indexOf(b, from[INSTRUMENT], to[INSTRUMENT]);
        final int side = SIDES.indexOf(b, from[SIDE], to[SIDE]);
        final int type = ORDER_TYPES.indexOf(b, from[TYPE], to[TYPE]);
        final int tif = TIME_IN_FORCES.indexOf(b, from[TIF], to[TIF]);
        if (instrumentIndex < 0 || side < 0 || type != OrderType.LIMIT.ordinal() || tif < 0)
        {
            return null;
        }
        final Instrument instrument = catalog.instrument(instrumentIndex);
        final long price = decimal(b, PRICE, instrument.priceScale());
        final long quantity = decimal(b, QUANTITY, instrument.quantityScale());
        if (price == FixedPoint.NOT_SHORT || quantity == FixedPoint.NOT_SHORT)
        {
            return null;
        }
        cmd.type = CommandType.NEW_ORDER;
        cmd.instrument = instrument.index();
        cmd.side = SIDE_VALUES[side];
        cmd.orderType = OrderType.LIMIT;
        cmd.timeInForce = TIME_IN_FORCE_VALUES[tif];
        cmd.price = price;
        cmd.quantity = quantity;
        pending.addNew(owner(participant), cmd, b, from[ORDER_ID], to[ORDER_ID] - from[ORDER_ID], idHash);
        reader.rowTimeRead(cmd.timeNanos);
        final int key = ((participant * instrumentCount + instrumentIndex) * SIDE_VALUES.length + side) *
            TIME_IN_FORCE_VALUES.length + tif;
        final RowInfo known = newRows[key];
        return known != null ? known : (newRows[key] = new RowInfo(0, catalog.participant(participant).id(), "", "NEW",
            null, "", instrument.symbol(), cmd.side.name(), OrderType.LIMIT.name(), cmd.timeInForce.name(), null, null,
            "", "", null));
    }

    private RowInfo readCancel(final CsvRecordBytes record, final int participant, final int idHash,
        final Command cmd)
    {
        for (int column = INSTRUMENT; column <= QUANTITY; column++)
        {
            if (from[column] < to[column])
            {
                return null;
            }
        }
        cmd.type = CommandType.CANCEL;
        pending.addCancel(owner(participant), cmd, record.bytes(), from[ORDER_ID], to[ORDER_ID] - from[ORDER_ID],
            idHash);
        reader.rowTimeRead(cmd.timeNanos);
        final RowInfo known = cancelRows[participant];
        return known != null ? known : (cancelRows[participant] = new RowInfo(0, catalog.participant(participant).id(),
            "", "CANCEL", null, "", "", "", "", "", "", "", "", "", null));
    }

    /** Where the order id of the row last read lies in its record's bytes: the start. */
    int orderIdFrom()
    {
        return from[ORDER_ID];
    }

    /** The length of the order id of the row last read, in bytes. */
    int orderIdLength()
    {
        return to[ORDER_ID] - from[ORDER_ID];
    }

    /**
     * Sets {@link #from} and {@link #to} to each column's trimmed text; false when a column that a plain row leaves
     * empty is not.
     */
    private boolean trim(final CsvRecordBytes record)
    {
        final byte[] b = record.bytes();
        for (int column = 0; column < at.length; column++)
        {
            final int field = at[column];
            int start = 0;
            int end = 0;
            if (field >= 0 && field < record.fields())
            {
                start = record.start(field);
                end = record.end(field);
                while (start < end && b[start] <= ' ')
                {
                    start++;
                }
                while (end > start && b[end - 1] <= ' ')
                {
                    end--;
                }
            }
            if (column >= FIRST_UNUSED && start < end)
            {
                return false;
            }
            from[column] = start;
            to[column] = end;
        }
        return true;
    }

    /** An order id of 1 to {@link OrderFileReader#MAX_ORDER_ID_LENGTH} characters, none a control character. */
    private boolean plainOrderId(final byte[] b)
    {
        final int length = to[ORDER_ID] - from[ORDER_ID];
        if (length == 0 || length > OrderFileReader.MAX_ORDER_ID_LENGTH)
        {
            return false;
        }
        for (int i = from[ORDER_ID]; i < to[ORDER_ID]; i++)
        {
            if (b[i] < ' ' || b[i] == 0x7F)
            {
                return false;
            }
        }
        return true;
    }

    private long decimal(final byte[] b, final int column, final int scale)
    {
        return from[column] == to[column] ? FixedPoint.NOT_SHORT :
            FixedPoint.parseShort(view.of(b, from[column], to[column]), scale);
    }

    private OwnerIds owner(final int participant)
    {
        OwnerIds owner = owners[participant];
        if (owner == null)
        {
            owner = ids.owner(catalog.participant(participant).id());
            owners[participant] = owner;
        }
        return owner;
    }

    private static ByteNames names(final Enum<?>[] constants)
    {
        return new ByteNames(Arrays.stream(constants).map(Enum::name).toList());
    }
}
