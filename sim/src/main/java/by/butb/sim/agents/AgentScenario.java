package by.butb.sim.agents;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent-based market (a scenario file with an {@code agents:} section, docs/scenarios.md#agent-based-markets):
 * the days and session hours, the exchange's rules, the instrument catalog rows, per instrument its mechanism and
 * its supply and demand schedules, and the groups of agents. Immutable; the {@code with...} methods return the
 * variants an experiment runs.
 *
 * @param instrumentRows catalog rows (columns of docs/formats.md#instrument-catalog), defaults first.
 * @param markets        per traded instrument symbol, in file order.
 */
public record AgentScenario(
    String name,
    String description,
    String file,
    long seed,
    int days,
    LocalDate start,
    LocalTime open,
    LocalTime close,
    int callAuctionMinutes,
    BigDecimal guaranteePct,
    BigDecimal feePct,
    List<Map<String, String>> instrumentRows,
    Map<String, Market> markets,
    List<Group> groups)
{
    /** How an instrument is traded: its continuous book, or lots offered by the sellers. */
    public enum Mechanism
    {
        CONTINUOUS, LOT_AUCTION
    }

    /** One step of a schedule: {@code units} trading units valued (demand) or costing (supply) {@code price}. */
    public record Step(BigDecimal price, int units)
    {
    }

    /**
     * An instrument's market: {@code unit} instrument units per order (a trading unit), its schedules per trading
     * day, and the band override ({@code null}: the catalog's); {@code line}: the scenario file's line of its
     * {@code unit}, or of the market when it has none, for the error of a unit that is no whole number of lots.
     */
    public record Market(
        String symbol,
        Mechanism mechanism,
        int lotMinutes,
        BigDecimal unit,
        BigDecimal bandPct,
        List<Step> demand,
        List<Step> supply,
        int line)
    {
        public Market withMechanism(final Mechanism m)
        {
            return new Market(symbol, m, lotMinutes, unit, bandPct, demand, supply, line);
        }

        public Market withBand(final BigDecimal band)
        {
            return new Market(symbol, mechanism, lotMinutes, unit, band, demand, supply, line);
        }
    }

    /**
     * A group of {@code count} agents of one type on one instrument. {@code side} is null for the types that trade
     * both sides; {@code hoursFrom} and {@code hoursUntil} (UTC times, null: the session's open and close) bound
     * when its agents wake; {@code params} holds the type's own parameters, checked by {@link AgentType}.
     */
    public record Group(
        String name,
        AgentType type,
        String side,
        String instrument,
        int count,
        String country,
        BigDecimal deposit,
        double wakeSeconds,
        LocalTime hoursFrom,
        LocalTime hoursUntil,
        Map<String, Double> params,
        String file,
        int line,
        String path)
    {
        public Group withCount(final int n)
        {
            return new Group(name, type, side, instrument, n, country, deposit, wakeSeconds, hoursFrom, hoursUntil,
                params, file, line, path);
        }

        public Group withType(final AgentType t)
        {
            return new Group(name, t, side, instrument, count, country, deposit, wakeSeconds, hoursFrom, hoursUntil,
                params, file, line, path);
        }

        /** A parameter of the type, or its default. */
        public double param(final String key)
        {
            final Double v = params.get(key);
            return v != null ? v : type.defaultOf(key);
        }
    }

    public AgentScenario withSeed(final long s)
    {
        return new AgentScenario(name, description, file, s, days, start, open, close, callAuctionMinutes,
            guaranteePct, feePct, instrumentRows, markets, groups);
    }

    public AgentScenario withRules(final BigDecimal guarantee, final BigDecimal fee)
    {
        return new AgentScenario(name, description, file, seed, days, start, open, close, callAuctionMinutes,
            guarantee, fee, instrumentRows, markets, groups);
    }

    public AgentScenario withCallAuctionMinutes(final int minutes)
    {
        return new AgentScenario(name, description, file, seed, days, start, open, close, minutes, guaranteePct,
            feePct, instrumentRows, markets, groups);
    }

    public AgentScenario withMarket(final Market m)
    {
        final Map<String, Market> copy = new LinkedHashMap<>(markets);
        copy.put(m.symbol(), m);
        return new AgentScenario(name, description, file, seed, days, start, open, close, callAuctionMinutes,
            guaranteePct, feePct, instrumentRows, copy, groups);
    }

    public AgentScenario withGroup(final int index, final Group g)
    {
        final List<Group> copy = new ArrayList<>(groups);
        copy.set(index, g);
        return new AgentScenario(name, description, file, seed, days, start, open, close, callAuctionMinutes,
            guaranteePct, feePct, instrumentRows, markets, List.copyOf(copy));
    }

    /** The index of the group of that name, or -1. */
    public int groupIndex(final String groupName)
    {
        for (int i = 0; i < groups.size(); i++)
        {
            if (groups.get(i).name().equals(groupName))
            {
                return i;
            }
        }
        return -1;
    }
}
