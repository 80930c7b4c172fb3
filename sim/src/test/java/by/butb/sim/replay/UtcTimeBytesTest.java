package by.butb.sim.replay;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UtcTimeBytesTest
{
    private static final String MUTATIONS = "0123456789:.-TZx ";

    @Test
    void readsEveryTimeOfARowSequenceAsParseCommonFormDoes()
    {
        final long seed = 20_261_205L;
        final SplittableRandom random = new SplittableRandom(seed);
        final UtcTimeBytes times = new UtcTimeBytes();
        long nanos = 1_709_283_600_000_000_000L;
        int sameMinute = 0;
        String previous = "";
        for (int n = 0; n < 300_000; n++)
        {
            nanos += random.nextInt(10) == 0 ? random.nextLong(3_600_000_000_000L) : random.nextLong(2_000_000_000L);
            String text = ReplayListener.time(nanos);
            if (random.nextInt(8) == 0)
            {
                text = mutated(text, random);
            }
            else if (random.nextInt(50) == 0)
            {
                text = "2262-04-11T23:47:" + (16 + random.nextInt(2)) + ".8547758" + random.nextInt(10) + "Z";
            }
            sameMinute += text.length() > 17 && previous.startsWith(text.substring(0, 17)) ? 1 : 0;
            previous = text;
            final byte[] bytes = (",," + text + ",").getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(expected(text), actual(times, bytes, 2, bytes.length - 1), "seed " + seed + ": " + text);
        }
        assertTrue(sameMinute > 100_000, "only " + sameMinute + " times shared the minute before");
    }

    private static String mutated(final String text, final SplittableRandom random)
    {
        final StringBuilder b = new StringBuilder(text);
        switch (random.nextInt(3))
        {
            case 0 -> b.setCharAt(random.nextInt(b.length()), MUTATIONS.charAt(random.nextInt(MUTATIONS.length())));
            case 1 -> b.deleteCharAt(random.nextInt(b.length()));
            default -> b.insert(random.nextInt(b.length() + 1), MUTATIONS.charAt(random.nextInt(MUTATIONS.length())));
        }
        return b.toString();
    }

    private static String expected(final String text)
    {
        try
        {
            return Long.toString(UtcTime.parseCommonForm(text));
        }
        catch (final ArithmeticException ex)
        {
            return "too late";
        }
    }

    private static String actual(final UtcTimeBytes times, final byte[] bytes, final int from, final int to)
    {
        try
        {
            return Long.toString(times.parse(bytes, from, to));
        }
        catch (final ArithmeticException ex)
        {
            return "too late";
        }
    }
}
