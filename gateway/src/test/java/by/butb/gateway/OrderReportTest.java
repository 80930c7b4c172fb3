package by.butb.gateway;

import by.butb.gateway.fix.FixEncoder;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OrderReportTest
{
    @Test
    void aCopyEncodesAsTheOriginalAndKeepsItsTextsWhenTheOriginalIsReused() throws Exception
    {
        final OrderReport original = everyFieldSet();
        final OrderReport copy = new OrderReport().copyFrom(original);
        for (final Field f : reportFields())
        {
            final Object expected = f.get(original);
            final Object actual = f.get(copy);
            assertEquals(expected instanceof CharSequence ? expected.toString() : expected,
                actual instanceof CharSequence ? actual.toString() : actual, f.getName() + " is copied");
        }
        final byte[] before = encoded(original);
        assertArrayEquals(before, encoded(copy));
        ((StringBuilder)original.execId).setLength(0);
        ((StringBuilder)original.execId).append("OTHER");
        ((StringBuilder)original.avgPx).setLength(0);
        assertArrayEquals(before, encoded(copy), "the copy has its own ExecID and AvgPx texts");
    }

    /** Every field of the report set to a value other than its default (a StringBuilder for the texts it reuses). */
    private static OrderReport everyFieldSet() throws Exception
    {
        final OrderReport r = new OrderReport();
        int n = 1;
        for (final Field f : reportFields())
        {
            final Class<?> t = f.getType();
            if (t == long.class)
            {
                f.setLong(r, 1000L + n);
            }
            else if (t == int.class)
            {
                f.setInt(r, n % 6 + 1);
            }
            else if (t == char.class)
            {
                f.setChar(r, (char)('1' + n % 9));
            }
            else if (t == boolean.class)
            {
                f.setBoolean(r, true);
            }
            else if (t == String.class)
            {
                f.set(r, "S" + n);
            }
            else if (t == CharSequence.class)
            {
                f.set(r, new StringBuilder("C" + n));
            }
            else
            {
                throw new AssertionError("a field of a type this test does not fill: " + f);
            }
            n++;
        }
        return r;
    }

    private static Field[] reportFields()
    {
        return Arrays.stream(OrderReport.class.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isPrivate(f.getModifiers()))
            .toArray(Field[]::new);
    }

    private static byte[] encoded(final OrderReport r)
    {
        final FixEncoder e = new FixEncoder(1024);
        e.begin("8", "BUTB".getBytes(), "TRADER-A".getBytes(), 7, 0L);
        r.encode(e);
        e.finish();
        return Arrays.copyOfRange(e.buffer(), e.start(), e.start() + e.length());
    }
}
