package by.butb.gateway;

import by.butb.engine.model.FixedPoint;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DecimalsTest
{
    @Test
    void shouldParseLikeFixedPoint()
    {
        final String[] texts = {"0", "1", "2500", "2500.5", "2500.50", "2500.500", "0.005", ".5", "1.", "-3", "-0.125",
            "007", "1.50", "12345678901234567", "123456789012345678", "9223372036854775807", "1e3", " 1", "+1",
            "1.2e-1"};
        for (final String text : texts)
        {
            for (int scale = 0; scale <= 4; scale++)
            {
                assertSame(text, scale);
            }
        }
    }

    @Test
    void shouldRejectWhatFixedPointRejectsWithItsMessage()
    {
        for (final String text : new String[] {"", "-", "abc", "1.2.3", "1.005", "99999999999999999999", "1e40"})
        {
            final NumberFormatException expected = assertThrows(NumberFormatException.class,
                () -> FixedPoint.parse(text, 2), text);
            final NumberFormatException actual = assertThrows(NumberFormatException.class,
                () -> Decimals.parse(text, 2), text);
            assertEquals(expected.getMessage(), actual.getMessage(), text);
        }
    }

    @Test
    void shouldFormatLikeFixedPointForSeededRandomValues()
    {
        final Random random = new Random(42);
        for (int i = 0; i < 100_000; i++)
        {
            final long value = switch (i % 3)
            {
                case 0 -> random.nextInt(10_000) - 5_000;
                case 1 -> random.nextLong();
                default -> random.nextInt();
            };
            final int scale = random.nextInt(7);
            assertEquals(FixedPoint.format(value, scale), Decimals.format(value, scale), value + "/" + scale);
            final String text = FixedPoint.format(value, scale);
            assertSame(text, scale);
            assertSame(text, scale + 1);
        }
        assertEquals(FixedPoint.format(Long.MIN_VALUE, 3), Decimals.format(Long.MIN_VALUE, 3));
    }

    private static void assertSame(final String text, final int scale)
    {
        Long expected;
        try
        {
            expected = FixedPoint.parse(text, scale);
        }
        catch (final NumberFormatException ex)
        {
            expected = null;
        }
        if (expected == null)
        {
            assertThrows(NumberFormatException.class, () -> Decimals.parse(text, scale), text + "/" + scale);
        }
        else
        {
            assertEquals(expected, Decimals.parse(text, scale), text + "/" + scale);
        }
    }
}
