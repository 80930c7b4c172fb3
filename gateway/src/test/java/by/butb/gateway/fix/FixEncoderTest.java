package by.butb.gateway.fix;

import org.junit.jupiter.api.Test;
import quickfix.Message;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixEncoderTest
{
    private static final byte[] BUTB = "BUTB".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADER = "TRADER-A".getBytes(StandardCharsets.US_ASCII);

    @Test
    void writesAMessageQuickFixJValidates() throws Exception
    {
        final FixEncoder e = new FixEncoder(16);
        e.begin("8", BUTB, TRADER, 1234, 1_709_287_200_123L).field(11, "X1").field(39, '0').field(14, 0L)
            .field(151, -25L).raw("58=a text").finish();
        final String text = new String(e.buffer(), e.start(), e.length(), StandardCharsets.ISO_8859_1);
        final Message m = new Message(text, true); // checks BodyLength and CheckSum
        assertEquals("8", m.getHeader().getString(35));
        assertEquals("BUTB", m.getHeader().getString(49));
        assertEquals("TRADER-A", m.getHeader().getString(56));
        assertEquals(1234, m.getHeader().getInt(34));
        assertEquals("20240301-10:00:00.123", m.getHeader().getString(52));
        assertEquals("X1", m.getString(11));
        assertEquals("-25", m.getString(151));
        assertEquals("a text", m.getString(58));
        assertTrue(text.startsWith("8=FIX.4.4\u00019="), text);
    }

    @Test
    void writesFixedPointNumbersWithAllTheirDecimals()
    {
        final FixEncoder e = new FixEncoder(64);
        e.begin("8", BUTB, TRADER, 1, 0).decimal(44, 1500, 3).decimal(38, 5, 3).decimal(151, -2, 0)
            .decimal(14, -250, 2).decimal(6, 0, 2).finish();
        final FixDecoder d = new FixDecoder();
        assertTrue(d.wrap(e.buffer(), e.start(), e.length()), d.problem());
        assertEquals("1.500", d.string(44));
        assertEquals("0.005", d.string(38));
        assertEquals("-2", d.string(151));
        assertEquals("-2.50", d.string(14));
        assertEquals("0.00", d.string(6));
    }

    @Test
    void theDecoderReadsWhatTheEncoderWroteAfterTheBufferGrew()
    {
        final FixEncoder e = new FixEncoder(16);
        final String longText = "y".repeat(5_000);
        e.begin("0", BUTB, TRADER, 1, 0).field(58, longText).finish();
        final FixDecoder d = new FixDecoder();
        assertTrue(d.wrap(e.buffer(), e.start(), e.length()), d.problem());
        assertEquals(longText, d.string(58));
        assertEquals("19700101-00:00:00.000", d.string(52));
    }

    /**
     * Seeded: timestamps written agree with java.time across the years, and read back where their nanoseconds fit a
     * long (else they are not timestamps).
     */
    @Test
    void timestampsAgreeWithJavaTime()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final DateTimeFormatter millis = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS");
        final byte[] out = new byte[32];
        for (int i = 0; i < 10_000; i++)
        {
            final long epochMillis = random.nextLong() % 253_402_300_799_000L; // up to 9999-12-31
            final long value = epochMillis < -62_135_596_800_000L ? -epochMillis : epochMillis; // from year 1
            final String expected = LocalDateTime.ofInstant(Instant.ofEpochMilli(value), ZoneOffset.UTC)
                .format(millis);
            final int end = UtcTimestamps.write(out, 0, value);
            assertEquals(expected, new String(out, 0, end, StandardCharsets.US_ASCII), "seed " + seed);
            final int year = Integer.parseInt(expected.substring(0, 4));
            final boolean fits = year >= 1678 && year <= 2261; // nanoseconds since the epoch in a long
            assertEquals(fits ? value * 1_000_000L : UtcTimestamps.INVALID, UtcTimestamps.parseNanos(out, 0, end),
                "seed " + seed);
        }
    }

    @Test
    void readsFractionsOfAnyPrecisionAndRefusesBadTimestamps()
    {
        assertEquals(1_709_287_200_000_000_000L, parse("20240301-10:00:00"));
        assertEquals(1_709_287_200_123_456_789L, parse("20240301-10:00:00.123456789"));
        assertEquals(1_709_287_200_100_000_000L, parse("20240301-10:00:00.1"));
        assertEquals(UtcTimestamps.INVALID, parse("20240230-10:00:00"));
        assertEquals(UtcTimestamps.INVALID, parse("20240301-24:00:00"));
        assertEquals(UtcTimestamps.INVALID, parse("20240301 10:00:00"));
        assertEquals(UtcTimestamps.INVALID, parse("20240301-10:00:00."));
        assertEquals(UtcTimestamps.INVALID, parse("2024030-10:00:00.1"));
    }

    /**
     * Seeded: random messages (tags from 1 to 20,000, whole numbers over the whole long range, fixed-point numbers of
     * scale 0 to 18, text and char fields, timestamps that stay in one second, cross seconds or jump years) are
     * written byte for byte as a plain string encoder writes them, BodyLength and CheckSum included.
     */
    @Test
    void writesRandomMessagesAsAPlainStringEncoderDoes()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final FixEncoder e = new FixEncoder(16);
        long time = 1_709_287_200_000L;
        for (int m = 0; m < 5_000; m++)
        {
            final int seq = random.nextInt(Integer.MAX_VALUE);
            time = nextTime(random, time);
            final StringBuilder body = new StringBuilder("35=8\u000149=BUTB\u000156=TRADER-A\u000134=" + seq +
                "\u000152=" + utc(time) + "\u0001");
            e.begin("8", BUTB, TRADER, seq, time);
            for (int f = random.nextInt(30); f > 0; f--)
            {
                final int tag = random.nextInt(4) == 0 ? 1 + random.nextInt(20_000) : 1 + random.nextInt(999);
                switch (random.nextInt(5))
                {
                    case 0 ->
                    {
                        final long v = randomLong(random);
                        e.field(tag, v);
                        body.append(tag).append('=').append(v);
                    }
                    case 1 ->
                    {
                        final long v = randomLong(random);
                        final int scale = random.nextInt(19);
                        e.decimal(tag, v, scale);
                        body.append(tag).append('=').append(BigDecimal.valueOf(v, scale).toPlainString());
                    }
                    case 2 ->
                    {
                        final String v = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                        e.field(tag, v);
                        body.append(tag).append('=').append(v);
                    }
                    case 3 ->
                    {
                        final char v = (char)('!' + random.nextInt(94));
                        e.field(tag, v);
                        body.append(tag).append('=').append(v);
                    }
                    default ->
                    {
                        time = nextTime(random, time);
                        e.timestamp(tag, time);
                        body.append(tag).append('=').append(utc(time));
                    }
                }
                body.append('\u0001');
            }
            e.finish();
            final String expected = "8=FIX.4.4\u00019=" + body.length() + "\u0001" + body;
            final String written = new String(e.buffer(), e.start(), e.length(), StandardCharsets.ISO_8859_1);
            assertEquals(expected + "10=" + String.format("%03d", checkSum(expected)) + "\u0001", written,
                "seed " + seed + ", message " + m);
        }
    }

    private static long nextTime(final Random random, final long time)
    {
        return switch (random.nextInt(10))
        {
            case 0 -> Math.floorMod(random.nextLong(), 253_402_300_799_000L); // any year from 1970 to 9999
            case 1, 2 -> time + random.nextInt(5_000);
            default -> time + random.nextInt(3);
        };
    }

    private static long randomLong(final Random random)
    {
        return switch (random.nextInt(4))
        {
            case 0 -> Math.max(Long.MIN_VALUE + 1, random.nextLong()); // the encoders refuse MIN_VALUE
            case 1 -> random.nextInt(100) - 50;
            case 2 -> (long)Math.pow(10, random.nextInt(19)) - random.nextInt(2);
            default -> random.nextInt();
        };
    }

    private static String utc(final long epochMillis)
    {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS"));
    }

    private static int checkSum(final String text)
    {
        int sum = 0;
        for (final byte b : text.getBytes(StandardCharsets.ISO_8859_1))
        {
            sum += b & 0xFF;
        }
        return sum & 0xFF;
    }

    private static long parse(final String text)
    {
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return UtcTimestamps.parseNanos(b, 0, b.length);
    }
}
