package by.butb.engine.journal;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VarIntsTest
{
    @Test
    void shouldWriteTheSameBytesAsTheBytewiseEncoderAtEveryLengthAndBoundary()
    {
        for (int bits = 0; bits <= 64; bits++)
        {
            final long top = bits == 64 ? -1L : (1L << bits) - 1;
            assertSameAsBytewise(top);
            assertSameAsBytewise(top + 1);
            assertSameAsBytewise(top >>> 1);
        }
        final SplittableRandom values = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++)
        {
            assertSameAsBytewise(values.nextLong() >>> values.nextInt(64));
        }
        assertSameAsBytewise(Long.MAX_VALUE);
        assertSameAsBytewise(Long.MIN_VALUE);
    }

    @Test
    void shouldWriteByteByByteNearTheEndOfTheBufferWithoutTouchingOtherBytes()
    {
        for (int room = 1; room <= 10; room++)
        {
            final byte[] buffer = new byte[20];
            Arrays.fill(buffer, (byte)0x55);
            final int position = buffer.length - room;
            final long value = room == 1 ? 0x7F : room == 10 ? -1L : 1L << (7 * room - 1);
            final int end = VarInts.putUnsigned(buffer, position, value);
            assertEquals(buffer.length, end, "a " + room + "-byte varint fills the last " + room + " bytes");
            for (int i = 0; i < position; i++)
            {
                assertEquals((byte)0x55, buffer[i], "byte " + i + " before the varint is untouched");
            }
        }
    }

    @Test
    void shouldReadBackWhatItWrote()
    {
        final byte[] buffer = new byte[64];
        final long[] values = {0, 1, -1, 63, -64, 64, 1L << 40, -(1L << 55), Long.MAX_VALUE, Long.MIN_VALUE};
        int p = 0;
        for (final long v : values)
        {
            p = VarInts.putSigned(buffer, p, v);
        }
        final EntryReader in = new EntryReader("test");
        in.start(buffer, p, 0);
        for (final long v : values)
        {
            assertEquals(v, in.readSigned());
        }
        assertEquals(false, in.hasMore());
    }

    private static void assertSameAsBytewise(final long value)
    {
        for (final int position : new int[] {0, 3})
        {
            final byte[] fast = new byte[32];
            final byte[] slow = new byte[32];
            final int fastEnd = VarInts.putUnsigned(fast, position, value);
            final int slowEnd = VarInts.putUnsignedBytewise(slow, position, value);
            assertEquals(slowEnd, fastEnd, "length of " + Long.toUnsignedString(value));
            assertArrayEquals(Arrays.copyOf(slow, slowEnd), Arrays.copyOf(fast, fastEnd),
                "bytes of " + Long.toUnsignedString(value));
        }
    }
}
