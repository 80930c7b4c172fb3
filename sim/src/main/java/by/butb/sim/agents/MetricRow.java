package by.butb.sim.agents;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One tidy measure of a run: {@code day} 1.. (0: the whole run), the instrument's symbol, a {@code subject} (an
 * agent, a group or a buyer country; "" when the metric has none), the metric's name and its value.
 */
public record MetricRow(int day, String instrument, String subject, String metric, double value)
{
    /** The day as written in CSV: its number, or "all" for the whole run. */
    public String dayText()
    {
        return day == 0 ? "all" : Integer.toString(day);
    }

    /** A value as written in CSV: at most 6 decimals, no exponent, no trailing zeros. */
    public static String format(final double v)
    {
        if (Double.isNaN(v) || Double.isInfinite(v))
        {
            return "";
        }
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
