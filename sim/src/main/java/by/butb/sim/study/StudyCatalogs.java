package by.butb.sim.study;

import by.butb.engine.csv.CsvException;
import by.butb.engine.csv.CsvReader;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.sim.replay.Source;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalogs a {@link Scenario} generates: instruments.csv (the bundled instruments, without their comment lines,
 * or only the scenario's; then the scenario's added rows), participants.csv (the Belarusian sellers, then per
 * country its brokers and traders) and the {@link Catalog} loaded from both. An error in an added instrument row
 * names the scenario's file, line and field; {@link ScenarioException} for any other scenario error.
 */
final class StudyCatalogs
{
    private static final String[] INSTRUMENT_COLUMNS = {"symbol", "name", "section", "unit", "currency", "price_scale",
        "quantity_scale", "price_step", "lot_size", "reference_price", "band_pct", "floor_price", "cap_price"};

    private final Scenario scenario;
    private final String instrumentsCsv;
    private final String participantsCsv;
    private final Catalog catalog;

    StudyCatalogs(final Scenario scenario)
    {
        this.scenario = scenario;
        final int[] defaultLines = {0};
        instrumentsCsv = instrumentsCsv(scenario, defaultLines);
        final Map<String, String> sectionOf = sections(instrumentsCsv, defaultLines[0]);
        participantsCsv = participantsCsv(scenario, sectionOf);
        catalog = loadCatalog(defaultLines[0]);
    }

    String instrumentsCsv()
    {
        return instrumentsCsv;
    }

    String participantsCsv()
    {
        return participantsCsv;
    }

    Catalog catalog()
    {
        return catalog;
    }

