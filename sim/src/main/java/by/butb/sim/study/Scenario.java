package by.butb.sim.study;

import by.butb.engine.core.MarketRules;
import by.butb.engine.csv.CsvException;
import by.butb.sim.replay.Source;

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
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A scenario of {@code butb study} / {@code butb sim}: instruments, participants, flows, the order-arrival model,
 * assumptions, seed, scale. Format: docs/scenarios.md. {@link #load} reads the YAML file (and the CSV files it
 * names); every problem is a {@link ScenarioException} or {@link CsvException} naming file, line and field.
 */
public record Scenario(
    String name,
    String description,
    String file,
    long seed,
    int scale,
    BigDecimal guaranteePct,
    BigDecimal feePct,
    boolean defaultInstruments,
    List<InstrumentRow> addedInstruments,
    Map<String, BigDecimal> prices,
    Map<String, long[]> dealSizes,
    List<Seller> sellers,
    List<Country> countries,
    BigDecimal buyerDeposit,
    BigDecimal sellerDeposit,
    List<Flow> flows,
    Arrival arrival,
    List<String> assumptions,
    List<Figure> figures,
    List<Figure.Unchecked> notChecked,
    Map<String, Source> inputs)
{
    /** An instrument row added to the catalog (columns of docs/formats.md#instrument-catalog). */
    public record InstrumentRow(Map<String, String> columns, String file, int line, String path)
    {
    }

    /** A Belarusian producer: the instruments it sells, and those it buys from abroad (import trading). */
    public record Seller(String id, String name, List<String> sells, List<String> buys, String file, int line,
                         String path)
    {
    }

    /**
     * Accredited participants of a country: {@code accredited} in all, {@code brokers} of them brokers;
     * {@code active} traders place orders (0: all).
     */
    public record Country(String code, String name, int accredited, int brokers, int active, List<String> sections,
                          String asOf, String source)
    {
    }

    /** A flow of the study and how the scenario replays it. */
    public record Flow(
        String id,
        String country,
        String commodity,
        BigDecimal quantity,
        String unit,
        BigDecimal value,
        LocalDate start,
        LocalDate end,
        String mechanism,
        String seedLine,
        String note,
        Plan plan,
        String source)
    {
        /** A turnover (all the country's trades in the period count), replayed as the residual of other flows. */
        public boolean residual()
        {
            return plan.residual();
        }
    }

    /**
     * How a flow is replayed. {@code instruments}: symbol to share (of the quantity for a flow with a quantity, of
     * the value otherwise). {@code residual}: a turnover that includes other flows: only what they do not cover is
     * traded. {@code replayValue}: the value aimed at when it differs from the study's (stated as an assumption).
     * {@code buyers}: the number of the country's participants the deals are spread over, or null (all).
     * {@code starts}: per instrument, the day its deals start (its first deal on that day), instead of the period's.
     * {@code imports}: instruments the country's participants sell to Belarusian buyers (reverse lot auctions).
     */
    public record Plan(
        Map<String, BigDecimal> mix,
        boolean residual,
        String mechanism,
        Integer deals,
        long[] dealSize,
        BigDecimal replayValue,
        Map<String, BigDecimal> prices,
        BigDecimal brokerShare,
        Integer buyers,
        Map<String, LocalDate> starts,
        Set<String> imports,
        String why,
        String file,
        int line)
    {
    }

    /**
     * The order-arrival model: deals arrive uniformly at random (a Poisson process given their number) in the
     * session hours of the flow's period; a lot is open {@code lotMinutes}; bids come every {@code bidGapMinutes}.
     */
    public record Arrival(
        String model,
        LocalTime open,
        LocalTime close,
        boolean weekdaysOnly,
        int lotMinutes,
        int bidGapMinutes,
        int maxBidders,
        BigDecimal priceNoisePct,
        BigDecimal brokerShare,
        BigDecimal restingBidShare,
        BigDecimal bidStep)
    {
    }

    private static final Set<String> TOP = Set.of("name", "description", "seed", "scale", "rules", "instruments",
        "prices", "deal_sizes", "sellers", "participants", "flows", "arrival", "assumptions", "figures",
        "not_checked");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** Reads a scenario; throws {@link ScenarioException} or {@link CsvException} on any problem. */
    public static Scenario load(final ScenarioSource source)
    {
        final YamlNode root = YamlNode.parse(source);
        root.onlyKeys(TOP);
        final String file = source.name();
        final String name = scenarioName(root.get("name"));
        final String description = root.text("description", "");
        final long seed = root.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        final int scale = (int)root.integer("scale", 1, 1, 10_000);

        final RulesSection rules = RulesSection.read(root);

        boolean defaults = true;
        List<InstrumentRow> added = new ArrayList<>();
        final YamlNode instruments = root.opt("instruments");
        if (instruments != null)
        {
            instruments.onlyKeys(Set.of("defaults", "add"));
            defaults = instruments.bool("defaults", true);
            added = readInstrumentRows(instruments.opt("add"), file);
        }

        final Map<String, BigDecimal> prices = readPrices(root.opt("prices"));
        final Map<String, long[]> dealSizes = readDealSizes(root.opt("deal_sizes"));
        final List<Seller> sellers = readSellers(root, file);

        final YamlNode participants = root.get("participants");
        participants.onlyKeys(Set.of("accreditations", "countries", "sections", "deposit", "seller_deposit"));
        final List<String> defaultSections = participants.opt("sections") == null ? List.of() :
            participants.opt("sections").words();
        final BigDecimal buyerDeposit = participants.opt("deposit") == null ? new BigDecimal("1000000") :
            participants.get("deposit").positiveDecimal();
        final BigDecimal sellerDeposit = participants.opt("seller_deposit") == null ? new BigDecimal("50000000") :
            participants.get("seller_deposit").positiveDecimal();
        final Map<String, Country> countries = readCountries(source, participants, defaultSections);

        final List<Flow> flows = readFlowsAndPlans(source, root.get("flows"), countries);
        final Arrival arrival = arrival(root.opt("arrival"));
        final List<String> assumptions = readAssumptions(root.opt("assumptions"));
        return new Scenario(name, description, file, seed, scale, rules.guaranteePct(), rules.feePct(), defaults,
            added, prices, dealSizes, sellers, List.copyOf(countries.values()), buyerDeposit, sellerDeposit, flows,
            arrival, assumptions, Figure.read(root.opt("figures"), file), Figure.readUnchecked(root.opt("not_checked")),
            inputs(source, participants.opt("accreditations"), root.get("flows").get("file")));
    }

    /** The scenario file and the CSV files it names, by their names relative to the scenario's directory. */
    private static Map<String, Source> inputs(final ScenarioSource source, final YamlNode accreditations,
        final YamlNode flowFile)
    {
        final Map<String, Source> inputs = new LinkedHashMap<>();
        final Source yaml = source.source();
        final String name = yaml.resource() != null ? yaml.resource().substring(yaml.resource().lastIndexOf('/') + 1) :
            yaml.path().getFileName().toString();
        inputs.put(name, yaml);
        for (final YamlNode file : new YamlNode[] {accreditations, flowFile})
        {
            if (file != null)
            {
                inputs.put(java.nio.file.Path.of(file.text()).normalize().toString(), source.resolve(file.text()));
            }
        }
        return inputs;
    }

    /** The scenario's name, checked: it names the output directory out/&lt;name&gt;/. */
    private static String scenarioName(final YamlNode nameNode)
    {
        final String name = nameNode.text();
        if (!NAME.matcher(name).matches())
        {
            throw nameNode.error("'" + name +
                "' must be 1 to 64 letters, digits, '_', '.', '-' (it names out/<name>/)");
        }
        return name;
    }

    /** instruments.add: rows added to the catalog, every value as text ("" for null); none without the key. */
    private static List<InstrumentRow> readInstrumentRows(final YamlNode add, final String file)
    {
        final List<InstrumentRow> added = new ArrayList<>();
        if (add != null)
        {
            for (final YamlNode item : add.list())
            {
                final Map<String, String> columns = new LinkedHashMap<>();
                for (final Map.Entry<String, YamlNode> e : item.entries().entrySet())
                {
                    columns.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().text());
                }
                added.add(new InstrumentRow(columns, file, item.line(), item.path()));
            }
        }
        return added;
    }

    /** prices: symbol to positive price; empty without the key. */
    private static Map<String, BigDecimal> readPrices(final YamlNode pricesNode)
    {
        final Map<String, BigDecimal> prices = new TreeMap<>();
        if (pricesNode != null)
        {
            for (final Map.Entry<String, YamlNode> e : pricesNode.entries().entrySet())
            {
                prices.put(e.getKey(), e.getValue().positiveDecimal());
            }
        }
        return prices;
    }

    /** deal_sizes: symbol to a range of deal sizes; empty without the key. */
    private static Map<String, long[]> readDealSizes(final YamlNode sizesNode)
    {
        final Map<String, long[]> dealSizes = new TreeMap<>();
        if (sizesNode != null)
        {
            for (final Map.Entry<String, YamlNode> e : sizesNode.entries().entrySet())
            {
                dealSizes.put(e.getKey(), range(e.getValue()));
            }
        }
        return dealSizes;
    }

    /** sellers: at least one, each with an id of 1 to 32 name characters. */
    private static List<Seller> readSellers(final YamlNode root, final String file)
    {
        final List<Seller> sellers = new ArrayList<>();
        for (final YamlNode s : root.get("sellers").list())
        {
            s.onlyKeys(Set.of("id", "name", "sells", "buys"));
            final YamlNode id = s.get("id");
            if (!NAME.matcher(id.text()).matches() || id.text().length() > 32)
            {
                throw id.error("'" + id.text() + "' must be 1 to 32 letters, digits, '_', '.', '-'");
            }
            final List<String> sells = s.opt("sells") == null ? List.of() : s.get("sells").words();
            final List<String> buys = s.opt("buys") == null ? List.of() : s.get("buys").words();
            if (sells.isEmpty() && buys.isEmpty())
            {
                throw s.error("needs sells (what it sells) or buys (what it imports)");
            }
            sellers.add(new Seller(id.text(), s.text("name", id.text()), sells, buys, file, s.line(), s.path()));
        }
        if (sellers.isEmpty())
        {
            throw root.get("sellers").error("needs at least one seller");
        }
        return sellers;
    }

    /**
     * The buyer countries by code: those of participants.accreditations (a CSV file), then participants.countries,
     * whose entries add countries or override the file's figures (a figure left out keeps the file's).
     */
    private static Map<String, Country> readCountries(final ScenarioSource source, final YamlNode participants,
        final List<String> defaultSections)
    {
        final String file = source.name();
        final Map<String, Country> countries = new TreeMap<>();
        final YamlNode accreditations = participants.opt("accreditations");
        if (accreditations != null)
        {
            ScenarioTables.readAccreditations(source.resolve(accreditations.text()), defaultSections, countries);
        }
        final YamlNode countryList = participants.opt("countries");
        if (countryList != null)
        {
            for (final YamlNode c : countryList.list())
            {
                c.onlyKeys(Set.of("country", "name", "accredited", "brokers", "active", "sections", "why"));
                final YamlNode codeNode = c.get("country");
                final String code = codeNode.text().toUpperCase(Locale.ROOT);
                if (!code.matches("[A-Z]{2}"))
                {
                    throw codeNode.error("'" + codeNode.text() + "' is not an ISO 3166 alpha-2 code such as CN");
                }
                final Country known = countries.get(code);
                final int accredited =
                    (int)c.integer("accredited", known == null ? -1 : known.accredited(), 1, 100_000);
                if (accredited < 0)
                {
                    throw new ScenarioException(file, c.line(), c.path() + ".accredited",
                        "is missing (" + code + " is not in the accreditations file)");
                }
                final int brokers = (int)c.integer("brokers", known == null ? 0 : known.brokers(), 0, accredited - 1);
                final int active =
                    (int)c.integer("active", known == null ? 0 : known.active(), 0, accredited - brokers);
                final List<String> sections = c.opt("sections") != null ? c.get("sections").words() :
                    known != null ? known.sections() : defaultSections;
                countries.put(code, new Country(code, c.text("name", known == null ? code : known.name()), accredited,
                    brokers, active, sections, known == null ? "" : known.asOf(),
                    known == null ? file + ":" + c.line() : known.source() + ", " + file + ":" + c.line()));
            }
        }
        return countries;
    }

    /**
     * flows: the flows of flows.file (a CSV file) with their plans from flows.plan; every plan must name a flow of
     * the file, and the file must have at least one flow.
     */
    private static List<Flow> readFlowsAndPlans(final ScenarioSource source, final YamlNode flowsNode,
        final Map<String, Country> countries)
    {
        flowsNode.onlyKeys(Set.of("file", "plan"));
        final Map<String, Plan> plans = new LinkedHashMap<>();
        final Map<String, YamlNode> planNodes = new LinkedHashMap<>();
        final YamlNode planNode = flowsNode.opt("plan");
        if (planNode != null)
        {
            for (final Map.Entry<String, YamlNode> e : planNode.entries().entrySet())
            {
                plans.put(e.getKey(), plan(e.getValue(), source.name()));
                planNodes.put(e.getKey(), e.getValue());
            }
        }
        final YamlNode flowFile = flowsNode.get("file");
        final List<Flow> flows = ScenarioTables.readFlows(source.resolve(flowFile.text()), plans, countries);
        for (final Map.Entry<String, YamlNode> e : planNodes.entrySet())
        {
            if (flows.stream().noneMatch(f -> f.id().equals(e.getKey())))
            {
                throw e.getValue().error("no flow '" + e.getKey() + "' in " + flowFile.text());
            }
        }
        if (flows.isEmpty())
        {
            throw flowFile.error("the flows file has no flow");
        }
        return flows;
    }

    /** assumptions: a list of texts; empty without the key. */
    private static List<String> readAssumptions(final YamlNode assumptionNode)
    {
        final List<String> assumptions = new ArrayList<>();
        if (assumptionNode != null)
        {
            for (final YamlNode a : assumptionNode.list())
            {
                assumptions.add(a.text());
            }
        }
        return assumptions;
    }

    /** The engine's guarantee and fee rules for this scenario (its percentages as basis points). */
    public MarketRules rules()
    {
        return new MarketRules(guaranteePct.movePointRight(2).intValueExact(),
            feePct.movePointRight(2).intValueExact());
    }

    /** The same scenario with another seed and/or scale (command-line options). */
    public Scenario with(final Long newSeed, final Integer newScale)
    {
        return new Scenario(name, description, file, newSeed == null ? seed : newSeed,
            newScale == null ? scale : newScale, guaranteePct, feePct, defaultInstruments, addedInstruments, prices,
            dealSizes, sellers, countries, buyerDeposit, sellerDeposit, flows, arrival, assumptions, figures,
            notChecked, inputs);
    }

    private static long[] range(final YamlNode node)
    {
        final List<YamlNode> items = node.list();
        if (items.size() != 2)
        {
            throw node.error("must be [min, max], two whole quantities");
        }
        final long min = items.get(0).integer(1, 1_000_000_000L);
        final long max = items.get(1).integer(1, 1_000_000_000L);
        if (max < min)
        {
            throw items.get(1).error("max " + max + " is below min " + min);
        }
        return new long[] {min, max};
    }

    private static Plan plan(final YamlNode node, final String file)
    {
        node.onlyKeys(Set.of("mix", "instrument", "residual", "mechanism", "deals", "deal_size", "replay_value",
            "prices", "broker_share", "buyers", "starts", "imports", "why"));
        final Map<String, BigDecimal> mix = new LinkedHashMap<>();
        if (node.opt("instrument") != null)
        {
            mix.put(node.get("instrument").text(), BigDecimal.ONE);
        }
        if (node.opt("mix") != null)
        {
            if (!mix.isEmpty())
            {
                throw node.get("mix").error("give either instrument or mix, not both");
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (final Map.Entry<String, YamlNode> e : node.get("mix").entries().entrySet())
            {
                final BigDecimal share = e.getValue().positiveDecimal();
                mix.put(e.getKey(), share);
                sum = sum.add(share);
            }
            if (sum.subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("0.0001")) > 0)
            {
                throw node.get("mix").error("the shares add up to " + sum.stripTrailingZeros().toPlainString() +
                    ", not 1");
            }
        }
        String mechanism = null;
        final YamlNode m = node.opt("mechanism");
        if (m != null)
        {
            mechanism = m.text().toLowerCase(Locale.ROOT);
            if (!List.of("exchange", "lot_auction", "address").contains(mechanism))
            {
                throw m.error("'" + m.text() + "' is not one of exchange, lot_auction, address");
            }
        }
        final Map<String, BigDecimal> prices = new TreeMap<>();
        if (node.opt("prices") != null)
        {
            for (final Map.Entry<String, YamlNode> e : node.get("prices").entries().entrySet())
            {
                prices.put(e.getKey(), e.getValue().positiveDecimal());
            }
        }
        final YamlNode share = node.opt("broker_share");
        BigDecimal brokerShare = null;
        if (share != null)
        {
            brokerShare = share.decimal();
            if (brokerShare.signum() < 0 || brokerShare.compareTo(BigDecimal.ONE) > 0)
            {
                throw share.error("'" + share.text() + "' must be between 0 and 1");
            }
        }
        final Map<String, LocalDate> starts = new TreeMap<>();
        if (node.opt("starts") != null)
        {
            for (final Map.Entry<String, YamlNode> e : node.get("starts").entries().entrySet())
            {
                starts.put(e.getKey(), day(e.getValue()));
            }
        }
        final Set<String> imports = new TreeSet<>(node.opt("imports") == null ? List.of() :
            node.get("imports").words());
        for (final String symbol : imports)
        {
            if (!mix.containsKey(symbol))
            {
                throw node.get("imports").error("'" + symbol + "' is not in the flow's instrument or mix");
            }
        }
        return new Plan(mix, node.bool("residual", false), mechanism,
            node.opt("deals") == null ? null : (int)node.get("deals").integer(1, 1_000_000),
            node.opt("deal_size") == null ? null : range(node.get("deal_size")),
            node.opt("replay_value") == null ? null : node.get("replay_value").positiveDecimal(),
            prices, brokerShare, node.opt("buyers") == null ? null : (int)node.get("buyers").integer(1, 100_000),
            starts, imports, node.text("why", ""), file, node.line());
    }

    private static LocalDate day(final YamlNode node)
    {
        try
        {
            return LocalDate.parse(node.text());
        }
        catch (final DateTimeParseException ex)
        {
            throw node.error("'" + node.text() + "' is not a day such as \"2024-07-01\"");
        }
    }

    private static Arrival arrival(final YamlNode node)
    {
        if (node == null)
        {
            return new Arrival("uniform", LocalTime.of(7, 0), LocalTime.of(13, 0), true, 60, 5, 3,
                new BigDecimal("2"), new BigDecimal("0.2"), new BigDecimal("0.4"), null);
        }
        node.onlyKeys(Set.of("model", "session_open", "session_close", "weekdays_only", "lot_minutes",
            "bid_gap_minutes", "max_bidders", "price_noise_pct", "broker_share", "resting_bid_share", "bid_step"));
        final String model = node.text("model", "uniform").toLowerCase(Locale.ROOT);
        if (!model.equals("uniform") && !model.equals("poisson"))
        {
            throw node.get("model").error("'" + model + "' is not uniform or poisson");
        }
        final LocalTime open = time(node.opt("session_open"), LocalTime.of(7, 0));
        final LocalTime close = time(node.opt("session_close"), LocalTime.of(13, 0));
        final int lotMinutes = (int)node.integer("lot_minutes", 60, 1, 600);
        if (!close.isAfter(open.plusMinutes(lotMinutes + 1)))
        {
            throw node.get("session_close").error("must be more than lot_minutes after session_open");
        }
        final YamlNode noise = node.opt("price_noise_pct");
        final BigDecimal noisePct = noise == null ? new BigDecimal("2") : noise.decimal();
        if (noisePct.signum() < 0 || noisePct.compareTo(BigDecimal.TEN) > 0)
        {
            throw noise.error("must be from 0 to 10");
        }
        return new Arrival(model, open, close, node.bool("weekdays_only", true), lotMinutes,
            (int)node.integer("bid_gap_minutes", 5, 1, 120), (int)node.integer("max_bidders", 3, 1, 20), noisePct,
            share(node, "broker_share", "0.2"), share(node, "resting_bid_share", "0.4"),
            node.opt("bid_step") == null ? null : node.get("bid_step").positiveDecimal());
    }

    private static BigDecimal share(final YamlNode node, final String key, final String fallback)
    {
        final YamlNode n = node.opt(key);
        if (n == null)
        {
            return new BigDecimal(fallback);
        }
        final BigDecimal d = n.decimal();
        if (d.signum() < 0 || d.compareTo(BigDecimal.ONE) > 0)
        {
            throw n.error("'" + n.text() + "' must be between 0 and 1");
        }
        return d;
    }

    private static LocalTime time(final YamlNode node, final LocalTime fallback)
    {
        if (node == null)
        {
            return fallback;
        }
        try
        {
            return LocalTime.parse(node.text());
        }
        catch (final DateTimeParseException ex)
        {
            throw node.error("'" + node.text() + "' is not a time of day such as \"07:00\" (UTC)");
        }
    }
}
