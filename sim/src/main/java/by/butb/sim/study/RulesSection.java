package by.butb.sim.study;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A scenario's {@code rules:} section: the guarantee and the exchange fee as percentages of the deal's value
 * (defaults 10 and 0.1).
 */
public record RulesSection(BigDecimal guaranteePct, BigDecimal feePct)
{
    /** Reads {@code rules:} under {@code root}; the defaults without it. */
    public static RulesSection read(final YamlNode root)
    {
        final BigDecimal guarantee = BigDecimal.TEN;
        final BigDecimal fee = new BigDecimal("0.1");
        final YamlNode rules = root.opt("rules");
        if (rules == null)
        {
            return new RulesSection(guarantee, fee);
        }
        rules.onlyKeys(Set.of("guarantee_pct", "fee_pct"));
        return new RulesSection(rules.percent("guarantee_pct", guarantee), rules.percent("fee_pct", fee));
    }
}