    private static String instrumentsCsv(final Scenario scenario, final int[] defaultLines)
    {
        final StringBuilder csv = new StringBuilder();
        if (scenario.defaultInstruments())
        {
            try (Reader r = Source.DEFAULT_INSTRUMENTS.open())
            {
                // Without the bundled file's comment lines: instruments.csv in the output loads as plain CSV.
                for (final String line : new String(readAll(r)).split("\n"))
                {
                    if (!line.isBlank() && !line.startsWith("#"))
                    {
                        csv.append(line.stripTrailing()).append('\n');
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new ScenarioException("cannot read the bundled instruments: " + ex.getMessage());
            }
            defaultLines[0] = (int)csv.chars().filter(c -> c == '\n').count();
        }
        else
        {
            csv.append(String.join(",", INSTRUMENT_COLUMNS)).append('\n');
            defaultLines[0] = 1;
        }
        final Set<String> known = Set.of(INSTRUMENT_COLUMNS);
        for (final Scenario.InstrumentRow row : scenario.addedInstruments())
        {
            for (final String column : row.columns().keySet())
            {
                if (!known.contains(column))
                {
                    throw new ScenarioException(row.file(), row.line(), row.path() + "." + column,
                        "unknown instrument column; expected " + String.join(", ", INSTRUMENT_COLUMNS));
                }
            }
            final List<String> fields = new ArrayList<>();
            for (final String column : INSTRUMENT_COLUMNS)
            {
                final String v = row.columns().getOrDefault(column, "");
                fields.add(v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            csv.append(String.join(",", fields)).append('\n');
        }
        return csv.toString();
    }

    private static char[] readAll(final Reader r) throws IOException
    {
        final StringBuilder sb = new StringBuilder();
        final char[] buf = new char[8192];
        for (int n; (n = r.read(buf)) > 0; )
        {
            sb.append(buf, 0, n);
        }
        return sb.toString().toCharArray();
    }

    private Map<String, String> sections(final String csv, final int defaultLines)
    {
        final Map<String, String> sectionOf = new LinkedHashMap<>();
        try
        {
            CsvReader.read("instruments.csv", new StringReader(csv), List.of("symbol", "section"),
                row -> sectionOf.put(row.get("symbol"), row.get("section").toUpperCase(java.util.Locale.ROOT)));
        }
        catch (final CsvException ex)
        {
            throw instrumentError(ex, defaultLines);
        }
        return sectionOf;
    }

    private RuntimeException instrumentError(final CsvException ex, final int defaultLines)
    {
        final int added = ex.line() - defaultLines - 1;
        if (added >= 0 && added < scenario.addedInstruments().size())
        {
            final Scenario.InstrumentRow row = scenario.addedInstruments().get(added);
            return new ScenarioException(row.file(), row.line(), row.path() + (ex.field() == null ? "" :
                "." + ex.field()), ex.problem());
        }
        return ex;
    }

    private String participantsCsv(final Scenario scenario, final Map<String, String> sectionOf)
    {
        final StringBuilder csv = new StringBuilder();
        csv.append("id,name,country,resident,role,clients,sections,status,deposit,currency\n");
        final BigDecimal scale = BigDecimal.valueOf(scenario.scale());
        final String sellerDeposit = scenario.sellerDeposit().multiply(scale).setScale(2, RoundingMode.HALF_UP)
            .toPlainString();
        final String buyerDeposit = scenario.buyerDeposit().multiply(scale).setScale(2, RoundingMode.HALF_UP)
            .toPlainString();
        final Set<String> ids = new TreeSet<>();
        for (final Scenario.Seller s : scenario.sellers())
        {
            final TreeSet<String> sections = new TreeSet<>();
            for (final String symbol : concat(s.sells(), s.buys()))
            {
                final String section = sectionOf.get(symbol);
                if (section == null)
                {
                    throw new ScenarioException(s.file(), s.line(), s.path() + (s.sells().contains(symbol) ?
                        ".sells" : ".buys"),
                        "unknown instrument '" + symbol + "'; the catalog has " +
                            String.join(", ", sectionOf.keySet()));
                }
                sections.add(section);
            }
            if (!ids.add(s.id()))
            {
                throw new ScenarioException(s.file(), s.line(), s.path() + ".id", "'" + s.id() + "' is used twice");
            }
            csv.append(s.id()).append(',').append(quote(s.name())).append(",BY,true,TRADER,,")
                .append(String.join(";", sections)).append(",ACTIVE,").append(sellerDeposit).append(",USD\n");
        }
        final TreeSet<String> allSections = new TreeSet<>(sectionOf.values());
        for (final Scenario.Country c : scenario.countries())
        {
            final List<String> sections = c.sections().isEmpty() ? List.copyOf(allSections) : c.sections();
            for (final String section : sections)
            {
                if (!allSections.contains(section.toUpperCase(java.util.Locale.ROOT)))
                {
                    throw new ScenarioException(scenario.file() + ": participants of " + c.code() +
                        ": unknown section '" + section + "'; the catalog has " + String.join(", ", allSections));
                }
            }
            final int traderCount = c.accredited() - c.brokers();
            for (int b = 1; b <= c.brokers(); b++)
            {
                final List<String> clients = new ArrayList<>();
                for (int t = b; t <= traderCount; t += c.brokers())
                {
                    clients.add(traderId(c.code(), t));
                }
                csv.append(c.code()).append("-BRK").append(b).append(',').append(c.code()).append(" broker ")
                    .append(b).append(" (sim),").append(c.code()).append(",false,BROKER,")
                    .append(String.join(";", clients)).append(',').append(String.join(";", sections))
                    .append(",ACTIVE,").append(buyerDeposit).append(",USD\n");
            }
            for (int t = 1; t <= traderCount; t++)
            {
                csv.append(traderId(c.code(), t)).append(',').append(c.code()).append(" trader ").append(t)
                    .append(" (sim),").append(c.code()).append(",false,TRADER,,").append(String.join(";", sections))
                    .append(",ACTIVE,").append(buyerDeposit).append(",USD\n");
            }
        }
        return csv.toString();
    }

    private static List<String> concat(final List<String> a, final List<String> b)
    {
        final List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String traderId(final String country, final int n)
    {
        return String.format("%s-T%03d", country, n);
    }

    private static String quote(final String text)
    {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private Catalog loadCatalog(final int defaultLines)
    {
        try
        {
            return CatalogLoader.load("instruments (generated from " + scenario.file() + ")",
                new StringReader(instrumentsCsv), "participants (generated from " + scenario.file() + ")",
                new StringReader(participantsCsv));
        }
        catch (final CsvException ex)
        {
            if (ex.file().startsWith("instruments"))
            {
                throw instrumentError(ex, defaultLines);
            }
            throw ex;
        }
    }
}
