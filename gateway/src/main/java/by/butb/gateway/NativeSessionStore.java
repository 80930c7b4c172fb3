package by.butb.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One native FIX session's sequence numbers and sent application messages on disk ({@code --fix-store DIR}), in
 * the file {@code DIR/<SenderCompID>-<TargetCompID>.native-fix-session}:
 * <pre>
 *   header, 64 bytes: "BUTB-FIX-SESSION" (16 ASCII bytes), version (int, 1), next sender MsgSeqNum (int),
 *                     next target MsgSeqNum (int), zeros
 *   then one record per sent application message: MsgSeqNum (int), length (int), the message's bytes
 * </pre>
 * (ints big-endian). The header is memory-mapped: a sequence number is written to the file's page the moment it is
 * taken, before the message that carries it is written to the socket (sender) or handed to the engine (target), so a
 * kill -9 of the server never loses one: the sender's never goes back, and a received message is never processed
 * twice (a crash of the machine itself may lose the last numbers, as with QuickFIX/J's file store without
 * FileStoreSync; what such a crash leaves is mended at open where it can be, see {@link #scan}, and a header of zeros
 * is refused by name). A message is appended after its sequence number is taken: a kill -9 between the two leaves a
 * number without its message (a resend of it is a gap fill) and may leave a torn last record, which opening cuts
 * off. The file offsets of the last {@link #MAX_INDEXED} messages are indexed in memory (12 bytes each, at most
 * 768 KiB a session, however long it runs): a resend of an older message is a gap fill, as a resend beyond
 * {@code --stored-messages} is without a store. The sending side ({@link #senderSeq},
 * {@link #append}, {@link #message}, {@link #reset}) runs under the session's lock; {@link #targetSeq} on the I/O
 * thread.
 */
final class NativeSessionStore implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(NativeSessionStore.class);
    static final String SUFFIX = ".native-fix-session";
    private static final byte[] MAGIC = "BUTB-FIX-SESSION".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int VERSION_AT = 16;
    private static final int SENDER_AT = 20;
    private static final int TARGET_AT = 24;
    private static final int HEADER = 64;
    private static final int RECORD_HEADER = 8;
    /**
     * Records numbered further than this past the header's next sender number are not a stale header (a page that
     * did not reach the disk) but a corrupt file.
     */
    private static final int MAX_AHEAD = 1 << 24;
    /** Longer than any message the gateway sends: a record claiming more is corrupt. */
    private static final int MAX_MESSAGE = 1 << 24;

    private final Path file;
    private final FileChannel channel;
    private final MappedByteBuffer header;
    /** How many of the latest messages are indexed for resends: a power of two. */
    static final int MAX_INDEXED = 1 << 16;
    /** File offset of the record of message {@code indexedSeq[seq & (length - 1)]}; a ring, grown up to the cap. */
    private long[] offsets = new long[1024];
    /** The MsgSeqNum of each slot of {@link #offsets}; 0: empty. */
    private int[] indexedSeq = new int[1024];
    private long end;
    private ByteBuffer write = ByteBuffer.allocateDirect(4096);
    private byte[] read = new byte[1024];
    private int readLength;

    private NativeSessionStore(final Path file, final FileChannel channel) throws IOException
    {
        this.file = file;
        this.channel = channel;
        final boolean created = channel.size() == 0;
        if (!created && channel.size() < HEADER)
        {
            throw corrupt("is shorter than its 64-byte header");
        }
        header = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER);
        if (created)
        {
            header.put(0, MAGIC).putInt(VERSION_AT, VERSION).putInt(SENDER_AT, 1).putInt(TARGET_AT, 1);
            end = HEADER;
            return;
        }
        final byte[] magic = new byte[MAGIC.length];
        header.get(0, magic);
        if (isZero(header, 0, HEADER))
        {
            throw corrupt("has a header of zeros, as a crash of the machine can leave it: its sequence numbers are " +
                "lost. Move it away to start this session again at 1 (the counterparty must reset its numbers too)");
        }
        if (!Arrays.equals(magic, MAGIC) || header.getInt(VERSION_AT) != VERSION)
        {
            throw corrupt("is not a native FIX session store (version " + VERSION + "): it does not start with " +
                new String(MAGIC, StandardCharsets.US_ASCII));
        }
        if (header.getInt(SENDER_AT) < 1 || header.getInt(TARGET_AT) < 1)
        {
            throw corrupt("has sequence numbers below 1");
        }
        end = scan();
    }

    /**
     * The store of the session between {@code senderCompId} and {@code targetCompId} in {@code directory}, created
     * when absent. Throws IllegalArgumentException, one line naming the file, for a file that is not such a store.
     */
    static NativeSessionStore open(final Path directory, final String senderCompId, final String targetCompId)
    {
        final Path file = directory.resolve(senderCompId + "-" + targetCompId + SUFFIX);
        FileChannel channel = null;
        try
        {
            Files.createDirectories(directory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            return new NativeSessionStore(file, channel);
        }
        catch (final IOException | RuntimeException ex)
        {
            Closing.quietly(channel);
            if (ex instanceof IllegalArgumentException bad)
            {
                throw bad;
            }
            throw new IllegalArgumentException("cannot open the FIX store " + file + ": " + ex.getMessage(), ex);
        }
    }

    private IllegalArgumentException corrupt(final String problem)
    {
        return new IllegalArgumentException("FIX store " + file + " " + problem);
    }

    /**
     * Indexes the records and returns where the next goes. What a crash can leave is mended: a torn last record
     * (kill -9 while appending) is cut off, and so is a tail of zeros (a machine crash after the file grew but before
     * its bytes reached the disk); records numbered at or past the header's next sender number (the records reached
     * the disk, the header's page did not) raise that number past them, so that no stored message's number is used
     * again.
     */
    private long scan() throws IOException
    {
        final ByteBuffer recordHeader = ByteBuffer.allocate(RECORD_HEADER);
        final long size = channel.size();
        long at = HEADER;
        int previous = 0;
        while (at + RECORD_HEADER <= size)
        {
            recordHeader.clear();
            readFully(recordHeader, at);
            final int seq = recordHeader.getInt(0);
            final int length = recordHeader.getInt(4);
            final boolean malformed = seq <= previous || length < 1 || length > MAX_MESSAGE;
            if (malformed && zeroTailWithin(recordHeader, at, size))
            {
                LOG.warn("FIX store {}: cutting off {} bytes that end in zeros after its last record (a machine " +
                    "crash?)", file, size - at);
                break;
            }
            if (malformed)
            {
                throw corrupt("has a malformed record at byte " + at + " (MsgSeqNum " + seq + ", length " +
                    length + ")");
            }
            if (seq >= Integer.MAX_VALUE - 1 || seq - (long)nextSenderSeq() > MAX_AHEAD)
            {
                throw corrupt("has a record at byte " + at + " numbered " + seq + ", far past the next sender " +
                    "MsgSeqNum of its header (" + nextSenderSeq() + ")");
            }
            if (at + RECORD_HEADER + length > size)
            {
                break;
            }
            index(seq, at);
            previous = seq;
            at += RECORD_HEADER + length;
        }
        if (at < size)
        {
            channel.truncate(at);
        }
        if (previous >= nextSenderSeq())
        {
            LOG.warn("FIX store {}: its header's next sender MsgSeqNum {} is behind its stored message {} (a machine " +
                "crash?): raised to {}", file, nextSenderSeq(), previous, previous + 1);
            senderSeq(previous + 1);
        }
        return at;
    }

    /**
     * Whether the file is all zeros from some byte of the record header read at {@code at} ({@code recordHeader})
     * on: what a machine crash leaves when the file grew but its last bytes never reached the disk, from wherever
     * the lost page began.
     */
    private boolean zeroTailWithin(final ByteBuffer recordHeader, final long at, final long size) throws IOException
    {
        int firstZero = RECORD_HEADER;
        while (firstZero > 0 && recordHeader.get(firstZero - 1) == 0)
        {
            firstZero--;
        }
        return firstZero < RECORD_HEADER && zerosFrom(at + RECORD_HEADER, size);
    }

    /** Whether the file's bytes from {@code from} to {@code size} are all zero. */
    private boolean zerosFrom(final long from, final long size) throws IOException
    {
        final ByteBuffer chunk = ByteBuffer.allocate(65_536);
        for (long at = from; at < size; at += chunk.capacity())
        {
            chunk.clear().limit((int)Math.min(chunk.capacity(), size - at));
            readFully(chunk, at);
            if (!isZero(chunk, 0, chunk.limit()))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(final ByteBuffer bytes, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (bytes.get(i) != 0)
            {
                return false;
            }
        }
        return true;
    }

    private void readFully(final ByteBuffer into, final long at) throws IOException
    {
        long position = at;
        while (into.hasRemaining())
        {
            final int n = channel.read(into, position);
            if (n < 0)
            {
                throw corrupt("ends inside a record at byte " + position);
            }
            position += n;
        }
    }

    private void index(final int seq, final long at)
    {
        if (seq >= offsets.length && offsets.length < MAX_INDEXED)
        {
            grow((int)Math.min(MAX_INDEXED, Long.highestOneBit(seq) << 1));
        }
        final int slot = seq & (offsets.length - 1);
        offsets[slot] = at;
        indexedSeq[slot] = seq;
    }

    private void grow(final int capacity)
    {
        final long[] oldOffsets = offsets;
        final int[] oldSeqs = indexedSeq;
        offsets = new long[capacity];
        indexedSeq = new int[capacity];
        for (int i = 0; i < oldSeqs.length; i++)
        {
            if (oldSeqs[i] != 0)
            {
                offsets[oldSeqs[i] & (capacity - 1)] = oldOffsets[i];
                indexedSeq[oldSeqs[i] & (capacity - 1)] = oldSeqs[i];
            }
        }
    }

    int nextSenderSeq()
    {
        return header.getInt(SENDER_AT);
    }

    int nextTargetSeq()
    {
        return header.getInt(TARGET_AT);
    }

    /** The next sender MsgSeqNum is {@code next}: in the file's mapped page at once. */
    void senderSeq(final int next)
    {
        header.putInt(SENDER_AT, next);
    }

    /** The next target MsgSeqNum is {@code next}: in the file's mapped page at once. */
    void targetSeq(final int next)
    {
        header.putInt(TARGET_AT, next);
    }

    /** Appends the message sent with {@code seq}, {@code bytes[offset, offset + length)}; no object created. */
    void append(final int seq, final byte[] bytes, final int offset, final int length)
    {
        if (write.capacity() < RECORD_HEADER + length)
        {
            write = ByteBuffer.allocateDirect(Integer.highestOneBit(RECORD_HEADER + length) * 2);
        }
        write.clear();
        write.putInt(seq).putInt(length).put(bytes, offset, length).flip();
        try
        {
            long position = end;
            while (write.hasRemaining())
            {
                position += channel.write(write, position);
            }
        }
        catch (final IOException ex)
        {
            LOG.error("cannot append message {} to the FIX store {}: a resend of it will be a gap fill", seq, file,
                ex);
            cutBackTo(end);
            return;
        }
        index(seq, end);
        end += RECORD_HEADER + length;
    }

    /**
     * Cuts off what a failed append may have written, so that a shorter next record cannot leave a part of it behind
     * for the next start to read as a malformed record.
     */
    private void cutBackTo(final long at)
    {
        try
        {
            if (channel.size() > at)
            {
                channel.truncate(at);
            }
        }
        catch (final IOException ex)
        {
            LOG.error("cannot cut the FIX store {} back to byte {} after a failed append", file, at, ex);
        }
    }

    /** The message sent with {@code seq}, or null when not stored; its length is {@link #length}; reused buffer. */
    byte[] message(final int seq)
    {
        final int slot = seq & (offsets.length - 1);
        if (seq < 1 || indexedSeq[slot] != seq)
        {
            return null;
        }
        try
        {
            final ByteBuffer recordHeader = ByteBuffer.allocate(RECORD_HEADER);
            readFully(recordHeader, offsets[slot]);
            readLength = recordHeader.getInt(4);
            if (read.length < readLength)
            {
                read = new byte[readLength];
            }
            readFully(ByteBuffer.wrap(read, 0, readLength), offsets[slot] + RECORD_HEADER);
            return read;
        }
        catch (final IOException ex)
        {
            LOG.error("cannot read message {} from the FIX store {}: resent as a gap fill", seq, file, ex);
            return null;
        }
    }

    /** The length of the message {@link #message} returned last. */
    int length()
    {
        return readLength;
    }

    /** Both sequence numbers back to 1, every message forgotten (ResetSeqNumFlag). */
    void reset()
    {
        try
        {
            channel.truncate(HEADER);
            channel.force(true); // on the disk before the header says 1: the old records can never follow it
        }
        catch (final IOException ex)
        {
            LOG.error("cannot empty the FIX store {} on a sequence reset: its old messages stay", file, ex);
        }
        Arrays.fill(offsets, 0);
        Arrays.fill(indexedSeq, 0);
        end = HEADER;
        senderSeq(1);
        targetSeq(1);
    }

    @Override
    public void close()
    {
        Closing.quietly(channel);
    }
}
