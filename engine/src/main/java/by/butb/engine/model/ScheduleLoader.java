package by.butb.engine.model;

import by.butb.engine.csv.CsvException;
import by.butb.engine.csv.CsvReader;
import by.butb.engine.csv.CsvRow;

import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a session schedule CSV: columns {@code section, phase, start} (start as HH:MM or HH:MM:SS, UTC), one row
 * per phase, rows of a section in time order. Format in docs/formats.md#session-schedule.
 */
public final class ScheduleLoader
{
    public static final List<String> COLUMNS = List.of("section", "phase", "start");

    private ScheduleLoader()
    {
    }

    public static SessionSchedule load(final Path file, final Catalog catalog)
    {
        return build(file.toString(), CsvReader.readAll(file, COLUMNS), catalog);
    }

    public static SessionSchedule fromText(final String csv, final Catalog catalog)
    {
        return load("schedule.csv", new StringReader(csv), catalog);
    }

    public static SessionSchedule load(final String name, final Reader reader, final Catalog catalog)
    {
        final List<CsvRow> rows = new ArrayList<>();
        CsvReader.read(name, reader, COLUMNS, rows::add);
        return build(name, rows, catalog);
    }

    private static SessionSchedule build(final String name, final List<CsvRow> rows, final Catalog catalog)
    {
        final int sections = catalog.sections().size();
        final List<List<Long>> starts = new ArrayList<>();
        final List<List<Phase>> phases = new ArrayList<>();
        for (int i = 0; i < sections; i++)
        {
            starts.add(new ArrayList<>());
            phases.add(new ArrayList<>());
        }
        for (final CsvRow row : rows)
        {
            final String section = row.required("section").toUpperCase(Locale.ROOT);
            final int index = catalog.sections().indexOf(section);
            if (index < 0)
            {
                throw row.error("section", "'" + section + "' is not a section of the catalog " + catalog.sections());
            }
            final Phase phase;
            try
            {
                phase = Phase.valueOf(row.required("phase").toUpperCase(Locale.ROOT));
            }
            catch (final IllegalArgumentException ex)
            {
                throw row.error("phase", "'" + row.get("phase") + "' is not one of " +
                    java.util.Arrays.toString(Phase.values()));
            }
            final long start;
            try
            {
                start = LocalTime.parse(row.required("start")).toNanoOfDay();
            }
            catch (final DateTimeParseException ex)
            {
                throw row.error("start", "'" + row.get("start") + "' is not a time of day such as 09:30 (UTC)");
            }
            final List<Long> sectionStarts = starts.get(index);
            if (!sectionStarts.isEmpty() && start <= sectionStarts.get(sectionStarts.size() - 1))
            {
                throw row.error("start", "phases of section " + section + " must be in increasing time order");
            }
            sectionStarts.add(start);
            phases.get(index).add(phase);
        }
        if (rows.isEmpty())
        {
            throw new CsvException(name, 0, null, "defines no phase");
        }
        final long[][] startArrays = new long[sections][];
        final Phase[][] phaseArrays = new Phase[sections][];
        for (int i = 0; i < sections; i++)
        {
            if (!starts.get(i).isEmpty())
            {
                startArrays[i] = starts.get(i).stream().mapToLong(Long::longValue).toArray();
                phaseArrays[i] = phases.get(i).toArray(new Phase[0]);
            }
        }
        return new SessionSchedule(startArrays, phaseArrays);
    }
}
