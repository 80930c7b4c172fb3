package by.butb.gateway;

import by.butb.engine.model.FixedPoint;

/**
 * Decimal text to and from the engine's scaled {@code long}s without {@link java.math.BigDecimal}, for the hot path
 * of every order and report. Results equal {@link FixedPoint#parse} and {@link FixedPoint#format}; anything outside
 * the plain form ("-123.450") goes to {@link FixedPoint} for its result or its error message.
 */
final class Decimals
{
    /** Up to 17 digits always fit in a long, whatever the scale brings. */
    private static final int MAX_FAST_DIGITS = 17;

    private Decimals()
    {
    }

    /** As {@link FixedPoint#parse}: throws NumberFormatException with a readable message for bad text. */
    static long parse(final CharSequence text, final int scale)
    {
        final int n = text.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && text.charAt(0) == '-')
        {
            negative = true;
            i = 1;
        }
        long value = 0;
        int digits = 0;
        int decimals = -1;
        for (; i < n; i++)
        {
            final char c = text.charAt(i);
            if (c >= '0' && c <= '9')
            {
                if (decimals >= 0)
                {
                    decimals++;
                    if (decimals > scale)
                    {
                        if (c != '0')
                        {
                            return FixedPoint.parse(text.toString(), scale); // more decimals than the scale: its error
                        }
                        continue; // a trailing zero beyond the scale changes nothing
                    }
                }
                value = value * 10 + (c - '0');
                if (++digits > MAX_FAST_DIGITS)
                {
                    return FixedPoint.parse(text.toString(), scale);
                }
            }
            else if (c == '.' && decimals < 0)
            {
                decimals = 0;
            }
            else
            {
                return FixedPoint.parse(text.toString(), scale);
            }
        }
        if (digits == 0)
        {
            return FixedPoint.parse(text.toString(), scale);
        }
        final int used = decimals < 0 ? 0 : Math.min(decimals, scale);
        if (digits + scale - used > 18)
        {
            return FixedPoint.parse(text.toString(), scale);
        }
        value *= FixedPoint.pow10(scale - used);
        return negative ? -value : value;
    }

    /** As {@link FixedPoint#format}: "1.500" for (1500, 3), "0.005" for (5, 3), "-2" for (-2, 0). */
    static String format(final long value, final int scale)
    {
        if (scale == 0 || value == Long.MIN_VALUE)
        {
            return scale == 0 ? Long.toString(value) : FixedPoint.format(value, scale);
        }
        final boolean negative = value < 0;
        final String digits = Long.toString(negative ? -value : value);
        final StringBuilder sb = new StringBuilder(digits.length() + scale + 3);
        if (negative)
        {
            sb.append('-');
        }
        if (digits.length() <= scale)
        {
            sb.append("0.");
            for (int k = digits.length(); k < scale; k++)
            {
                sb.append('0');
            }
            sb.append(digits);
        }
        else
        {
            sb.append(digits, 0, digits.length() - scale).append('.').append(digits, digits.length() - scale,
                digits.length());
        }
        return sb.toString();
    }
}
