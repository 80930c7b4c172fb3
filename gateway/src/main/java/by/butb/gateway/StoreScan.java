package by.butb.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * What opening a {@link NativeSessionStore} file reads of its records: indexes them, and mends what a crash can leave.
 * A torn last record (kill -9 while appending) is cut off, and so is a tail of zeros (a machine crash after the file
 * grew but before its bytes reached the disk); records numbered at or past the header's next sender number (the
 * records reached the disk, the header's page did not) raise that number past them, so that no stored message's
 * number is used again. Anything else malformed is refused, one line naming the file and the byte.
 */
final class StoreScan
{
    private static final Logger LOG = LoggerFactory.getLogger(StoreScan.class);
    private static final int RECORD_HEADER = NativeSessionStore.RECORD_HEADER;
    /**
     * Records numbered further than this past the header's next sender number are not a stale header (a page that
     * did not reach the disk) but a corrupt file.
     */
    private static final int MAX_AHEAD = 1 << 24;
    /** Longer than any message the gateway sends: a record claiming more is corrupt. */
    private static final int MAX_MESSAGE = 1 << 24;

    private StoreScan()
    {
    }

    /**
     * Reads {@code file}'s records from byte {@code from} on into {@code index}, mending what a crash left (through
     * {@code raiseSenderSeq} for the header's next sender number, read by {@code nextSenderSeq}), and returns where
     * the next record goes. An IllegalArgumentException refuses a malformed file.
     */
    static long scan(final FileChannel channel, final Path file, final long from, final RecordIndex index,
        final IntSupplier nextSenderSeq, final IntConsumer raiseSenderSeq) throws IOException
    {
        final ByteBuffer recordHeader = ByteBuffer.allocate(RECORD_HEADER);
        final long size = channel.size();
        long at = from;
        int previous = 0;
        while (at + RECORD_HEADER <= size)
        {
            recordHeader.clear();
            StoreFiles.readFully(channel, recordHeader, at);
            final int seq = recordHeader.getInt(0);
            final int length = recordHeader.getInt(4);
            final boolean malformed = seq <= previous || length < 1 || length > MAX_MESSAGE;
            if (malformed && zeroTailWithin(channel, recordHeader, at, size))
            {
                LOG.warn("FIX store {}: cutting off {} bytes that end in zeros after its last record (a machine " +
                    "crash?)", file, size - at);
                break;
            }
            if (malformed)
            {
                throw NativeSessionStore.corrupt(file, "has a malformed record at byte " + at + " (MsgSeqNum " + seq +
                    ", length " + length + ")");
            }
            if (seq >= Integer.MAX_VALUE - 1 || seq - (long)nextSenderSeq.getAsInt() > MAX_AHEAD)
            {
                throw NativeSessionStore.corrupt(file, "has a record at byte " + at + " numbered " + seq + ", far " +
                    "past the next sender MsgSeqNum of its header (" + nextSenderSeq.getAsInt() + ")");
            }
            if (at + RECORD_HEADER + length > size)
            {
                break;
            }
            index.add(seq, at);
            previous = seq;
            at += RECORD_HEADER + length;
        }
        if (at < size)
        {
            channel.truncate(at);
        }
        if (previous >= nextSenderSeq.getAsInt())
        {
            LOG.warn("FIX store {}: its header's next sender MsgSeqNum {} is behind its stored message {} (a crash " +
                "between keeping a message and counting it, or a machine crash): raised to {}", file,
                nextSenderSeq.getAsInt(), previous, previous + 1);
            raiseSenderSeq.accept(previous + 1);
        }
        return at;
    }

    /**
     * Whether the file is all zeros from some byte of the record header read at {@code at} ({@code recordHeader})
     * on: what a machine crash leaves when the file grew but its last bytes never reached the disk, from wherever
     * the lost page began.
     */
    private static boolean zeroTailWithin(final FileChannel channel, final ByteBuffer recordHeader, final long at,
        final long size) throws IOException
    {
        int firstZero = RECORD_HEADER;
        while (firstZero > 0 && recordHeader.get(firstZero - 1) == 0)
        {
            firstZero--;
        }
        return firstZero < RECORD_HEADER && StoreFiles.zerosFrom(channel, at + RECORD_HEADER, size);
    }
}
