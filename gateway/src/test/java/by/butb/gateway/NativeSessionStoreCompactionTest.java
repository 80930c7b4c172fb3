package by.butb.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The native session store compacts away the messages too old to resend, so that a participant who makes the gateway
 * send much cannot fill the disk (attack F3), and a compaction loses no number and no resendable message whatever
 * runs beside it. A small index (64 messages) and threshold (4 KiB) stand in for the defaults.
 */
class NativeSessionStoreCompactionTest
{
    private static final String FILE = "BUTB-TRADER-A" + NativeSessionStore.SUFFIX;
    private static final int INDEXED = 64;
    private static final long AT_DEAD_BYTES = 4096;
    private static final int HEADER = 64;
    private static final int RECORD_HEADER = 8;

    @TempDir
    Path dir;

    private final List<Runnable> compactions = new ArrayList<>();

    private NativeSessionStore open(final Executor compactor)
    {
        return NativeSessionStore.open(dir, "BUTB", "TRADER-A", INDEXED, AT_DEAD_BYTES, compactor);
    }

    private static byte[] message(final int seq, final int padding)
    {
        return ("8=FIX.4.4|9=5|35=8|34=" + seq + "|58=" + "x".repeat(padding) + "|10=000|")
            .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] message(final int seq)
    {
        return message(seq, 100);
    }

    private static void send(final NativeSessionStore store, final int seq, final byte[] m)
    {
        store.senderSeq(seq + 1);
        store.append(seq, m, 0, m.length);
    }

    private static byte[] stored(final NativeSessionStore store, final int seq)
    {
        final byte[] bytes = store.message(seq);
        return bytes == null ? null : Arrays.copyOf(bytes, store.length());
    }

    private long fileSize() throws IOException
    {
        return Files.size(dir.resolve(FILE));
    }

