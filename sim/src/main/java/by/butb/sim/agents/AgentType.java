package by.butb.sim.agents;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kinds of agent, their names in a scenario file, which side they trade, whether they hold valuations or costs
 * from the market's schedules, and their parameters (default, inclusive range). docs/scenarios.md documents each.
 */
public enum AgentType
{
    /** Zero-intelligence constrained (Gode and Sunder 1993): uniform prices that never lose money. */
    ZIC("zic", null, true),
    /** Zero-intelligence unconstrained: uniform prices over the whole price band. */
    ZIU("ziu", null, true),
    /** Zero-intelligence plus (Cliff 1997): a profit margin learnt from the market's shouts and trades. */
    ZIP("zip", null, true,
        "beta_min", 0.1, 0.0, 1.0, "beta_max", 0.5, 0.0, 1.0, "gamma_max", 0.1, 0.0, 1.0,
        "margin_min", 0.05, 0.0, 1.0, "margin_max", 0.35, 0.0, 1.0),
    /** Quotes both sides around the mid price, skewed by its inventory, within an inventory limit. */
    MARKET_MAKER("market_maker", "both", false,
        "spread_pct", 1.0, 0.01, 50.0, "inventory_limit", 5.0, 1.0, 1_000_000.0, "react_seconds", 5.0, 0.0, 86_400.0),
    /** Buys after prices rose, sells after they fell (immediate-or-cancel), within an inventory limit. */
    MOMENTUM("momentum", "both", false,
        "lookback", 10.0, 2.0, 1000.0, "threshold_pct", 0.5, 0.0, 100.0, "inventory_limit", 5.0, 1.0, 1_000_000.0),
    /** Random side and price around the last price; some orders take liquidity at once. */
    NOISE("noise", "both", false,
        "spread_pct", 2.0, 0.0, 100.0, "aggressive_share", 0.3, 0.0, 1.0, "inventory_limit", 10.0, 1.0, 1_000_000.0),
    /** A Belarusian producer: offers each unit as a lot (start price above its cost, a bid step), or asks. */
    BY_SELLER("by_seller", "sell", true,
        "markup_min_pct", 5.0, 0.0, 1000.0, "markup_max_pct", 20.0, 0.0, 1000.0, "step_pct", 0.5, 0.0, 100.0),
    /** A foreign buyer with private valuations: bids in lot auctions, or bids continuously and raises its bid. */
    FOREIGN_BUYER("foreign_buyer", "buy", true,
        "shade_min_pct", 5.0, 0.0, 100.0, "shade_max_pct", 20.0, 0.0, 100.0, "step_pct", 1.0, 0.0, 100.0);

    private final String key;
    private final String fixedSide;
    private final boolean valued;
    private final Map<String, double[]> params = new LinkedHashMap<>();

    AgentType(final String key, final String fixedSide, final boolean valued, final Object... defaults)
    {
        this.key = key;
        this.fixedSide = fixedSide;
        this.valued = valued;
        for (int i = 0; i < defaults.length; i += 4)
        {
            params.put((String)defaults[i], new double[] {(Double)defaults[i + 1], (Double)defaults[i + 2],
                (Double)defaults[i + 3]});
        }
    }

    /** The name in a scenario file. */
    public String key()
    {
        return key;
    }

    /** "buy" or "sell" when the type trades one side only whatever the file says, "both", or null: the file says. */
    public String fixedSide()
    {
        return fixedSide;
    }

    /** Whether the agents hold units valued (buyers) or costed (sellers) from the market's schedules. */
    public boolean valued()
    {
        return valued;
    }

    /** Parameter name to {default, min, max}. */
    public Map<String, double[]> params()
    {
        return params;
    }

    double defaultOf(final String param)
    {
        final double[] p = params.get(param);
        if (p == null)
        {
            throw new IllegalArgumentException(key + " has no parameter " + param);
        }
        return p[0];
    }

    /** The type of that name, or null. */
    public static AgentType of(final String key)
    {
        for (final AgentType t : values())
        {
            if (t.key.equals(key))
            {
                return t;
            }
        }
        return null;
    }

    /** Every type's name, for messages. */
    public static String names()
    {
        final StringBuilder sb = new StringBuilder();
        for (final AgentType t : values())
        {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.key);
        }
        return sb.toString();
    }
}
