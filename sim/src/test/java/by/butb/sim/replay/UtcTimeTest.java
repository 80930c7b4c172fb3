package by.butb.sim.replay;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UtcTimeTest
{
    @Test
    void theCommonFormReadsAsInstantParseReadsIt()
    {
        final long seed = 20_261_204L;
        final SplittableRandom random = new SplittableRandom(seed);
        int common = 0;
        for (int n = 0; n < 200_000; n++)
        {
            final String text = randomTime(random);
            final long fast = UtcTime.parseCommonForm(text);
            if (fast == UtcTime.NOT_COMMON)
            {
                continue;
            }
            common++;
            assertEquals(nanos(Instant.parse(text)), fast, "seed " + seed + ": " + text);
        }
        assertTrue(common > 50_000, "the common form took " + common + " texts");
    }

    @Test
    void otherFormsAreLeftToInstantParse()
    {
        assertEquals(UtcTime.NOT_COMMON, UtcTime.parseCommonForm("2024-02-30T09:00:00Z"));
        assertThrows(DateTimeParseException.class, () -> UtcTime.epochNanos("2024-02-30T09:00:00Z"));
        assertEquals(UtcTime.NOT_COMMON, UtcTime.parseCommonForm("2024-03-01T09:00:00+01:00"));
        assertEquals(UtcTime.NOT_COMMON, UtcTime.parseCommonForm("2024-03-01T09:00:00.Z"));
        assertEquals(nanos(Instant.parse("2024-03-01T09:00:00.Z")), UtcTime.epochNanos("2024-03-01T09:00:00.Z"),
            "a decimal point without digits, as Instant.parse reads it");
        assertEquals(UtcTime.NOT_COMMON, UtcTime.parseCommonForm("2024-03-01T24:00:00Z"));
        assertEquals(Instant.parse("1969-12-31T23:59:59.5Z").toEpochMilli() * 1_000_000L,
            UtcTime.epochNanos("1969-12-31T23:59:59.5Z"));
        assertThrows(ArithmeticException.class, () -> UtcTime.epochNanos("2300-01-01T00:00:00Z"));
        assertEquals(1_709_283_600_123_000_000L, UtcTime.epochNanos("2024-03-01T09:00:00.123Z"));
    }

    @Test
    void aTimeWithALetterInItsHourMinuteOrSecondIsLeftToInstantParse()
    {
        for (final String text : new String[] {"2024-03-01T0x:00:00Z", "2024-03-01T09:x0:00Z", "2024-03-01T09:00:0xZ"})
        {
            assertEquals(UtcTime.NOT_COMMON, UtcTime.parseCommonForm(text), text);
            assertThrows(DateTimeParseException.class, () -> UtcTime.epochNanos(text), text);
        }
    }

    /** Mostly the common form with values in and out of range, some with other lengths and separators. */
    private static String randomTime(final SplittableRandom random)
    {
        final StringBuilder b = new StringBuilder();
        b.append(1970 + random.nextInt(292)).append('-').append(two(random.nextInt(14))).append('-')
            .append(two(random.nextInt(33))).append(random.nextInt(50) == 0 ? ' ' : 'T')
            .append(two(random.nextInt(26))).append(':').append(two(random.nextInt(62))).append(':')
            .append(two(random.nextInt(62)));
        final int fraction = random.nextInt(12);
        if (fraction > 0)
        {
            b.append('.');
            for (int i = 0; i < fraction - 1; i++)
            {
                b.append((char)('0' + random.nextInt(10)));
            }
        }
        return b.append(random.nextInt(40) == 0 ? "+00:00" : "Z").toString();
    }

    private static long nanos(final Instant instant)
    {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String two(final int value)
    {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
