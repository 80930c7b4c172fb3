package by.butb.sim.experiment;

import by.butb.sim.agents.AgentScenario;
import by.butb.sim.agents.AgentType;
import by.butb.sim.study.ScenarioException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * A parameter an experiment varies and the values it takes, each applied to the base market by {@link #apply}:
 * {@code fee_pct}, {@code guarantee_pct}, {@code band_pct} (every market) or {@code band_pct.SYMBOL},
 * {@code call_auction_minutes}, {@code mechanism.SYMBOL} (continuous or lot_auction), {@code count.GROUP},
 * {@code type.GROUP}. Values are kept as written; they name the columns and the report's x axis.
 */
public record Parameter(String name, List<String> values, String file, int line)
{
    /** The base market with this parameter set to {@code value}; a bad value is a ScenarioException. */
    public AgentScenario apply(final AgentScenario s, final String value)
    {
        final String[] parts = name.split("\\.", 2);
        final String target = parts.length > 1 ? parts[1] : null;
        return switch (parts[0])
        {
            case "fee_pct" -> s.withRules(s.guaranteePct(), percent(value));
            case "guarantee_pct" -> s.withRules(percent(value), s.feePct());
            case "band_pct" -> band(s, target, percent(value));
            case "call_auction_minutes" -> s.withCallAuctionMinutes(callMinutes(s, value));
            case "mechanism" -> s.withMarket(market(s, target).withMechanism(mechanism(value)));
            case "count" -> s.withGroup(group(s, target), s.groups().get(group(s, target))
                .withCount((int)whole(value, 1, 100_000)));
            case "type" -> s.withGroup(group(s, target), s.groups().get(group(s, target)).withType(type(s, target,
                value)));
            default -> throw error("unknown parameter; expected fee_pct, guarantee_pct, band_pct[.SYMBOL], " +
                "call_auction_minutes, mechanism.SYMBOL, count.GROUP or type.GROUP");
        };
    }

    private ScenarioException error(final String problem)
    {
        return new ScenarioException(file, line, "vary." + name, problem);
    }

    private BigDecimal percent(final String value)
    {
        try
        {
            final BigDecimal d = new BigDecimal(value);
            if (d.signum() >= 0 && d.compareTo(BigDecimal.valueOf(100)) <= 0 && d.stripTrailingZeros().scale() <= 2)
            {
                return d;
            }
        }
        catch (final NumberFormatException ex)
        {
            // reported below
        }
        throw error("'" + value + "' must be a percentage from 0 to 100 with at most 2 decimals");
    }

    private long whole(final String value, final long min, final long max)
    {
        try
        {
            final long v = Long.parseLong(value);
            if (v >= min && v <= max)
            {
                return v;
            }
        }
        catch (final NumberFormatException ex)
        {
            // reported below
        }
        throw error("'" + value + "' must be a whole number from " + min + " to " + max);
    }

    /** Minutes of call auction that leave the base market's session some continuous trading. */
    private int callMinutes(final AgentScenario s, final String value)
    {
        final int minutes = (int)whole(value, 0, 240);
        if (!s.close().isAfter(s.open().plusMinutes(minutes + 1L)))
        {
            throw error("'" + value + "': the session runs from " + s.open() + " to " + s.close() +
                ", and close must be more than call_auction_minutes after open");
        }
        return minutes;
    }

    private AgentScenario band(final AgentScenario s, final String symbol, final BigDecimal pct)
    {
        if (symbol != null)
        {
            return s.withMarket(market(s, symbol).withBand(pct));
        }
        AgentScenario out = s;
        for (final AgentScenario.Market m : s.markets().values())
        {
            out = out.withMarket(m.withBand(pct));
        }
        return out;
    }

    private AgentScenario.Market market(final AgentScenario s, final String symbol)
    {
        final AgentScenario.Market m = symbol == null ? null : s.markets().get(symbol);
        if (m == null)
        {
            throw error("name a market of the base scenario after the dot: one of " +
                String.join(", ", s.markets().keySet()));
        }
        return m;
    }

    private AgentScenario.Mechanism mechanism(final String value)
    {
        return switch (value.toLowerCase(Locale.ROOT))
        {
            case "continuous" -> AgentScenario.Mechanism.CONTINUOUS;
            case "lot_auction" -> AgentScenario.Mechanism.LOT_AUCTION;
            default -> throw error("'" + value + "' is not continuous or lot_auction");
        };
    }

    private int group(final AgentScenario s, final String name)
    {
        final int i = name == null ? -1 : s.groupIndex(name);
        if (i < 0)
        {
            throw error("name a group of agents of the base scenario after the dot: one of " +
                String.join(", ", s.groups().stream().map(AgentScenario.Group::name).toList()));
        }
        return i;
    }

    private AgentType type(final AgentScenario s, final String groupName, final String value)
    {
        final AgentType t = AgentType.of(value);
        final AgentScenario.Group g = s.groups().get(group(s, groupName));
        if (t == null || !t.valued() || t.fixedSide() != null && !t.fixedSide().equals(g.side()) ||
            !g.type().valued() || t == AgentType.FOREIGN_BUYER && g.country().equals("BY"))
        {
            throw error("'" + value + "': a group of valued traders can become zic, ziu, zip, or by_seller " +
                "(sellers) or foreign_buyer (buyers of another country than BY); its parameters must be the " +
                "new type's defaults");
        }
        if (!g.params().isEmpty())
        {
            throw error("group '" + groupName + "' sets params of its own type; vary the type of a group without " +
                "params");
        }
        return t;
    }
}
