package by.butb.engine.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Conversions between decimal text (edges only) and the engine's scaled {@code long}s. */
public final class FixedPoint
{
    private static final long[] POW10 = new long[19];
    /** What {@link #parseShort} returns for text it leaves to {@link #parseGeneral}. */
    public static final long NOT_SHORT = Long.MIN_VALUE;
    private static final int MAX_SHORT_DIGITS = 18;
    /** The two ASCII digits of 00 to 99, one pair after another. */
    private static final byte[] DIGIT_PAIRS = new byte[200];
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    static
    {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++)
        {
            POW10[i] = POW10[i - 1] * 10;
        }
        for (int i = 0; i < 100; i++)
        {
            DIGIT_PAIRS[2 * i] = (byte)('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte)('0' + i % 10);
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
        final long plain = parseShort(trimmed, scale);
        return plain != NOT_SHORT ? plain : parseGeneral(trimmed, scale);
    }

    /**
     * {@link #parse} for trimmed, non-empty text by way of {@link BigDecimal}: every input, every message.
     */
    static long parseGeneral(final String trimmed, final int scale)
    {
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

    /**
     * {@link #parse} without allocating, for the text it meets most: an optional sign, at most 18 significant
     * digits, an optional decimal point, no more decimals than {@code scale} (but for trailing zeros); returns
     * {@link #NOT_SHORT} for anything else, which {@link #parseGeneral} then parses or refuses. The text is trimmed
     * and not empty.
     */
    public static long parseShort(final CharSequence text, final int scale)
    {
        final int n = text.length();
        int i = 0;
        final boolean negative = text.charAt(0) == '-';
        if (negative || text.charAt(0) == '+')
        {
            i++;
        }
        long value = 0;
        int digits = 0;
        int decimals = -1;
        boolean anyDigit = false;
        for (; i < n; i++)
        {
            final char c = text.charAt(i);
            if (c >= '0' && c <= '9')
            {
                anyDigit = true;
                if (decimals == scale)
                {
                    if (c != '0')
                    {
                        return NOT_SHORT;
                    }
                    continue;
                }
                if (decimals >= 0)
                {
                    decimals++;
                }
                if (++digits > MAX_SHORT_DIGITS)
                {
                    return NOT_SHORT;
                }
                value = value * 10 + (c - '0');
            }
            else if (c == '.' && decimals < 0)
            {
                decimals = 0;
            }
            else
            {
                return NOT_SHORT;
            }
        }
        final int shift = scale - Math.max(0, decimals);
        if (!anyDigit || scale < 0 || scale >= POW10.length || digits + shift > MAX_SHORT_DIGITS)
        {
            return NOT_SHORT;
        }
        value *= POW10[shift];
        return negative ? -value : value;
    }

    /** True for plain decimal text: an optional sign, digits with an optional decimal point; no exponent. */
    public static boolean isPlainDecimal(final String text)
    {
        return PLAIN_DECIMAL.matcher(text).matches();
    }

    /** Formats a scaled long as plain decimal text with exactly {@code scale} decimals. */
    public static String format(final long value, final int scale)
    {
        if (value == Long.MIN_VALUE || scale < 0 || scale >= POW10.length)
        {
            return BigDecimal.valueOf(value, scale).toPlainString();
        }
        final byte[] text = new byte[21];
        return new String(text, 0, writeTo(text, 0, value, scale), StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes what {@link #format} returns as ASCII bytes into {@code out} from {@code at}, without allocating, and
     * returns the position after the last byte; {@code out} must have room for 21 bytes from {@code at} (for
     * {@code 0 <= scale < 19} and a value other than {@link Long#MIN_VALUE}; else for {@link #format}'s text).
     */
    public static int writeTo(final byte[] out, final int at, final long value, final int scale)
    {
        int p = at;
        if (value == Long.MIN_VALUE || scale < 0 || scale >= POW10.length)
        {
            final String text = format(value, scale);
            for (int i = 0; i < text.length(); i++)
            {
                out[p++] = (byte)text.charAt(i);
            }
            return p;
        }
        if (value < 0)
        {
            out[p++] = '-';
        }
        final long magnitude = Math.abs(value);
        final long whole = wholePart(magnitude, scale);
        p = writeDigits(out, p, whole, 1);
        if (scale > 0)
        {
            out[p++] = '.';
            p = writeDigits(out, p, magnitude - whole * POW10[scale], scale);
        }
        return p;
    }

    /**
     * {@code magnitude / 10^scale}: by a constant divisor for the usual scales, which the compiler turns into a
     * multiplication, where dividing by a variable takes a hardware division of some tens of cycles.
     */
    private static long wholePart(final long magnitude, final int scale)
    {
        return switch (scale)
        {
            case 0 -> magnitude;
            case 1 -> magnitude / 10;
            case 2 -> magnitude / 100;
            case 3 -> magnitude / 1_000;
            case 4 -> magnitude / 10_000;
            default -> magnitude / POW10[scale];
        };
    }

    /** The decimal digits of {@code value >= 0}, zero-padded on the left to at least {@code width}. */
    private static int writeDigits(final byte[] out, final int at, final long value, final int width)
    {
        // floor(log10(2) * bit length) is the digit count less one, or the digit count when value is below its power.
        final int estimate = (64 - Long.numberOfLeadingZeros(value | 1)) * 1233 >>> 12;
        final int digits = value >= POW10[estimate] ? estimate + 1 : Math.max(1, estimate);
        final int end = at + Math.max(digits, width);
        int p = end;
        long rest = value;
        while (rest > Integer.MAX_VALUE)
        {
            final long quotient = rest / 100;
            final int pair = (int)(rest - quotient * 100);
            out[--p] = DIGIT_PAIRS[2 * pair + 1];
            out[--p] = DIGIT_PAIRS[2 * pair];
            rest = quotient;
        }
        int small = (int)rest;
        while (small >= 100)
        {
            final int quotient = small / 100;
            final int pair = small - quotient * 100;
            out[--p] = DIGIT_PAIRS[2 * pair + 1];
            out[--p] = DIGIT_PAIRS[2 * pair];
            small = quotient;
        }
        if (small >= 10)
        {
            out[--p] = DIGIT_PAIRS[2 * small + 1];
            out[--p] = DIGIT_PAIRS[2 * small];
        }
        else
        {
            out[--p] = (byte)('0' + small);
        }
        while (p > at)
        {
            out[--p] = '0';
        }
        return end;
    }
}
