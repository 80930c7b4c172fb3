package by.butb.sim.replay;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockWriterTest
{
    @Test
    void writesEveryBlockInTheOrderHandedOverAndClosesTheStream() throws IOException
    {
        final long seed = 20_261_205L;
        final SplittableRandom random = new SplittableRandom(seed);
        final ClosingBytes out = new ClosingBytes();
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        final BlockWriter writer = new BlockWriter("test", out, 64);
        byte[] block = writer.first();
        for (int n = 0; n < 5_000; n++)
        {
            final int length = random.nextInt(block.length + 1);
            if (random.nextInt(100) == 0)
            {
                block = new byte[block.length * 2];
            }
            for (int i = 0; i < length; i++)
            {
                block[i] = (byte)random.nextInt();
            }
            expected.write(block, 0, length);
            block = writer.swap(block, length);
            if (n % 1_000 == 999)
            {
                writer.flush();
                assertEquals(expected.size(), out.size(), "seed " + seed + ": bytes written after a flush");
            }
        }
        writer.close();
        assertArrayEquals(expected.toByteArray(), out.toByteArray(), "seed " + seed);
        assertTrue(out.closed);
    }

    @Test
    void aFailedWriteIsThrownToTheFillingThreadAndNothingAfterItIsWritten() throws IOException
    {
        final ClosingBytes out = new ClosingBytes();
        out.failAfter = 2;
        final BlockWriter writer = new BlockWriter("test", out, 8);
        byte[] block = writer.first();
        IOException failure = null;
        for (int n = 0; n < 100 && failure == null; n++)
        {
            Arrays.fill(block, (byte)('a' + n));
            try
            {
                block = writer.swap(block, block.length);
            }
            catch (final IOException ex)
            {
                failure = ex;
            }
        }
        if (failure == null)
        {
            failure = assertThrows(IOException.class, writer::flush);
        }
        assertEquals("disk full", failure.getMessage());
        assertEquals("disk full", assertThrows(IOException.class, writer::close).getMessage());
        assertEquals("aaaaaaaabbbbbbbb", out.toString());
        assertTrue(out.closed);
    }

    /** Keeps what is written; fails every write after the first {@link #failAfter}. */
    private static final class ClosingBytes extends OutputStream
    {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int failAfter = Integer.MAX_VALUE;
        private volatile boolean closed;

        @Override
        public void write(final int b)
        {
            bytes.write(b);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException
        {
            if (failAfter-- <= 0)
            {
                throw new IOException("disk full");
            }
            bytes.write(b, off, len);
        }

        @Override
        public void close()
        {
            closed = true;
        }

        int size()
        {
            return bytes.size();
        }

        byte[] toByteArray()
        {
            return bytes.toByteArray();
        }

        @Override
        public String toString()
        {
            return bytes.toString();
        }
    }
}
