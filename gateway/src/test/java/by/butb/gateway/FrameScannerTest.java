package by.butb.gateway;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameScannerTest
{
    private static ByteBuffer bytes(final String text)
    {
        return ByteBuffer.wrap(text.replace('|', '\u0001').getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String message(final int bodyBytes)
    {
        final String body = "35=D|" + "x".repeat(bodyBytes - 6) + "|";
        return RawFix.frame("FIX.4.4", body).replace(RawFix.SOH, '|');
    }

    /**
     * Seeded: random streams of messages, headers with any BodyLength (up to 11 digits, FIX and FIXT), header-like
     * text, '=' and SOH in bulk and random bytes, scanned before and after logon, get the same answer cut into random
     * slices as one byte at a time (where every earlier byte a header check reads comes from the scanner's window,
     * while in a larger slice most come from the slice): the same first problem, in the slice that holds the byte
     * at which the byte-at-a-time scan found it (before logon, a slice that passes the byte count says so first), or
     * none.
     */
    @Test
    void answersInAnySlicingAsOneByteAtATime()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        int problems = 0;
        for (int n = 0; n < 3_000; n++)
        {
            final byte[] stream = randomStream(random);
            final int logonLimit = 64 + random.nextInt(512);
            final int messageLimit = 256 + random.nextInt(8_192);
            final int logonAt = random.nextInt(stream.length + 1);
            final FrameScanner byByte = new FrameScanner(logonLimit, messageLimit);
            String expected = null;
            int problemAt = stream.length;
            for (int i = 0; i < stream.length && expected == null; i++)
            {
                expected = byByte.scan(stream, i, i + 1, i >= logonAt);
                problemAt = i;
            }
            final FrameScanner sliced = new FrameScanner(logonLimit, messageLimit);
            String found = null;
            int at = 0;
            int end = 0;
            while (found == null && at < stream.length)
            {
                end = Math.min(stream.length, at + 1 + random.nextInt(random.nextBoolean() ? 20 : 600));
                if (at < logonAt && logonAt < end)
                {
                    end = logonAt; // a slice is scanned as logged on or not as a whole
                }
                found = sliced.scan(stream, at, end, at >= logonAt);
                at = found == null ? end : at;
            }
            final String where = "seed " + seed + ", stream " + n + ", slice " + at + "-" + end;
            if (found != null && found.equals("more than " + logonLimit + " bytes before logon"))
            {
                assertNotNull(expected, where); // counted per slice: a larger one may pass the count first
            }
            else
            {
                assertEquals(expected, found, where);
            }
            if (expected != null)
            {
                assertTrue(at <= problemAt && problemAt < end, "found at byte " + problemAt + ", " + where);
                problems++;
            }
        }
        assertTrue(problems > 300, "the streams find problems too: " + problems + ", seed " + seed);
    }

    private static byte[] randomStream(final Random random)
    {
        final StringBuilder text = new StringBuilder();
        for (int part = random.nextInt(12); part >= 0; part--)
        {
            switch (random.nextInt(7))
            {
                case 0 -> text.append(message(6 + random.nextInt(400)));
                case 1 -> text.append(random.nextBoolean() ? "8=FIX.4.4|9=" : "8=FIXT.1.1|9=")
                    .append((long)Math.pow(10, random.nextInt(11)) + random.nextInt(9))
                    .append(random.nextBoolean() ? "|" : "x");
                case 2 -> text.append(random.nextBoolean() ? "8=FIX.x.y|9=" : "8=FIXt.1.1|9=")
                    .append(random.nextInt(5_000));
                case 3 -> text.append("=|9=".repeat(1 + random.nextInt(5))).append("8=FIX");
                case 4 -> text.append("|9=").append(random.nextInt(100)).append("|10=000|");
                case 5 -> text.append(".".repeat(random.nextInt(3))).append("=9|");
                default ->
                {
                    for (int i = random.nextInt(64); i > 0; i--)
                    {
                        text.append((char)random.nextInt(256));
                    }
                }
            }
        }
        return text.toString().replace('|', '\u0001').getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void wellFramedMessagesWithinTheLimitPassInAnySlicing()
    {
        final String stream = message(100) + message(3_000) + message(50);
        for (final int slice : new int[] {1, 2, 7, 64, 1_000, stream.length()})
        {
            final FrameScanner scanner = new FrameScanner(256, 4_096);
            for (int i = 0; i < stream.length(); i += slice)
            {
                final ByteBuffer in = bytes(stream.substring(i, Math.min(stream.length(), i + slice)));
                assertNull(scanner.scan(in, true), "slice " + slice + " at " + i);
                assertEquals(0, in.position(), "the scanner does not consume");
            }
        }
    }

    @Test
    void aLargerMessageIsRefusedAtItsBodyLengthWhateverFollows()
    {
        final FrameScanner scanner = new FrameScanner(256, 4_096);
        assertNull(scanner.scan(bytes(message(100)), true));
        final String problem = scanner.scan(bytes("8=FIX.4.4|9=999999999|"), true);
        assertNotNull(problem);
        assertTrue(problem.contains("BodyLength(9)=999999999"), problem);
        assertNotNull(new FrameScanner(256, 4_096).scan(bytes("8=FIX.4.4|9=4080|"), true), "header counts");
        assertNull(new FrameScanner(256, 4_096).scan(bytes("8=FIX.4.4|9=4070|"), true));
        assertNotNull(new FrameScanner(256, 4_096).scan(bytes("8=FIX.4.4|9=1234567890"), true), "too many digits");
    }

    @Test
    void beforeLogonFramesAndAllBytesTogetherAreBoundedByTheLogonLimit()
    {
        assertNotNull(new FrameScanner(256, 4_096).scan(bytes("8=FIX.4.4|9=300|"), false));
        final FrameScanner scanner = new FrameScanner(256, 4_096);
        assertNull(scanner.scan(bytes(message(150)), false));
        assertNotNull(scanner.scan(bytes(message(150)), false), "more than 256 bytes in all before logon");
        final FrameScanner later = new FrameScanner(256, 4_096);
        assertNull(later.scan(bytes(message(100)), false));
        assertNull(later.scan(bytes(message(3_000)), true), "logged on: the message limit applies");
        assertNull(later.scan(bytes(message(3_000)), false), "and keeps applying");
    }

    @Test
    void textThatIsNotAHeaderIsLeftToTheDecoder()
    {
        final FrameScanner scanner = new FrameScanner(256, 4_096);
        assertNull(scanner.scan(bytes("garbage 8=FOO 9=12 8=FIX.4.4|zz| 8=FIX.4.4 9=x|" + message(100) +
            "8=FIX|9=99999|8=FIX.4.44|9=99999|"), true));
        assertNotNull(scanner.scan(bytes("8=FIX.4.4|9=5000|"), true), "and headers after it are still checked");
    }

    @Test
    void aHeaderWhoseBodyLengthIsNotANumberIsRefusedInsteadOfLeftToTheDecoder()
    {
        for (final String length : new String[] {"-1", "x", "", "12x", " 12", "+5"})
        {
            for (final boolean loggedOn : new boolean[] {false, true})
            {
                assertEquals("BodyLength(9) is not a number (1 to 9 digits, then SOH)",
                    new FrameScanner(256, 4_096).scan(bytes("8=FIX.4.4|9=" + length + "|" + "A".repeat(100)),
                        loggedOn), "9=" + length + (loggedOn ? " after logon" : " before logon"));
            }
        }
    }

    @Test
    void everyHeaderIsCheckedEvenInsideWhatAnEarlierBodyLengthAnnounced()
    {
        // The decoder looks for the next header right after a message whose trailer is not where its BodyLength
        // says: a header there must be checked whatever the scanner made of the earlier BodyLength.
        final String body = "35=0|34=2|49=TRADER-B|56=BUTB|";
        final String overstated = "8=FIX.4.4|9=" + (body.length() + 2) + "|" + body + "zzQ";
        for (final String attack : new String[] {"8=FIX.4.4|9=999999999|", "8=FIXT.1.1|9=999999999|",
            "8=FIXt.1.1|9=5000|"})
        {
            final String stream = overstated + attack;
            for (final int slice : new int[] {1, 3, stream.length()})
            {
                final FrameScanner scanner = new FrameScanner(256, 4_096);
                String problem = null;
                for (int i = 0; i < stream.length() && problem == null; i += slice)
                {
                    problem = scanner.scan(bytes(stream.substring(i, Math.min(stream.length(), i + slice))), true);
                }
                assertNotNull(problem, attack + " in slices of " + slice);
            }
        }
        final FrameScanner inBody = new FrameScanner(256, 4_096);
        assertNotNull(inBody.scan(bytes("8=FIX.4.4|9=60|35=0|" + "8=FIX.4.4|9=999999|"), true));
    }

    @Test
    void aHeaderSplitAcrossReadsIsStillFound()
    {
        final String header = "8=FIX.4.4|9=999999|";
        for (int cut = 1; cut < header.length(); cut++)
        {
            final FrameScanner scanner = new FrameScanner(256, 4_096);
            assertNull(scanner.scan(bytes("xx" + header.substring(0, cut)), true));
            assertNotNull(scanner.scan(bytes(header.substring(cut)), true), "cut at " + cut);
        }
    }
}
