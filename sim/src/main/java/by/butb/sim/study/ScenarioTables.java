package by.butb.sim.study;

import by.butb.engine.csv.CsvReader;
import by.butb.engine.csv.CsvRow;
import by.butb.sim.replay.Source;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import by.butb.sim.study.Scenario.Country;
import by.butb.sim.study.Scenario.Flow;
import by.butb.sim.study.Scenario.Plan;

/**
 * The scenario's two CSV tables: the accreditations (participants per country, brokers, as of) and the flows (what
 * each country traded, with the plan that replays it). Errors name the file, line and column.
 */
final class ScenarioTables
{
    private static final List<String> FLOW_COLUMNS = List.of("id", "buyer_country", "commodity", "quantity", "unit",
        "value_usd", "period_start", "period_end", "mechanism");
    private static final List<String> ACCREDITATION_COLUMNS = List.of("country", "accredited", "as_of");

    private ScenarioTables()
    {
    }

    /** Reads the accreditations table into {@code countries} (accredited, brokers, as of). */
    static void readAccreditations(final Source source, final List<String> sections,
        final Map<String, Country> countries)
    {
        final Map<String, String> asOf = new TreeMap<>();
        try (Reader reader = source.open())
        {
            CsvReader.read(source.name(), reader, ACCREDITATION_COLUMNS, row ->
            {
                final String code = row.required("country").toUpperCase(Locale.ROOT);
                if (!code.matches("[A-Z]{2}"))
                {
                    throw row.error("country", "'" + row.get("country") + "' is not an ISO 3166 alpha-2 code");
                }
                final int accredited = intField(row, "accredited", 1);
                final String brokersText = row.get("of_which_brokers");
                final int brokers = brokersText.isEmpty() ? 0 : intField(row, "of_which_brokers", 0);
                if (brokers >= accredited)
                {
                    throw row.error("of_which_brokers", brokers + " brokers leave no trader of " + accredited);
                }
                final String date = row.required("as_of");
                date(row, "as_of", date);
                final Country known = countries.get(code);
                // Several figures for a country (UAE: 26 in October 2024, 33 in February 2025): the latest counts.
                if (known == null || date.compareTo(asOf.get(code)) >= 0)
                {
                    asOf.put(code, date);
                    countries.put(code, new Country(code, row.get("country_name").isEmpty() ? code :
                        row.get("country_name"), accredited, known != null && brokersText.isEmpty() ? known.brokers() :
                        brokers, 0, sections, date, source.name() + ":" + row.line()));
                }
            });
        }
        catch (final IOException ex)
        {
            throw new ScenarioException(source.name() + ": cannot read: " + ex.getMessage());
        }
    }

    /** Reads the flows table, each flow with its plan. */
    static List<Flow> readFlows(final Source source, final Map<String, Plan> plans,
        final Map<String, Country> countries)
    {
        final List<Flow> flows = new ArrayList<>();
        try (Reader reader = source.open())
        {
            CsvReader.read(source.name(), reader, FLOW_COLUMNS, row ->
            {
                final String id = row.required("id");
                if (flows.stream().anyMatch(f -> f.id().equals(id)))
                {
                    throw row.error("id", "'" + id + "' is used twice");
                }
                final String country = row.required("buyer_country").toUpperCase(Locale.ROOT);
                if (!countries.containsKey(country))
                {
                    throw row.error("buyer_country", "no participants for '" + country +
                        "': add it to participants.countries of the scenario");
                }
                final BigDecimal quantity = decimalField(row, "quantity");
                final BigDecimal value = decimalField(row, "value_usd");
                if (quantity == null && value == null)
                {
                    throw row.error("quantity", "a flow needs a quantity, a value_usd, or both");
                }
                final LocalDate start = date(row, "period_start", row.required("period_start"));
                final LocalDate end = date(row, "period_end", row.required("period_end"));
                if (end.isBefore(start))
                {
                    throw row.error("period_end", end + " is before period_start " + start);
                }
                final String mechanism = row.required("mechanism").toLowerCase(Locale.ROOT);
                if (!mechanism.equals("exchange") && !mechanism.equals("address"))
                {
                    throw row.error("mechanism", "'" + row.get("mechanism") + "' is not exchange or address");
                }
                final String commodity = row.required("commodity");
                final Plan plan = plans.get(id);
                if (plan == null)
                {
                    throw row.error("id", "the scenario has no plan for flow '" + id + "' (flows.plan." + id + ")");
                }
                if (plan.mix().isEmpty())
                {
                    throw new ScenarioException(plan.file(), plan.line(), "flows.plan." + id,
                        "needs instrument or mix: which instruments the commodity '" + commodity + "' trades as");
                }
                if (plan.residual() && quantity != null)
                {
                    throw new ScenarioException(plan.file(), plan.line(), "flows.plan." + id + ".residual",
                        "a residual turnover is a value only; this flow has a quantity");
                }
                if (plan.residual() && value == null)
                {
                    throw new ScenarioException(plan.file(), plan.line(), "flows.plan." + id + ".residual",
                        "only a flow with a value_usd can be a residual turnover");
                }
                flows.add(new Flow(id, country, commodity, quantity, row.get("unit"), value, start, end, mechanism,
                    row.get("seed_line"), row.get("note"), plan, source.name() + ":" + row.line()));
            });
        }
        catch (final IOException ex)
        {
            throw new ScenarioException(source.name() + ": cannot read: " + ex.getMessage());
        }
        return flows;
    }

    private static int intField(final CsvRow row, final String column, final int min)
    {
        final String text = row.required(column);
        try
        {
            final int v = Integer.parseInt(text);
            if (v < min)
            {
                throw row.error(column, v + " is below " + min);
            }
            return v;
        }
        catch (final NumberFormatException ex)
        {
            throw row.error(column, "'" + text + "' is not a whole number");
        }
    }

    private static BigDecimal decimalField(final CsvRow row, final String column)
    {
        final String text = row.get(column);
        if (text.isEmpty())
        {
            return null;
        }
        try
        {
            final BigDecimal d = new BigDecimal(text);
            if (d.signum() <= 0)
            {
                throw row.error(column, "'" + text + "' must be above 0");
            }
            return d;
        }
        catch (final NumberFormatException ex)
        {
            throw row.error(column, "'" + text + "' is not a number");
        }
    }

    private static LocalDate date(final CsvRow row, final String column, final String text)
    {
        try
        {
            return LocalDate.parse(text);
        }
        catch (final DateTimeParseException ex)
        {
            throw row.error(column, "'" + text + "' is not a date such as 2024-01-31");
        }
    }
}
