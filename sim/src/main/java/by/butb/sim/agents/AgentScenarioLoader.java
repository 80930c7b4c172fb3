package by.butb.sim.agents;

import by.butb.engine.csv.CsvReader;
import by.butb.engine.model.CatalogLoader;
import by.butb.sim.replay.Source;
import by.butb.sim.study.ScenarioException;
import by.butb.sim.study.RulesSection;
import by.butb.sim.study.ScenarioSource;
import by.butb.sim.study.YamlNode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads an agent-based market file (docs/scenarios.md#agent-based-markets). Every problem is a
 * {@link ScenarioException} naming the file, the line and the field; unknown fields are errors.
 */
public final class AgentScenarioLoader
{
    private static final Set<String> TOP = Set.of("name", "description", "seed", "days", "start", "session",
        "rules", "instruments", "markets", "agents");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,23}");
    private static final Set<String> GROUP_KEYS = Set.of("name", "type", "side", "instrument", "count", "country",
        "deposit", "wake_seconds", "hours", "params");

    private AgentScenarioLoader()
    {
    }

    /** Whether a scenario file is an agent-based market: it has an {@code agents:} section. */
    public static boolean isAgentScenario(final ScenarioSource source)
    {
        return YamlNode.parse(source).has("agents");
    }

    public static AgentScenario load(final ScenarioSource source)
    {
        final YamlNode root = YamlNode.parse(source);
        root.onlyKeys(TOP);
        final String name = root.get("name").text();
        if (!NAME.matcher(name).matches())
        {
            throw root.get("name").error("'" + name + "' must be 1 to 64 letters, digits, '_', '.', '-'");
        }
        final long seed = root.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        final int days = (int)root.integer("days", 1, 1, 3650);
        final LocalDate start = root.opt("start") == null ? LocalDate.of(2025, 1, 6) : date(root.get("start"));
        LocalTime open = LocalTime.of(9, 0);
        LocalTime close = LocalTime.of(17, 0);
        int call = 0;
        final YamlNode session = root.opt("session");
        if (session != null)
        {
            session.onlyKeys(Set.of("open", "close", "call_auction_minutes"));
            open = session.opt("open") == null ? open : time(session.get("open"));
            close = session.opt("close") == null ? close : time(session.get("close"));
            call = (int)session.integer("call_auction_minutes", 0, 0, 240);
            if (!close.isAfter(open.plusMinutes(call + 1L)))
            {
                throw session.error("close must be more than call_auction_minutes after open");
            }
        }
        final RulesSection rules = RulesSection.read(root);
        final List<Map<String, String>> rows = instrumentRows(root.opt("instruments"));
        final Map<String, Map<String, String>> bySymbol = new LinkedHashMap<>();
        rows.forEach(r -> bySymbol.put(r.get("symbol"), r));
        final Map<String, AgentScenario.Market> markets = new LinkedHashMap<>();
        for (final Map.Entry<String, YamlNode> e : root.get("markets").entries().entrySet())
        {
            if (!bySymbol.containsKey(e.getKey()))
            {
                throw e.getValue().error("no instrument '" + e.getKey() + "' in the catalog (instruments:)");
            }
            markets.put(e.getKey(), market(e.getKey(), e.getValue()));
        }
        final List<AgentScenario.Group> groups = new ArrayList<>();
        for (final YamlNode g : root.get("agents").list())
        {
            final AgentScenario.Group group = group(g, groups.size(), markets);
            if (groups.stream().anyMatch(o -> o.name().equals(group.name())))
            {
                throw g.error("two groups are named '" + group.name() + "'");
            }
            groups.add(group);
        }
        if (groups.isEmpty())
        {
            throw root.get("agents").error("needs at least one group of agents");
        }
        return new AgentScenario(name, root.text("description", ""), source.name(), seed, days, start, open, close,
            call, rules.guaranteePct(), rules.feePct(), rows, markets, List.copyOf(groups));
    }

    /** The bundled catalog unless {@code defaults: false}, then the rows of {@code add:}. */
    private static List<Map<String, String>> instrumentRows(final YamlNode node)
    {
        final List<Map<String, String>> rows = new ArrayList<>();
        if (node == null || node.bool("defaults", true))
        {
            try (Reader r = Source.DEFAULT_INSTRUMENTS.open())
            {
                CsvReader.read(Source.DEFAULT_INSTRUMENTS.name(), r, CatalogLoader.INSTRUMENT_COLUMNS, row ->
                {
                    final Map<String, String> m = new LinkedHashMap<>();
                    for (final String c : InstrumentCsv.COLUMNS)
                    {
                        m.put(c, row.get(c));
                    }
                    rows.add(m);
                });
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        if (node != null)
        {
            node.onlyKeys(Set.of("defaults", "add"));
            if (node.opt("add") != null)
            {
                for (final YamlNode item : node.get("add").list())
                {
                    item.onlyKeys(Set.copyOf(InstrumentCsv.COLUMNS));
                    final Map<String, String> m = new LinkedHashMap<>();
                    for (final String c : InstrumentCsv.COLUMNS)
                    {
                        m.put(c, item.text(c, ""));
                    }
                    rows.add(m);
                }
            }
        }
        return rows;
    }

    private static AgentScenario.Market market(final String symbol, final YamlNode node)
    {
        node.onlyKeys(Set.of("mechanism", "lot_minutes", "unit", "band_pct", "demand", "supply"));
        final AgentScenario.Mechanism mechanism = mechanism(node.opt("mechanism"));
        final BigDecimal band = node.percent("band_pct", null);
        return new AgentScenario.Market(symbol, mechanism, (int)node.integer("lot_minutes", 30, 1, 600),
            node.opt("unit") == null ? BigDecimal.ONE : node.get("unit").positiveDecimal(), band,
            schedule(node.opt("demand"), true), schedule(node.opt("supply"), false),
            node.opt("unit") == null ? node.line() : node.get("unit").line());
    }

    /** "continuous" or "lot_auction" (default continuous). */
    static AgentScenario.Mechanism mechanism(final YamlNode node)
    {
        if (node == null)
        {
            return AgentScenario.Mechanism.CONTINUOUS;
        }
        return switch (node.text().toLowerCase(Locale.ROOT))
        {
            case "continuous" -> AgentScenario.Mechanism.CONTINUOUS;
            case "lot_auction" -> AgentScenario.Mechanism.LOT_AUCTION;
            default -> throw node.error("'" + node.text() + "' is not continuous or lot_auction");
        };
    }

    /**
     * A schedule: a list of {@code [price, units]} steps, or {@code {from, to, steps, units}}: {@code steps} prices
     * evenly spaced from {@code from} to {@code to}, {@code units} each. Demand is sorted highest price first,
     * supply lowest first. Empty without the key.
     */
    private static List<AgentScenario.Step> schedule(final YamlNode node, final boolean demand)
    {
        final List<AgentScenario.Step> steps = new ArrayList<>();
        if (node == null)
        {
            return steps;
        }
        if (!node.isList())
        {
            node.onlyKeys(Set.of("from", "to", "steps", "units"));
            final BigDecimal from = node.get("from").positiveDecimal();
            final BigDecimal to = node.get("to").positiveDecimal();
            final int n = (int)node.get("steps").integer(1, 100_000);
            final int units = (int)node.integer("units", 1, 1, 1_000_000);
            for (int i = 0; i < n; i++)
            {
                final BigDecimal p = n == 1 ? from : from.add(to.subtract(from).multiply(BigDecimal.valueOf(i))
                    .divide(BigDecimal.valueOf(n - 1), 6, java.math.RoundingMode.HALF_EVEN));
                steps.add(new AgentScenario.Step(p.stripTrailingZeros(), units));
            }
        }
        else
        {
            for (final YamlNode item : node.list())
            {
                final List<YamlNode> pair = item.list();
                if (pair.size() != 2)
                {
                    throw item.error("a step is [price, units]");
                }
                steps.add(new AgentScenario.Step(pair.get(0).positiveDecimal(), (int)pair.get(1).integer(1,
                    1_000_000)));
            }
        }
        steps.sort((a, b) -> demand ? b.price().compareTo(a.price()) : a.price().compareTo(b.price()));
        return List.copyOf(steps);
    }

    private static AgentScenario.Group group(final YamlNode g, final int index,
        final Map<String, AgentScenario.Market> markets)
    {
        g.onlyKeys(GROUP_KEYS);
        final YamlNode typeNode = g.get("type");
        final AgentType type = AgentType.of(typeNode.text().toLowerCase(Locale.ROOT));
        if (type == null)
        {
            throw typeNode.error("'" + typeNode.text() + "' is not one of " + AgentType.names());
        }
        final String name = g.text("name", type.key() + (index + 1));
        if (!GROUP.matcher(name).matches())
        {
            throw g.get("name").error("'" + name + "' must be 1 to 24 letters, digits, '_', '.', '-'");
        }
        final String side = side(g, type);
        final YamlNode instrumentNode = g.get("instrument");
        final AgentScenario.Market market = markets.get(instrumentNode.text());
        if (market == null)
        {
            throw instrumentNode.error("'" + instrumentNode.text() + "' is not one of the markets: " +
                String.join(", ", markets.keySet()));
        }
        if (type.valued() && (side.equals("buy") ? market.demand() : market.supply()).isEmpty())
        {
            throw g.get("type").error(type.key() + " " + side + "ers need markets." + market.symbol() + "." +
                (side.equals("buy") ? "demand" : "supply") + " (their valuations or costs)");
        }
        final String country = g.text("country", "BY").toUpperCase(Locale.ROOT);
        if (!country.matches("[A-Z]{2}"))
        {
            throw g.get("country").error("'" + country + "' is not an ISO 3166 alpha-2 code such as CN");
        }
        if (type == AgentType.FOREIGN_BUYER && country.equals("BY"))
        {
            throw new ScenarioException(g.file(), g.line(), g.path() + ".country",
                "a foreign_buyer needs the country of a foreign buyer, such as CN");
        }
        final YamlNode wake = g.opt("wake_seconds");
        final double wakeSeconds = wake == null ? 60 : wake.positiveDecimal().doubleValue();
        if (wakeSeconds < 0.001 || wakeSeconds > 86_400)
        {
            throw wake.error("must be from 0.001 to 86400 seconds");
        }
        final LocalTime[] hours = hours(g.opt("hours"));
        return new AgentScenario.Group(name, type, side.equals("both") ? null : side, market.symbol(),
            (int)g.get("count").integer(1, 100_000), country,
            g.opt("deposit") == null ? new BigDecimal("1000000") : g.get("deposit").positiveDecimal(), wakeSeconds,
            hours[0], hours[1], params(g.opt("params"), type), g.file(), g.line(), g.path());
    }

    /** {@code hours: ["10:00", "15:00"]}: when the group's agents trade (UTC); {null, null} without the key. */
    private static LocalTime[] hours(final YamlNode node)
    {
        if (node == null)
        {
            return new LocalTime[2];
        }
        final List<YamlNode> pair = node.list();
        if (pair.size() != 2)
        {
            throw node.error("must be [from, until], two times of day such as [\"10:00\", \"15:00\"]");
        }
        final LocalTime from = time(pair.get(0));
        final LocalTime until = time(pair.get(1));
        if (!until.isAfter(from))
        {
            throw pair.get(1).error("must be after " + from);
        }
        return new LocalTime[] {from, until};
    }

    private static String side(final YamlNode g, final AgentType type)
    {
        final YamlNode sideNode = g.opt("side");
        if (type.fixedSide() != null)
        {
            if (sideNode != null && !sideNode.text().equalsIgnoreCase(type.fixedSide()))
            {
                throw sideNode.error(type.key() + " trades " + type.fixedSide() + (type.fixedSide().equals("both") ?
                    " sides; leave side out" : "; leave side out or say " + type.fixedSide()));
            }
            return type.fixedSide();
        }
        if (sideNode == null)
        {
            throw new ScenarioException(g.file(), g.line(), g.path() + ".side", "is missing (buy or sell)");
        }
        final String side = sideNode.text().toLowerCase(Locale.ROOT);
        if (!side.equals("buy") && !side.equals("sell"))
        {
            throw sideNode.error("'" + sideNode.text() + "' is not buy or sell");
        }
        return side;
    }

    private static Map<String, Double> params(final YamlNode node, final AgentType type)
    {
        final Map<String, Double> params = new TreeMap<>();
        if (node == null)
        {
            return params;
        }
        if (type.params().isEmpty())
        {
            throw node.error(type.key() + " has no parameters");
        }
        node.onlyKeys(type.params().keySet());
        for (final Map.Entry<String, YamlNode> e : node.entries().entrySet())
        {
            final double[] range = type.params().get(e.getKey());
            final double v = e.getValue().decimal().doubleValue();
            if (v < range[1] || v > range[2])
            {
                throw e.getValue().error(e.getValue().text() + " is not between " + plain(range[1]) + " and " +
                    plain(range[2]));
            }
            params.put(e.getKey(), v);
        }
        pairInOrder(node, params, type, "beta_min", "beta_max");
        pairInOrder(node, params, type, "margin_min", "margin_max");
        pairInOrder(node, params, type, "markup_min_pct", "markup_max_pct");
        pairInOrder(node, params, type, "shade_min_pct", "shade_max_pct");
        return params;
    }

    private static void pairInOrder(final YamlNode node, final Map<String, Double> params, final AgentType type,
        final String min, final String max)
    {
        if (!type.params().containsKey(min))
        {
            return;
        }
        final double lo = params.getOrDefault(min, type.defaultOf(min));
        final double hi = params.getOrDefault(max, type.defaultOf(max));
        if (hi < lo)
        {
            final YamlNode at = node.opt(max) != null ? node.get(max) : node.get(min);
            throw at.error(max + " " + plain(hi) + " is below " + min + " " + plain(lo));
        }
    }

    private static String plain(final double v)
    {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static LocalTime time(final YamlNode node)
    {
        try
        {
            return LocalTime.parse(node.text());
        }
        catch (final DateTimeParseException ex)
        {
            throw node.error("'" + node.text() + "' is not a time of day such as \"09:00\" (UTC)");
        }
    }

    private static LocalDate date(final YamlNode node)
    {
        try
        {
            return LocalDate.parse(node.text());
        }
        catch (final DateTimeParseException ex)
        {
            throw node.error("'" + node.text() + "' is not a date such as 2025-01-06");
        }
    }
}
