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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One FIX session's sequence numbers and sent application messages on disk ({@code --fix-store DIR}), in the file
 * {@code DIR/<SenderCompID>-<TargetCompID>.native-fix-session} (the native engine's; QuickFIX/J's sessions keep the
 * same in {@code .qfj-fix-session} files through {@link QfjSessionStore}):
 * <pre>
 *   header, 64 bytes: "BUTB-FIX-SESSION" (16 ASCII bytes), version (int, 1), next sender MsgSeqNum (int),
 *                     next target MsgSeqNum (int), zeros
 *   then one record per sent application message: MsgSeqNum (int), length (int), the message's bytes
 * </pre>
 * (ints big-endian). The header is memory-mapped: a sequence number is written to the file's page the moment it is
 * taken, before the message that carries it is written to the socket (sender) or handed to the engine (target), so a
 * kill -9 of the server never loses one: the sender's never goes back, and a received message is never processed
 * twice (a crash of the machine itself may lose the last numbers, as with QuickFIX/J's file store without
 * FileStoreSync; what such a crash leaves is mended at open where it can be, see {@link StoreScan}, and a header of
 * zeros is refused by name). A message is appended after its sequence number is taken: a kill -9 between the two
 * leaves a number without its message (a resend of it is a gap fill) and may leave a torn last record, which opening
 * cuts off. The file offsets of the last {@link #MAX_INDEXED} messages are indexed in memory ({@link RecordIndex}, at
 * most 768 KiB a session, however long it runs): a resend of an older message is a gap fill, as a resend beyond
 * {@code --stored-messages} is without a store.
 * <p>
 * So that those older messages do not fill the disk, the file is compacted once they take as many bytes as the indexed
 * ones and at least {@link #COMPACT_AT_DEAD_BYTES}: on a thread of its own the indexed records are copied to {@code
 * <file>.compacting}, then what was kept meanwhile (round after round, until little is left) and the header, and forced
 * to the disk; then, under this store's lock, the last records kept are copied too, the numbers written to the copy's
 * header, the copy renamed over the file and the old one unmapped and closed. A kill -9 at any point leaves either the
 * old file or the compacted one, both whole; a leftover copy is deleted at the next open. The file so stays under twice
 * the larger of the indexed records and {@link #COMPACT_AT_DEAD_BYTES}, plus what is kept while a compaction runs.
 * <p>
 * Threading: the sending side ({@link #senderSeq}, {@link #append}, {@link #message}, {@link #reset}) runs under the
 * session's lock and takes this store's too, which a compaction's swap of the file holds; {@link #targetSeq}, on the
 * I/O thread for every message received, takes only a lock of the header's own, which the swap holds just while it
 * copies the target number to the new header, renames the file and switches to the new header: no number is written
 * to the old header after it was copied, and the messages sent to the session do not make its receiving wait.
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
    /** Each record's MsgSeqNum and length, before its message. */
    static final int RECORD_HEADER = 8;

    /** How many of the latest messages are indexed for resends: a power of two. */
    static final int MAX_INDEXED = 1 << 16;
    /** The least bytes of messages too old to resend that a compaction is worth. */
    static final long COMPACT_AT_DEAD_BYTES = 32L << 20;
    private static final long CLOSE_WAIT_MILLIS = 10_000;
    /** A compaction copies what was kept meanwhile before it takes the lock, unless it is less than this. */
    private static final long CATCH_UP_BYTES = 64 * 1024;
    private static final int CATCH_UP_ROUNDS = 16;

    private final Path file;
    private final RecordIndex index;
    private final long compactAtDeadBytes;
    /** Runs a compaction's copy, off the thread that keeps messages. */
    private final Executor compactor;
    /** Guards {@link #header} with this store's lock: a swap changes it holding both, the target number needs one. */
    private final Object headerLock = new Object();
    private MappedByteBuffer header;
    /** Guarded by this, as every field below: it changes when a compaction swaps the file. */
    private FileChannel channel;
    private long end;
    private boolean compacting;
    /** After a failed compaction, the next is tried once the file has grown past this. */
    private long compactAfter;
    /** Counts resets: a compaction started before one is dropped. */
    private int resets;
    private boolean closed;
    private ByteBuffer write = ByteBuffer.allocateDirect(4096);
    private byte[] read = new byte[1024];
    private int readLength;

    private NativeSessionStore(final Path file, final FileChannel channel, final int indexed,
        final long compactAtDeadBytes, final Executor compactor) throws IOException
    {
        this.file = file;
        this.channel = channel;
        this.index = new RecordIndex(indexed);
        this.compactAtDeadBytes = compactAtDeadBytes;
        this.compactor = compactor;
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
        if (StoreFiles.isZero(header, 0, HEADER))
        {
            throw corrupt("has a header of zeros, as a crash of the machine can leave it: its sequence numbers are " +
                "lost. Move it away to start this session again at 1 (the counterparty must reset its numbers too)");
        }
        if (!Arrays.equals(magic, MAGIC) || header.getInt(VERSION_AT) != VERSION)
        {
            throw corrupt("is not a FIX session store (version " + VERSION + "): it does not start with " +
                new String(MAGIC, StandardCharsets.US_ASCII));
        }
        if (header.getInt(SENDER_AT) < 1 || header.getInt(TARGET_AT) < 1)
        {
            throw corrupt("has sequence numbers below 1");
        }
        end = StoreScan.scan(channel, file, HEADER, index, this::nextSenderSeq, this::senderSeq);
    }

    /**
     * The store of the session between {@code senderCompId} and {@code targetCompId} in {@code directory}, created
     * when absent. Throws IllegalArgumentException, one line naming the file, for a file that is not such a store.
     */
    static NativeSessionStore open(final Path directory, final String senderCompId, final String targetCompId)
    {
        return open(directory.resolve(senderCompId + "-" + targetCompId + SUFFIX));
    }

    /** {@link #open(Path, String, String)} with the limits of {@link #open(Path, int, long, Executor)}. */
    static NativeSessionStore open(final Path directory, final String senderCompId, final String targetCompId,
        final int indexed, final long compactAtDeadBytes, final Executor compactor)
    {
        return open(directory.resolve(senderCompId + "-" + targetCompId + SUFFIX), indexed, compactAtDeadBytes,
            compactor);
    }

    /**
     * The store in {@code file} (a session's file of either FIX engine: each names it with its own suffix), created
     * when absent, keeping the latest {@link #MAX_INDEXED} messages for resends and compacted on a thread of its own.
     */
    static NativeSessionStore open(final Path file)
    {
        return open(file, MAX_INDEXED, COMPACT_AT_DEAD_BYTES, NativeSessionStore::compactOnThreadOfItsOwn);
    }

    /**
     * {@link #open(Path)} keeping the latest {@code indexed} messages (a power of two), compacting once the older ones
     * take {@code compactAtDeadBytes} or more, the copy run by {@code compactor}.
     */
    static NativeSessionStore open(final Path file, final int indexed, final long compactAtDeadBytes,
        final Executor compactor)
    {
        FileChannel channel = null;
        try
        {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(StoreFiles.compactingCopy(file)); // left by a kill -9; the store itself is whole
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            return new NativeSessionStore(file, channel, indexed, compactAtDeadBytes, compactor);
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

    private static void compactOnThreadOfItsOwn(final Runnable compaction)
    {
        final Thread thread = new Thread(compaction, "fix-store-compaction");
        thread.setDaemon(true);
        thread.start();
    }

    private IllegalArgumentException corrupt(final String problem)
    {
        return corrupt(file, problem);
    }

    /** The refusal of the store {@code file}, one line: {@code problem} says what is wrong with it. */
    static IllegalArgumentException corrupt(final Path file, final String problem)
    {
        return new IllegalArgumentException("FIX store " + file + " " + problem);
    }

    synchronized int nextSenderSeq()
    {
        return header.getInt(SENDER_AT);
    }

    int nextTargetSeq()
    {
        synchronized (headerLock)
        {
            return header.getInt(TARGET_AT);
        }
    }

    /** The next sender MsgSeqNum is {@code next}: in the file's mapped page at once. */
    synchronized void senderSeq(final int next)
    {
        header.putInt(SENDER_AT, next);
    }

    /** The next target MsgSeqNum is {@code next}: in the file's mapped page at once. */
    void targetSeq(final int next)
    {
        synchronized (headerLock)
        {
            header.putInt(TARGET_AT, next);
        }
    }

    /** Appends the message sent with {@code seq}, {@code bytes[offset, offset + length)}; no object created. */
    synchronized void append(final int seq, final byte[] bytes, final int offset, final int length)
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
        index.add(seq, end);
        end += RECORD_HEADER + length;
        compactIfWorthIt();
    }

    /**
     * Starts a compaction when the records too old to resend (before the oldest indexed) take as many bytes as the
     * indexed ones and at least {@link #compactAtDeadBytes}; so each byte kept is copied about once, however long the
     * session runs.
     */
    private void compactIfWorthIt()
    {
        if (compacting || closed || end < compactAfter || !index.full())
        {
            return;
        }
        final long from = index.oldestOffset();
        final long dead = from - HEADER;
        if (dead < compactAtDeadBytes || dead < end - from)
        {
            return;
        }
        compacting = true;
        final FileChannel source = channel;
        final long to = end;
        final int startedAfter = resets;
        try
        {
            compactor.execute(() -> compact(source, from, to, startedAfter));
        }
        catch (final RuntimeException | OutOfMemoryError ex) // no thread to be had: the file stays as it is for now
        {
            LOG.warn("cannot start compacting the FIX store {}: it keeps its older messages for now", file, ex);
            compacted(false, true);
        }
    }

    /**
     * The compactor's thread: copies the records {@code [from, to)} of {@code source} to the copy, then those kept
     * meanwhile ({@link #catchUp}) and the header, forces it, and swaps it in ({@link #swap}). A failure leaves the
     * file as it was (logged); the next try waits until the file grew {@link #compactAtDeadBytes} more.
     */
    private void compact(final FileChannel source, final long from, final long to, final int startedAfter)
    {
        final Path copy = StoreFiles.compactingCopy(file);
        FileChannel target = null;
        boolean swapped = false;
        boolean failed = false;
        try
        {
            target = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
            StoreFiles.transfer(source, from, to, target, HEADER);
            final long copied = catchUp(source, target, from, to);
            final ByteBuffer headerCopy = ByteBuffer.wrap(headerBytes());
            while (headerCopy.hasRemaining())
            {
                target.write(headerCopy, headerCopy.position());
            }
            target.force(false);
            swapped = swap(target, copy, from, copied, startedAfter);
            if (swapped)
            {
                StoreFiles.forceDirectoryOf(file);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            failed = !dropped(startedAfter);
            if (failed)
            {
                LOG.warn("cannot compact the FIX store {}: it keeps its older messages for now", file, ex);
            }
        }
        finally
        {
            if (!swapped)
            {
                Closing.quietly(target);
                StoreFiles.deleteQuietly(copy);
            }
            compacted(swapped, failed);
        }
    }

    /**
     * Copies what was kept while the records {@code [from, to)} were copied, round after round until less than
     * {@link #CATCH_UP_BYTES} is left for the swap to copy under the lock (or {@link #CATCH_UP_ROUNDS} rounds, when
     * messages are kept as fast as they are copied); returns where the copy ends in the file.
     */
    private long catchUp(final FileChannel source, final FileChannel target, final long from, final long to)
        throws IOException
    {
        long copied = to;
        for (int round = 0; round < CATCH_UP_ROUNDS; round++)
        {
            final long now = endNow();
            if (now - copied < CATCH_UP_BYTES)
            {
                break;
            }
            StoreFiles.transfer(source, copied, now, target, HEADER + copied - from);
            copied = now;
        }
        return copied;
    }

    private synchronized long endNow()
    {
        return end;
    }

    /** The header as it is now (its numbers are written again by {@link #swap}). */
    private synchronized byte[] headerBytes()
    {
        final byte[] bytes = new byte[HEADER];
        header.get(0, bytes);
        return bytes;
    }

    private synchronized boolean dropped(final int startedAfter)
    {
        return closed || resets != startedAfter;
    }

    /**
     * Under the lock: copies the records kept since {@code to} (usually under {@link #CATCH_UP_BYTES}) to the copy,
     * maps its header and writes the numbers to it, renames it over the file (the target number and the rename under
     * the header's lock too), and unmaps the old header and closes the old file, whose blocks are freed then (a mapping
     * left to the garbage collector would hold them); from then on the store reads and writes the copy. False, nothing
     * swapped, when the store was closed or reset since the compaction began. Nothing is forced to the disk here: a
     * crash of the machine may lose what the last records and numbers were, as it may without a compaction.
     */
    private synchronized boolean swap(final FileChannel target, final Path copy, final long from, final long to,
        final int startedAfter) throws IOException
    {
        if (dropped(startedAfter))
        {
            return false;
        }
        StoreFiles.transfer(channel, to, end, target, HEADER + to - from);
        final MappedByteBuffer mapped = target.map(FileChannel.MapMode.READ_WRITE, 0, HEADER);
        final MappedByteBuffer old = header;
        mapped.putInt(SENDER_AT, old.getInt(SENDER_AT));
        synchronized (headerLock)
        {
            mapped.putInt(TARGET_AT, old.getInt(TARGET_AT));
            try
            {
                Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (final IOException ex)
            {
                StoreFiles.unmapAndClose(mapped, null);
                throw ex;
            }
            header = mapped;
        }
        final FileChannel oldChannel = channel;
        channel = target;
        index.shift(from - HEADER);
        end -= from - HEADER;
        StoreFiles.unmapAndClose(old, oldChannel); // a mapping left to the garbage collector would hold its blocks
        return true;
    }

    /** The compaction ended: swapped in, dropped (a reset or close), or {@code failed}, then tried again later. */
    private synchronized void compacted(final boolean swapped, final boolean failed)
    {
        compacting = false;
        if (swapped)
        {
            compactAfter = 0;
        }
        else if (failed)
        {
            compactAfter = end + compactAtDeadBytes;
        }
        notifyAll();
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
    synchronized byte[] message(final int seq)
    {
        final long at = index.offsetOf(seq);
        if (at < 0)
        {
            return null;
        }
        try
        {
            final ByteBuffer recordHeader = ByteBuffer.allocate(RECORD_HEADER);
            StoreFiles.readFully(channel, recordHeader, at);
            readLength = recordHeader.getInt(4);
            if (read.length < readLength)
            {
                read = new byte[readLength];
            }
            StoreFiles.readFully(channel, ByteBuffer.wrap(read, 0, readLength), at + RECORD_HEADER);
            return read;
        }
        catch (final IOException ex)
        {
            LOG.error("cannot read message {} from the FIX store {}: resent as a gap fill", seq, file, ex);
            return null;
        }
    }

    /** The number of the oldest message kept for resends, or 0 when none is. */
    synchronized int oldestKept()
    {
        return index.oldestSeq();
    }

    /** The number of the newest message kept for resends, or 0 when none is. */
    synchronized int newestKept()
    {
        return index.newestSeq();
    }

    /** The length of the message {@link #message} returned last. */
    int length()
    {
        return readLength;
    }

    /** Both sequence numbers back to 1, every message forgotten (ResetSeqNumFlag); a compaction under way dropped. */
    synchronized void reset()
    {
        resets++;
        try
        {
            channel.truncate(HEADER);
            channel.force(true); // on the disk before the header says 1: the old records can never follow it
        }
        catch (final IOException ex)
        {
            LOG.error("cannot empty the FIX store {} on a sequence reset: its old messages stay", file, ex);
        }
        index.clear();
        end = HEADER;
        compactAfter = 0;
        senderSeq(1);
        targetSeq(1);
    }

    /**
     * Closes the file; a compaction under way is dropped (its copy deleted), waited for up to 10 s so that no thread
     * of it outlives the store.
     */
    @Override
    public synchronized void close()
    {
        closed = true;
        Closing.quietly(channel);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        long left = CLOSE_WAIT_MILLIS;
        while (compacting && left > 0)
        {
            try
            {
                wait(left);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
            left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        }
    }
}
