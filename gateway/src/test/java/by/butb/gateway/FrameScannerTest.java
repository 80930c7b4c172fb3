package by.butb.gateway;

import org.apache.mina.core.buffer.IoBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameScannerTest
{
    private static IoBuffer bytes(final String text)
    {
        return IoBuffer.wrap(text.replace('|', '\u0001').getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String message(final int bodyBytes)
    {
        final String body = "35=D|" + "x".repeat(bodyBytes - 6) + "|";
        return RawFix.frame("FIX.4.4", body).replace(RawFix.SOH, '|');
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
                final IoBuffer in = bytes(stream.substring(i, Math.min(stream.length(), i + slice)));
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
    void garbageBetweenMessagesIsSkippedLikeTheDecoderSkipsIt()
    {
        final FrameScanner scanner = new FrameScanner(256, 4_096);
        assertNull(scanner.scan(bytes("garbage 8=FOO 9=12 8=FIX.4.4|zz|" + message(100) + "8=FIX.4.4|9=x|"), true));
        // a BodyLength that understates the body leaves the rest to be skipped up to the next frame start
        final String shortLength = message(200).replaceFirst("\\|9=\\d+\\|", "|9=7|");
        assertNull(scanner.scan(bytes(shortLength + message(100)), true));
        assertNotNull(scanner.scan(bytes("8=FIX.4.4|9=5000|"), true));
    }
}
