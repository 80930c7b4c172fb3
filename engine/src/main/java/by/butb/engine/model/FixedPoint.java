package by.butb.engine.model;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Conversions between decimal text (edges only) and the engine's scaled {@code long}s. */
public final class FixedPoint
{
    private static final long[] POW10 = new long[19];
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    static
    {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++)
        {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private FixedPoint()
    {
    }

    public static long pow10(final int exponent)
    {
        if (exponent < 0 || exponent >= POW10.length)
        {
            throw new IllegalArgumentException("scale out of range: " + exponent);
        }
        return POW10[exponent];
    }

    /**
     * Parses a plain decimal ("1234.5", "-3", "0.125") into a long scaled by {@code 10^scale}.
     *
     * @throws NumberFormatException with a readable message when the text is not a decimal, has more decimals
     *                               than {@code scale}, or does not fit.
     */
    public static long parse(final String text, final int scale)
    {
        final String trimmed = text.trim();
        if (trimmed.isEmpty())
        {
            throw new NumberFormatException("is empty");
        }
        if (!isPlainDecimal(trimmed))
        {
            throw new NumberFormatException("'" + trimmed + "' is not a decimal number");
        }
        final BigDecimal value = new BigDecimal(trimmed);
        final BigDecimal scaled = value.movePointRight(scale);
        if (scaled.stripTrailingZeros().scale() > 0)
        {
            throw new NumberFormatException("'" + trimmed + "' has more than " + scale + " decimal places");
        }
        try
        {
            return scaled.longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new NumberFormatException("'" + trimmed + "' is too large");
        }
    }

    /** True for plain decimal text: an optional sign, digits with an optional decimal point; no exponent. */
    public static boolean isPlainDecimal(final String text)
    {
        return PLAIN_DECIMAL.matcher(text).matches();
    }

    /** Formats a scaled long as plain decimal text with exactly {@code scale} decimals. */
    public static String format(final long value, final int scale)
    {
        return BigDecimal.valueOf(value, scale).toPlainString();
    }
}
