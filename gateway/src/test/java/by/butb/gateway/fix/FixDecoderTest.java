package by.butb.gateway.fix;

import org.junit.jupiter.api.Test;
import quickfix.Field;
import quickfix.InvalidMessage;
import quickfix.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixDecoderTest
{
    private final FixDecoder decoder = new FixDecoder();

    /** {@code body} from MsgType on, '|' for SOH, framed with a right BodyLength and CheckSum. */
    static byte[] frame(final String body)
    {
        final String b = body.replace('|', '\u0001');
        final String message = "8=FIX.4.4\u00019=" + b.length() + "\u0001" + b;
        int sum = 0;
        for (final byte x : message.getBytes(StandardCharsets.ISO_8859_1))
        {
            sum += x;
        }
        return (message + "10=" + String.format("%03d", sum & 0xFF) + "\u0001").getBytes(StandardCharsets.ISO_8859_1);
    }

    private boolean decode(final byte[] message)
    {
        return decoder.wrap(message, 0, message.length);
    }

    @Test
    void readsTheFieldsOfAWellFormedMessageInPlace()
    {
        final byte[] m = frame("35=D|49=TRADER-A|56=BUTB|34=12|52=20240301-10:00:00.123|11=X1|38=10|" +
            "108=0000000000000000000030|98=0|");
        assertTrue(decode(m), decoder.problem());
        assertEquals(12, decoder.count());
        assertEquals(30, decoder.longValueOf(108), "leading zeros beyond 18 digits");
        assertEquals(0, decoder.longValueOf(98));
        assertEquals("X1", decoder.string(11));
        assertEquals(12, decoder.longValueOf(34));
        assertEquals('D', decoder.charValue(35));
        assertTrue(decoder.valueEquals(49, "TRADER-A".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(-1, decoder.longValueOf(44), "absent");
        assertEquals(1_709_287_200_123_000_000L, decoder.timestampNanos(52));
    }

    @Test
    void aTimestampWhoseNanosecondsDoNotFitALongIsNotATimestamp()
    {
        assertTrue(decode(frame("35=0|49=A|56=B|34=1|52=22620411-23:47:16|")));
        assertEquals(UtcTimestamps.INVALID, decoder.timestampNanos(52), "past 2262-04-11 (it would wrap around)");
        assertTrue(decode(frame("35=0|49=A|56=B|34=1|52=16770921-00:12:44|")));
        assertEquals(UtcTimestamps.INVALID, decoder.timestampNanos(52), "before 1677-09-21");
        assertTrue(decode(frame("35=0|49=A|56=B|34=1|52=22611231-23:59:59.999|")));
        assertEquals(9_214_646_399_999_000_000L, decoder.timestampNanos(52), "the last of 2261 still fits");
    }

    @Test
    void refusesAWrongCheckSum()
    {
        final byte[] m = frame("35=0|49=A|56=B|34=1|52=20240301-10:00:00|");
        m[m.length - 2] = (byte)(m[m.length - 2] == '0' ? '1' : '0');
        assertFalse(decode(m));
        assertEquals(FixDecoder.BAD_CHECKSUM, decoder.problem());
    }

    @Test
    void refusesAWrongBodyLength()
    {
        final String text = new String(frame("35=0|49=A|56=B|34=1|"), StandardCharsets.ISO_8859_1);
        final byte[] m = text.replaceFirst("\u00019=\\d+", "\u00019=7").getBytes(StandardCharsets.ISO_8859_1);
        assertFalse(decode(m));
        assertEquals(FixDecoder.BAD_BODY_LENGTH, decoder.problem());
    }

    @Test
    void refusesMalformedFields()
    {
        assertFalse(decode(frame("35=0|49=A|56|34=1|")));
        assertEquals(FixDecoder.BAD_FIELD, decoder.problem());
        assertFalse(decode(frame("35=0|49=A|x6=B|34=1|")));
        assertEquals(FixDecoder.BAD_FIELD, decoder.problem());
        assertTrue(decode(frame("35=0|49=|56=B|34=1|58=|")), "an empty value is for the session layer to reject");
        assertEquals(49, decoder.emptyTag(), "the first");
        assertEquals("", decoder.string(49));
        assertEquals("B", decoder.string(56));
        assertTrue(decode(frame("35=0|49=A|56=B|34=1|")));
        assertEquals(0, decoder.emptyTag(), "none in the next message");
        assertFalse(decode(frame("35=|49=A|56=B|34=1|")), "no MsgType: nothing to answer the message as");
        assertEquals(FixDecoder.NO_MSG_TYPE, decoder.problem());
        assertFalse(decode(frame("49=A|35=0|56=B|34=1|")));
        assertEquals(FixDecoder.NO_MSG_TYPE, decoder.problem());
        final byte[] noTrailer = "8=FIX.4.4\u00019=5\u000135=0\u0001".getBytes(StandardCharsets.ISO_8859_1);
        assertFalse(decode(noTrailer));
    }

    @Test
    void readsAMessageWithThousandsOfFieldsAfterSmallOnes()
    {
        assertTrue(decode(frame("35=0|58=x|")));
        final StringBuilder body = new StringBuilder("35=V|");
        for (int i = 0; i < 5_000; i++)
        {
            body.append("55=S").append(i).append('|');
        }
        assertTrue(decode(frame(body.toString())), decoder.problem());
        assertEquals(5_000 + 4, decoder.count());
        assertEquals("S4999", new String(decoder.buffer(), decoder.valueStart(decoder.count() - 2),
            decoder.valueEnd(decoder.count() - 2) - decoder.valueStart(decoder.count() - 2),
            StandardCharsets.ISO_8859_1));
    }

    @Test
    void refusesMoreFieldsThanItKeeps()
    {
        final StringBuilder body = new StringBuilder("35=0|");
        for (int i = 0; i < FixDecoder.MAX_FIELDS; i++)
        {
            body.append("58=x|");
        }
        assertFalse(decode(frame(body.toString())));
        assertEquals(FixDecoder.TOO_MANY_FIELDS, decoder.problem());
    }

    /**
     * Differential against QuickFIX/J's own parser on seeded random messages: a well-formed message is read as
     * QuickFIX/J reads it (same fields, same values); after a random one-byte change, a message this decoder still
     * accepts is one QuickFIX/J accepts too (with its checks of BodyLength and CheckSum), with the same fields.
     */
    @Test
    void readsRandomMessagesAsQuickFixJDoes() throws Exception
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        for (int n = 0; n < 2_000; n++)
        {
            final String body = randomBody(random);
            final byte[] m = frame(body);
            final String context = "seed " + seed + ", message " + n + ": " + body;
            assertTrue(decode(m), context + ": " + decoder.problem());
            assertSameFields(new Message(new String(m, StandardCharsets.ISO_8859_1), false), context);

            m[random.nextInt(m.length)] = (byte)"\u0001=0123456789Ax.|".charAt(random.nextInt(16));
            if (decode(m))
            {
                final Message parsed;
                try
                {
                    parsed = new Message(new String(m, StandardCharsets.ISO_8859_1), true);
                }
                catch (final InvalidMessage ex)
                {
                    throw new AssertionError(context + ": accepted what QuickFIX/J refuses after a change: " +
                        new String(m, StandardCharsets.ISO_8859_1), ex);
                }
                assertSameFields(parsed, context);
            }
        }
    }

    private static String randomBody(final Random random)
    {
        final StringBuilder b = new StringBuilder("35=D|49=TRADER-").append(random.nextInt(100))
            .append("|56=BUTB|34=").append(1 + random.nextInt(1_000_000)).append("|52=20240301-10:00:00.000|");
        final int fields = random.nextInt(12);
        final int[] tags = {11, 38, 40, 44, 54, 55, 58, 59, 60, 1, 100, 9001};
        for (int i = 0; i < fields; i++)
        {
            b.append(tags[i]).append('=');
            final int length = 1 + random.nextInt(20);
            for (int k = 0; k < length; k++)
            {
                final char c = (char)(' ' + 1 + random.nextInt(94)); // printable, no space
                b.append(c == '|' ? '/' : c); // '|' stands for SOH
            }
            b.append('|');
        }
        return b.toString();
    }

    private void assertSameFields(final Message m, final String context)
    {
        final List<String> theirs = new ArrayList<>();
        collect(m.getHeader().iterator(), theirs);
        collect(m.iterator(), theirs);
        collect(m.getTrailer().iterator(), theirs);
        final List<String> ours = new ArrayList<>();
        for (int i = 0; i < decoder.count(); i++)
        {
            ours.add(decoder.tagAt(i) + "=" + new String(decoder.buffer(), decoder.valueStart(i),
                decoder.valueEnd(i) - decoder.valueStart(i), StandardCharsets.ISO_8859_1));
        }
        theirs.sort(null);
        ours.sort(null);
        assertEquals(theirs, ours, context);
    }

    private static void collect(final Iterator<Field<?>> fields, final List<String> out)
    {
        while (fields.hasNext())
        {
            out.add(fields.next().toString());
        }
    }
}
