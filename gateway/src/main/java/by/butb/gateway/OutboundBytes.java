package by.butb.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * The bytes a native connection has queued for its socket and not yet written, in one growable heap buffer:
 * appended at the end, written from the front. A peer that reads slowly must not make the connection's I/O thread
 * slow for the other sessions it serves, so no step costs more than what it adds or writes:
 * <ul>
 * <li>each write hands the channel at most {@link #WRITE_SLICE} bytes (the JDK copies what it is handed into a
 * direct buffer, so handing it a backlog of tens of MB cost that copy on every flush);</li>
 * <li>the written front is reclaimed only when an append needs the room and the front is at least as large as what
 * is still pending (or the buffer is at its bound), so that bytes are moved about once per byte written; otherwise
 * the buffer doubles, up to the bound.</li>
 * </ul>
 * Not thread-safe: its connection's lock guards it.
 */
final class OutboundBytes
{
    /** The most bytes one {@link WritableByteChannel#write} call is handed. */
    static final int WRITE_SLICE = 64 * 1024;

    private final long maxPending;
    private byte[] bytes;
    private ByteBuffer view;
    /** The first byte not yet written, and the end of what is queued. */
    private int start;
    private int end;
    private long moved;

    /**
     * @param initial    the buffer's first size in bytes.
     * @param maxPending the most bytes that may wait to be written; {@link #append} refuses beyond.
     */
    OutboundBytes(final int initial, final long maxPending)
    {
        this.maxPending = maxPending;
        this.bytes = new byte[initial];
        this.view = ByteBuffer.wrap(bytes);
    }

    /** Bytes queued and not yet written. */
    int pending()
    {
        return end - start;
    }

    /**
     * Queues {@code length} bytes of {@code src} from {@code offset}.
     *
     * @return false, queueing nothing, when more than {@code maxPending} bytes would then wait.
     */
    boolean append(final byte[] src, final int offset, final int length)
    {
        final int pending = pending();
        if ((long)pending + length > maxPending)
        {
            return false;
        }
        if (bytes.length - end < length)
        {
            final boolean atBound = bytes.length >= maxPending;
            if ((start >= pending || atBound) && bytes.length - pending >= length)
            {
                System.arraycopy(bytes, start, bytes, 0, pending);
                moved += pending;
            }
            else
            {
                final byte[] bigger = new byte[(int)Math.min(maxPending,
                    Math.max((long)pending + length, 2L * bytes.length))];
                System.arraycopy(bytes, start, bigger, 0, pending);
                moved += pending;
                bytes = bigger;
                view = ByteBuffer.wrap(bigger);
            }
            start = 0;
            end = pending;
        }
        System.arraycopy(src, offset, bytes, end, length);
        end += length;
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
        while (start < end)
        {
            view.limit(Math.min(end, start + WRITE_SLICE)).position(start);
            start += channel.write(view);
            if (view.hasRemaining())
            {
                break;
            }
        }
        if (start == end)
        {
            start = 0;
            end = 0;
        }
        return end - start;
    }

    /** Drops what is queued. */
    void clear()
    {
        start = 0;
        end = 0;
    }

    /** Bytes moved so far to make room (reclaiming the front, growing); for tests. */
    long moved()
    {
        return moved;
    }
}
