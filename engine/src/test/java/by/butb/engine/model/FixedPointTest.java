package by.butb.engine.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FixedPointTest
{
    private static final String CHARS = "0123456789012345678900000.-+e ";

    @Test
    void theShortPathParsesLikeTheGeneralOneOnRandomText()
    {
        final long seed = 20_261_204L;
        final SplittableRandom random = new SplittableRandom(seed);
        int shortOnes = 0;
        for (int n = 0; n < 300_000; n++)
        {
            final StringBuilder b = new StringBuilder();
            for (int i = 0, length = 1 + random.nextInt(24); i < length; i++)
            {
                b.append(CHARS.charAt(random.nextInt(CHARS.length())));
            }
            final String text = b.toString().trim();
            final int scale = random.nextInt(7);
            if (text.isEmpty())
            {
                continue;
            }
            final long fast = FixedPoint.parseShort(text, scale);
            if (fast == FixedPoint.NOT_SHORT)
            {
                continue;
            }
            shortOnes++;
            assertEquals(FixedPoint.parseGeneral(text, scale), fast, "seed " + seed + ": '" + text + "' at " + scale);
        }
        assertEquals(true, shortOnes > 10_000, "the short path took " + shortOnes + " texts");
    }

    @Test
    void formattingAndWritingBytesGiveThePlainDecimalText()
    {
        final long seed = 20_261_205L;
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[] b = new byte[32];
        final long[] edges = {0, 1, -1, 9, 10, 99, 100, 101, -100, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (int n = 0; n < 200_000; n++)
        {
            final long value = n < edges.length * 19 ? edges[n % edges.length] :
                random.nextLong() >> random.nextInt(64);
            final int scale = n < edges.length * 19 ? n / edges.length : random.nextInt(19);
            final String expected = BigDecimal.valueOf(value, scale).toPlainString();
            final int end = FixedPoint.writeTo(b, 3, value, scale);
            assertEquals(expected, new String(b, 3, end - 3, StandardCharsets.US_ASCII),
                "seed " + seed + ": " + value + " at " + scale);
            assertEquals(expected, FixedPoint.format(value, scale), "seed " + seed + ": " + value + " at " + scale);
        }
    }

    @Test
    void typicalPricesAndQuantitiesTakeTheShortPath()
    {
        assertEquals(62_650, FixedPoint.parseShort("626.50", 2));
        assertEquals(62_650, FixedPoint.parseShort("626.500", 2));
        assertEquals(-3_000, FixedPoint.parseShort("-3", 3));
        assertEquals(500, FixedPoint.parseShort(".5", 3));
        assertEquals(FixedPoint.NOT_SHORT, FixedPoint.parseShort("626.505", 2));
        assertEquals(FixedPoint.NOT_SHORT, FixedPoint.parseShort("1e3", 2));
        assertEquals(FixedPoint.NOT_SHORT, FixedPoint.parseShort("12345678901234567.5", 2));
    }

    @Test
    void textOutsideTheShortPathKeepsItsMessages()
    {
        assertEquals("'626.505' has more than 2 decimal places",
            assertThrows(NumberFormatException.class, () -> FixedPoint.parse("626.505", 2)).getMessage());
        assertEquals("'1e3' is not a decimal number",
            assertThrows(NumberFormatException.class, () -> FixedPoint.parse("1e3", 2)).getMessage());
        assertEquals("'99999999999999999999' is too large",
            assertThrows(NumberFormatException.class, () -> FixedPoint.parse("99999999999999999999", 0)).getMessage());
        assertEquals(1_234_567_890_123_456_789L, FixedPoint.parse("1234567890123456789", 0));
    }
}