    /** The lines of this process's memory map naming a deleted file of {@link #dir} (Linux). */
    private List<String> deletedFilesMapped() throws IOException
    {
        final Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "a Linux /proc");
        try (Stream<String> lines = Files.lines(maps))
        {
            return lines.filter(line -> line.contains(dir.toString()) && line.endsWith("(deleted)")).toList();
        }
    }

    private boolean copyLeft()
    {
        return Files.exists(StoreFiles.compactingCopy(dir.resolve(FILE)));
    }

    /** Sends from {@code seq} on until a compaction is handed to the compactor; returns the next number to send. */
    private int sendUntilACompactionStarts(final NativeSessionStore store, final int seq)
    {
        int next = seq;
        while (compactions.isEmpty())
        {
            assertTrue(next < 10_000, "no compaction started");
            send(store, next, message(next));
            next++;
        }
        return next;
    }

    @Test
    void theFileStaysBoundedAndTheLatestMessagesStayResendableAfterEveryMessage() throws IOException
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final int largest = 400;
        final long bound = HEADER + 2 * Math.max(AT_DEAD_BYTES, INDEXED * (long)(RECORD_HEADER + largest + 40)) +
            RECORD_HEADER + largest + 40;
        final byte[][] sent = new byte[20_001][];
        try (NativeSessionStore store = open(Runnable::run))
        {
            for (int seq = 1; seq <= 20_000; seq++)
            {
                sent[seq] = message(seq, random.nextInt(largest));
                send(store, seq, sent[seq]);
                assertTrue(fileSize() <= bound, "seed " + seed + ": the file holds " + fileSize() +
                    " bytes after message " + seq + ", over " + bound);
                final int back = random.nextInt(INDEXED + 1);
                final int asked = seq - back;
                if (back < INDEXED && asked >= 1)
                {
                    assertArrayEquals(sent[asked], stored(store, asked), "seed " + seed + ": message " + asked);
                }
                else if (asked >= 1)
                {
                    assertNull(store.message(asked), "seed " + seed + ": message " + asked + " is too old");
                }
            }
            store.targetSeq(77);
        }
        try (NativeSessionStore reopened = open(Runnable::run))
        {
            assertEquals(20_001, reopened.nextSenderSeq());
            assertEquals(77, reopened.nextTargetSeq());
            for (int seq = 20_000 - INDEXED + 1; seq <= 20_000; seq++)
            {
                assertArrayEquals(sent[seq], stored(reopened, seq), "seed " + seed + ": message " + seq);
            }
        }
        assertFalse(copyLeft());
    }

    @ParameterizedTest(name = "{0} kept meanwhile")
    @ValueSource(ints = {5, 1_000})
    void messagesKeptWhileTheCopyIsMadeAreInTheCompactedFile(final int meanwhile) throws IOException
    {
        try (NativeSessionStore store = open(compactions::add))
        {
            int next = sendUntilACompactionStarts(store, 1);
            final long before = fileSize() + (meanwhile - 5) * (long)(RECORD_HEADER + message(next).length);
            for (int i = 0; i < meanwhile; i++, next++)
            {
                send(store, next, message(next));
            }
            store.targetSeq(31);
            compactions.remove(0).run();
            assertTrue(fileSize() < before, fileSize() + " bytes, " + before + " before");
            assertEquals(List.of(), deletedFilesMapped(), "the old file unmapped: a mapping would keep its blocks");
            assertFalse(copyLeft());
            send(store, next, message(next));
            for (int seq = next - INDEXED + 1; seq <= next; seq++)
            {
                assertArrayEquals(message(seq), stored(store, seq), "message " + seq);
            }
            assertNull(store.message(next - INDEXED));
            assertEquals(next + 1, store.nextSenderSeq());
            assertEquals(31, store.nextTargetSeq());
            final int last = next;
            final Path killed = NativeSessionStoreTest.killedCopy(dir);
            try (NativeSessionStore reopened = NativeSessionStore.open(killed, "BUTB", "TRADER-A"))
            {
                assertEquals(last + 1, reopened.nextSenderSeq());
                assertEquals(31, reopened.nextTargetSeq());
                assertArrayEquals(message(last), stored(reopened, last));
                assertArrayEquals(message(last - INDEXED + 1), stored(reopened, last - INDEXED + 1));
            }
            compactions.forEach(Runnable::run); // the next, started by the message sent after the swap
        }
    }

    @Test
    void aTargetNumberWrittenDuringACompactionIsNeverLost() throws Exception
    {
        final AtomicReference<String> lost = new AtomicReference<>();
        final List<Thread> compactors = new ArrayList<>();
        final int[] written = new int[1];
        final NativeSessionStore store = open(r ->
        {
            final Thread t = new Thread(r, "test-compaction");
            compactors.add(t);
            t.start();
        });
        final Thread io = new Thread(() ->
        {
            for (int next = 2; lost.get() == null && !Thread.currentThread().isInterrupted(); next++)
            {
                store.targetSeq(next);
                written[0] = next;
                if (store.nextTargetSeq() != next)
                {
                    lost.set("target MsgSeqNum " + next + " written, " + store.nextTargetSeq() + " read back");
                }
            }
        }, "test-io");
        io.start();
        try
        {
            for (int seq = 1; compactors.size() < 20 && lost.get() == null; seq++)
            {
                assertTrue(seq < 2_000_000, "only " + compactors.size() + " compactions");
                send(store, seq, message(seq));
            }
        }
        finally
        {
            io.interrupt();
            io.join();
            store.close();
        }
        assertNull(lost.get());
        try (NativeSessionStore reopened = open(Runnable::run))
        {
            assertEquals(written[0], reopened.nextTargetSeq());
        }
    }

    @Test
    void aResetDuringACompactionDropsIt() throws IOException
    {
        final int last;
        try (NativeSessionStore store = open(compactions::add))
        {
            final int next = sendUntilACompactionStarts(store, 1);
            final long size = fileSize();
            store.reset();
            int seq = 1;
            for (; seq == 1 || fileSize() <= size; seq++) // past where the copy was to end, in other record lengths
            {
                send(store, seq, message(seq, 7));
            }
            final long after = fileSize();
            compactions.remove(0).run();
            assertFalse(copyLeft());
            assertEquals(after, fileSize(), "not compacted");
            assertArrayEquals(message(seq - 1, 7), stored(store, seq - 1));
            assertEquals(seq, store.nextSenderSeq());
            assertTrue(seq > next, seq + " messages after the reset, " + next + " before");
            last = seq - 1;
        }
        try (NativeSessionStore reopened = open(Runnable::run))
        {
            assertArrayEquals(message(last, 7), stored(reopened, last));
        }
    }

    @Test
    void closingDropsACompactionUnderWayAndWaitsForIt() throws Exception
    {
        final NativeSessionStore store = open(compactions::add);
        final int next = sendUntilACompactionStarts(store, 1);
        final long size = fileSize();
        final Thread closing = new Thread(store::close, "test-close");
        closing.start();
        while (closing.getState() != Thread.State.TIMED_WAITING)
        {
            assertTrue(closing.isAlive(), "close returned with a compaction under way");
            Thread.onSpinWait();
        }
        compactions.remove(0).run();
        closing.join(5_000);
        assertFalse(closing.isAlive());
        assertFalse(copyLeft());
        assertEquals(size, fileSize(), "the file as it was");
        try (NativeSessionStore reopened = open(Runnable::run))
        {
            assertEquals(next, reopened.nextSenderSeq());
            assertArrayEquals(message(next - 1), stored(reopened, next - 1));
        }
    }

    @Test
    void aCompactionThatFailsLeavesTheFileAsItWasAndIsTriedAgainOnceItGrewTheThresholdMore() throws IOException
    {
        try (NativeSessionStore store = open(compactions::add))
        {
            int next = sendUntilACompactionStarts(store, 1);
            final Path copy = StoreFiles.compactingCopy(dir.resolve(FILE));
            Files.createDirectory(copy); // the copy cannot be written
            final long size = fileSize();
            compactions.remove(0).run();
            assertEquals(size, fileSize());
            assertArrayEquals(message(next - 1), stored(store, next - 1));
            assertFalse(copyLeft(), "what the failed compaction left is deleted");
            next = sendUntilACompactionStarts(store, next);
            assertTrue(fileSize() - size >= AT_DEAD_BYTES, "tried again after " + (fileSize() - size) + " bytes");
            compactions.remove(0).run();
            assertTrue(fileSize() < size);
            assertArrayEquals(message(next - 1), stored(store, next - 1));
        }
    }

    @Test
    void aCompactionThatCannotStartLeavesTheFileAsItWas() throws IOException
    {
        final Executor none = r ->
        {
            throw new RejectedExecutionException("no thread");
        };
        try (NativeSessionStore store = open(none))
        {
            for (int seq = 1; seq <= 1_000; seq++)
            {
                send(store, seq, message(seq));
            }
            assertArrayEquals(message(1_000), stored(store, 1_000));
            assertEquals(1_001, store.nextSenderSeq());
        }
    }

    @Test
    void aCopyLeftByAKillDuringACompactionIsDeletedAtOpen() throws IOException
    {
        try (NativeSessionStore store = open(Runnable::run))
        {
            send(store, 1, message(1));
        }
        Files.writeString(StoreFiles.compactingCopy(dir.resolve(FILE)), "half a copy");
        try (NativeSessionStore store = open(Runnable::run))
        {
            assertFalse(copyLeft());
            assertArrayEquals(message(1), stored(store, 1));
            assertEquals(2, store.nextSenderSeq());
        }
    }
}
