package by.butb.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * The bytes a native connection has queued for its socket and not yet written: a ring in a heap array that doubles
 * as needed, up to the bound. A peer that reads slowly must not make the connection's I/O thread, or the sending
 * thread that appends for every session, slow for the other sessions, so no step costs more than what it adds or
 * writes:
 * <ul>
 * <li>each write hands the channel at most {@link #WRITE_SLICE} bytes (the JDK copies what it is handed into a
 * direct buffer, so handing it a backlog of tens of MB cost that copy on every flush);</li>
 * <li>queued bytes stay where they are until written; they are copied only when the ring doubles, which happens at
 * most about log2(bound / initial size) times.</li>
 * </ul>
 * Not thread-safe: its connection's lock guards it.
 */
final class OutboundBytes
{
    /** The most bytes one {@link WritableByteChannel#write} call is handed. */
    static final int WRITE_SLICE = 64 * 1024;
    /** The largest array the JVM allocates everywhere. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int maxPending;
    private byte[] bytes;
    private ByteBuffer view;
    /** The first byte not yet written, and how many are queued from there (wrapping around the array's end). */
    private int head;
    private int size;
    private long moved;

    /**
     * @param initial    the ring's first size in bytes.
     * @param maxPending the most bytes that may wait to be written ({@link #append} refuses beyond); 0 or less, or
     *                   beyond the largest array: the largest array.
     */
    OutboundBytes(final int initial, final long maxPending)
    {
        this.maxPending = maxPending <= 0 || maxPending > MAX_ARRAY ? MAX_ARRAY : (int)maxPending;
        this.bytes = new byte[Math.min(initial, this.maxPending)];
        this.view = ByteBuffer.wrap(bytes);
    }

    /** Bytes queued and not yet written. */
    int pending()
    {
        return size;
    }

    /**
     * Queues {@code length} bytes of {@code src} from {@code offset}.
     *
     * @return false, queueing nothing, when more than the bound would then wait.
     */
    boolean append(final byte[] src, final int offset, final int length)
    {
        if ((long)size + length > maxPending)
        {
            return false;
        }
        if (size + length > bytes.length)
        {
            grow(size + length);
        }
        final int tail = (int)(((long)head + size) % bytes.length);
        final int first = Math.min(length, bytes.length - tail);
        System.arraycopy(src, offset, bytes, tail, first);
        System.arraycopy(src, offset + first, bytes, 0, length - first);
        size += length;
        return true;
    }

    /**
     * Writes what {@code channel} takes now, a slice at a time, until it takes less than it is handed.
     *
     * @return the bytes still pending.
     * @throws IOException from the channel; what was not written stays queued.
     */
    int writeTo(final WritableByteChannel channel) throws IOException
    {
        while (size > 0)
        {
            final int slice = Math.min(Math.min(size, WRITE_SLICE), bytes.length - head);
            view.limit(head + slice).position(head);
            final int written = channel.write(view);
            size -= written;
            head = size == 0 || head + written == bytes.length ? 0 : head + written;
            if (written < slice)
            {
                break;
            }
        }
        return size;
    }

    /** Drops what is queued. */
    void clear()
    {
        head = 0;
        size = 0;
    }

    /** Bytes copied so far to grow the ring; for tests. */
    long moved()
    {
        return moved;
    }

    private void grow(final int needed)
    {
        final byte[] bigger = new byte[(int)Math.min(maxPending, Math.max(needed, 2L * bytes.length))];
        final int first = Math.min(size, bytes.length - head);
        System.arraycopy(bytes, head, bigger, 0, first);
        System.arraycopy(bytes, 0, bigger, first, size - first);
        moved += size;
        bytes = bigger;
        view = ByteBuffer.wrap(bigger);
        head = 0;
    }
}
