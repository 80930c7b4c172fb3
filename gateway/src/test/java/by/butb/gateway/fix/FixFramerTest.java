package by.butb.gateway.fix;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FixFramerTest
{
    private static int frame(final byte[] in, final int offset)
    {
        return FixFramer.frame(in, offset, in.length - offset);
    }

    @Test
    void findsWholeFramesAndWaitsForPartialOnes()
    {
        final byte[] one = FixDecoderTest.frame("35=0|49=A|56=B|34=1|");
        final byte[] two = new byte[one.length * 2];
        System.arraycopy(one, 0, two, 0, one.length);
        System.arraycopy(one, 0, two, one.length, one.length);
        assertEquals(one.length, frame(two, 0));
        assertEquals(one.length, frame(two, one.length));
        for (int cut = 1; cut < one.length; cut++)
        {
            assertEquals(0, FixFramer.frame(one, 0, cut), "cut at " + cut);
        }
    }

    @Test
    void skipsGarbageToTheNextHeader()
    {
        final byte[] m = FixDecoderTest.frame("35=0|49=A|56=B|34=1|");
        final byte[] in = ("garbage8=FI" + new String(m, StandardCharsets.ISO_8859_1))
            .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(-11, frame(in, 0), "'8=FI' followed by more is no header: skipped too");
        assertEquals(m.length, frame(in, 11));
        assertEquals(-3, frame("xyz".getBytes(StandardCharsets.US_ASCII), 0));
        assertEquals(0, frame("8=FI".getBytes(StandardCharsets.US_ASCII), 0), "may still become a header");
        assertEquals(-14, frame("8=FIX.4.4\u00019=x\u0001".getBytes(StandardCharsets.US_ASCII), 0), "no BodyLength");
    }
}
