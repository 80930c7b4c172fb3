package by.butb.gateway;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OutboundBytes}: what a peer that reads slowly costs the threads that write and append for it is bounded per
 * write and per byte, also at the pending bound; the bytes reach the channel in order across wrapping and growing;
 * the bound holds.
 */
class OutboundBytesTest
{
    /** Takes at most {@code perCall} bytes per write and keeps them; notes the most it was handed at once. */
    private static final class SlowChannel implements WritableByteChannel
    {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        int perCall;
        /** Bytes it takes in all until set again; unlimited when negative. */
        int budget = -1;
        int mostHanded;

        SlowChannel(final int perCall)
        {
            this.perCall = perCall;
        }

        @Override
        public int write(final ByteBuffer src)
        {
            mostHanded = Math.max(mostHanded, src.remaining());
            final int n = Math.min(Math.min(perCall, src.remaining()), budget < 0 ? Integer.MAX_VALUE : budget);
            budget -= budget < 0 ? 0 : n;
            for (int i = 0; i < n; i++)
            {
                received.write(src.get());
            }
            return n;
        }

        @Override
        public boolean isOpen()
        {
            return true;
        }

        @Override
        public void close()
        {
        }
    }

    @Test
    void aBacklogOfManyMegabytesIsHandedToTheChannelASliceAtATime() throws Exception
    {
        final OutboundBytes out = new OutboundBytes(16 * 1024, 100L << 20);
        final byte[] message = new byte[300];
        for (int i = 0; i < 40_000; i++)
        {
            assertTrue(out.append(message, 0, message.length));
        }
        final SlowChannel channel = new SlowChannel(4_096);
        for (int i = 0; i < 100; i++)
        {
            out.writeTo(channel);
        }
        assertTrue(channel.mostHanded <= OutboundBytes.WRITE_SLICE, "handed " + channel.mostHanded + " bytes at once");
        assertEquals(40_000 * 300 - 100 * 4_096, out.pending());

        channel.perCall = Integer.MAX_VALUE; // a fast reader drains it all in one call, a slice per write
        assertEquals(0, out.writeTo(channel));
        assertEquals(40_000 * 300, channel.received.size());
    }

    @Test
    void aSteadyBacklogBeforeASlowReaderIsNotMovedOnEveryWrite() throws Exception
    {
        final OutboundBytes out = new OutboundBytes(16 * 1024, 100L << 20);
        final SlowChannel channel = new SlowChannel(4_096);
        final byte[] message = new byte[4_096];
        for (int i = 0; i < 256; i++) // 1 MiB waiting
        {
            out.append(message, 0, message.length);
        }
        final long written = 20_000L * 4_096;
        for (int i = 0; i < 20_000; i++) // one message in, one out: the backlog stays at 1 MiB
        {
            out.append(message, 0, message.length);
            channel.budget = message.length;
            out.writeTo(channel);
        }
        assertEquals(1 << 20, out.pending());
        assertTrue(out.moved() <= 2L << 20, out.moved() + " bytes moved to make room for " + written +
            " written (compacting the backlog at every write would move about 20 GB)");
    }

    @Test
    void aReaderThatKeepsItsBacklogJustUnderTheBoundCostsNoMovingOfTheBacklog() throws Exception
    {
        final int bound = 4 << 20;
        final OutboundBytes out = new OutboundBytes(16 * 1024, bound);
        final byte[] message = new byte[300];
        while (out.append(message, 0, message.length))
        {
            // up to the bound
        }
        final long movedGrowing = out.moved();
        assertTrue(movedGrowing < 2L * bound, movedGrowing + " bytes moved while growing");
        final SlowChannel channel = new SlowChannel(300);
        for (int i = 0; i < 1_000; i++)
        {
            channel.budget = message.length;
            out.writeTo(channel);
            assertTrue(out.append(message, 0, message.length), "room for what was written");
        }
        assertEquals(movedGrowing, out.moved(), "nothing moved at the bound (moving the backlog per append: 4 GB)");
    }

    @Test
    void bytesReachTheChannelInOrderAcrossWrappingAndGrowing() throws Exception
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final OutboundBytes out = new OutboundBytes(64, 1 << 20);
        final SlowChannel channel = new SlowChannel(1);
        final ByteArrayOutputStream appended = new ByteArrayOutputStream();
        int next = 0;
        for (int step = 0; step < 20_000; step++)
        {
            final byte[] chunk = new byte[1 + random.nextInt(random.nextInt(10) == 0 ? 5_000 : 200)];
            for (int i = 0; i < chunk.length; i++)
            {
                chunk[i] = (byte)next++;
            }
            if (out.append(chunk, 0, chunk.length))
            {
                appended.write(chunk, 0, chunk.length);
            }
            channel.perCall = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(3_000);
            out.writeTo(channel);
            assertEquals(appended.size() - channel.received.size(), out.pending(), "seed " + seed + ", step " + step);
        }
        channel.perCall = Integer.MAX_VALUE;
        out.writeTo(channel);
        assertArrayEquals(appended.toByteArray(), channel.received.toByteArray(), "seed " + seed);
    }

    @Test
    void anAppendPastThePendingBoundIsRefusedAndWhatWasQueuedStays() throws Exception
    {
        final OutboundBytes out = new OutboundBytes(16, 1_000);
        final byte[] bytes = new byte[600];
        Arrays.fill(bytes, (byte)7);
        assertTrue(out.append(bytes, 0, 600));
        assertFalse(out.append(bytes, 0, 401), "1,001 bytes would wait");
        assertTrue(out.append(bytes, 0, 400), "1,000 may");
        final SlowChannel channel = new SlowChannel(Integer.MAX_VALUE);
        assertEquals(0, out.writeTo(channel));
        assertEquals(1_000, channel.received.size());
        assertTrue(new OutboundBytes(16, 0).append(new byte[100_000], 0, 100_000), "0: no bound, as for QuickFIX/J");
    }
}
