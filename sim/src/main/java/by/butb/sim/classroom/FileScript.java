package by.butb.sim.classroom;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.csv.CsvReader;
import by.butb.engine.csv.CsvRow;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.SessionSchedule;
import by.butb.sim.replay.OrderFileReader;
import by.butb.sim.replay.OrderIds;
import by.butb.sim.replay.RowInfo;
import by.butb.sim.replay.Source;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * An order file (docs/formats.md#orders-csv) as a script, read with the replay's {@link OrderFileReader} so that a
 * row means exactly what {@code butb replay} makes of it. Like the replay, a final CLOCK at the latest lot
 * close_time follows the last row when that is later, so that every lot settles.
 */
final class FileScript extends ScriptBase
{
    private final List<CsvRow> rows;
    private final long[] times;
    private final long finalClock;
    private final int focus;
    private final OrderIds ids = new OrderIds();
    private OrderFileReader reader;

    FileScript(final String id, final String title, final Catalog catalog, final SessionSchedule schedule,
        final Source orders)
    {
        super(id, title, catalog, MarketRules.DEFAULT, schedule);
        final List<CsvRow> read = new ArrayList<>();
        try (Reader in = orders.open())
        {
            CsvReader.readAllowingExtraValues(orders.name(), in, OrderFileReader.REQUIRED_COLUMNS, read::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + orders.name() + ": " + ex.getMessage(), ex);
        }
        rows = List.copyOf(read);
        // A dry read (own ids, no engine) finds each row's time and the lots' closing times.
        final OrderFileReader dry = new OrderFileReader(catalog, new OrderIds(), exchangeId -> Command.UNKNOWN);
        final Command command = new Command();
        final long[] rowTimes = new long[rows.size()];
        long lastRow = Long.MIN_VALUE;
        long lastClose = Long.MIN_VALUE;
        int first = -1;
        for (int i = 0; i < rows.size(); i++)
        {
            dry.read(rows.get(i), command);
            rowTimes[i] = Math.max(command.timeNanos, i == 0 ? Long.MIN_VALUE : rowTimes[i - 1]);
            lastRow = Math.max(lastRow, command.timeNanos);
            if (first < 0 && command.instrument >= 0)
            {
                first = command.instrument;
            }
            if (command.type == CommandType.LOT_OFFER)
            {
                lastClose = Math.max(lastClose, command.closeTimeNanos);
            }
        }
        finalClock = lastClose > lastRow ? lastClose : Long.MIN_VALUE;
        times = rowTimes;
        focus = first;
    }

    @Override
    public int focusInstrument()
    {
        return focus;
    }






    @Override
    public OrderIds ids()
    {
        return ids;
    }

    @Override
    public int size()
    {
        return rows.size() + (finalClock == Long.MIN_VALUE ? 0 : 1);
    }

    @Override
    public long timeNanos(final int i)
    {
        return i == rows.size() ? finalClock : times[i];
    }

    @Override
    public long startNanos()
    {
        return rows.isEmpty() ? 0 : times[0];
    }

    @Override
    public RowInfo fill(final Command command, final int i, final LongToIntFunction instrumentOfExchangeOrder)
    {
        if (i == rows.size())
        {
            command.clock(finalClock);
            return null;
        }
        if (reader == null)
        {
            reader = new OrderFileReader(catalog(), ids, instrumentOfExchangeOrder);
        }
        return reader.read(rows.get(i), command);
    }
}
