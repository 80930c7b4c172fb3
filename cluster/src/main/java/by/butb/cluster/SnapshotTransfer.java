package by.butb.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Moves a service snapshot (a byte array of any size) through Aeron Cluster's snapshot publication and back: a
 * first message with the total length (long), then the bytes in chunks of at most {@link #CHUNK} bytes. Runs on the
 * service thread; blocks (idling) until every chunk is offered or read.
 */
final class SnapshotTransfer
{
    static final int CHUNK = 64 * 1024;

    private SnapshotTransfer()
    {
    }

    static void write(final byte[] bytes, final int length, final ExclusivePublication publication,
        final IdleStrategy idle)
    {
        final UnsafeBuffer head = new UnsafeBuffer(new byte[Long.BYTES]);
        head.putLong(0, length, Protocol.ORDER);
        offer(publication, head, 0, Long.BYTES, idle);
        final UnsafeBuffer body = new UnsafeBuffer(bytes);
        for (int offset = 0; offset < length; offset += CHUNK)
        {
            offer(publication, body, offset, Math.min(CHUNK, length - offset), idle);
        }
    }

    private static void offer(final ExclusivePublication publication, final UnsafeBuffer buffer, final int offset,
        final int length, final IdleStrategy idle)
    {
        idle.reset();
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.NOT_CONNECTED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("snapshot publication refused a chunk (code " + result + ")");
            }
            idle.idle();
        }
    }

    /** Reads a whole snapshot written by {@link #write}; throws when the image ends before it is complete. */
    static byte[] read(final Image image, final IdleStrategy idle)
    {
        final Reader reader = new Reader();
        final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
        {
            if (reader.bytes == null)
            {
                reader.bytes = new byte[Math.toIntExact(buffer.getLong(offset, Protocol.ORDER))];
            }
            else
            {
                buffer.getBytes(offset, reader.bytes, reader.filled, length);
                reader.filled += length;
            }
        });
        idle.reset();
        while (reader.bytes == null || reader.filled < reader.bytes.length)
        {
            if (image.isEndOfStream())
            {
                throw new IllegalStateException("the snapshot ended after " + reader.filled + " bytes of " +
                    (reader.bytes == null ? "?" : reader.bytes.length));
            }
            idle.idle(image.poll(assembler, 16));
        }
        return Arrays.copyOf(reader.bytes, reader.filled);
    }

    private static final class Reader
    {
        byte[] bytes;
        int filled;
    }
}
