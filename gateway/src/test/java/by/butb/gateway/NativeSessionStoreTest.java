package by.butb.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The native engine's session store on disk: what a kill -9 leaves is read back, anything else is refused by name. */
class NativeSessionStoreTest
{
    private static final String FILE = "BUTB-TRADER-A" + NativeSessionStore.SUFFIX;

    @TempDir
    Path dir;

    private static byte[] message(final int seq)
    {
        return ("8=FIX.4.4|9=5|35=8|34=" + seq + "|10=000|").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] stored(final NativeSessionStore store, final int seq)
    {
        final byte[] bytes = store.message(seq);
        return bytes == null ? null : Arrays.copyOf(bytes, store.length());
    }

    /** Sends messages 1..n as a session does: the number taken first, then the message kept. */
    private static void send(final NativeSessionStore store, final int from, final int to)
    {
        for (int seq = from; seq <= to; seq++)
        {
            store.senderSeq(seq + 1);
            final byte[] m = message(seq);
            store.append(seq, m, 0, m.length);
        }
    }

    /**
     * A directory holding TRADER-A's store file of {@code dir} as a kill -9 of the server would leave it: copied while
     * the store is still open.
     */
    static Path killedCopy(final Path dir) throws IOException
    {
        final Path copy = dir.resolve("after-kill");
        Files.createDirectories(copy);
        Files.copy(dir.resolve(FILE), copy.resolve(FILE));
        return copy;
    }

    @Test
    void resendsReachBackTheLatestIndexedMessagesWhateverTheSequenceNumber() throws IOException
    {
        try (NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            final int count = NativeSessionStore.MAX_INDEXED + 10;
            send(store, 1, count);
            assertNull(store.message(1), "older than the latest " + NativeSessionStore.MAX_INDEXED + ": a gap fill");
            assertNull(store.message(10));
            assertArrayEquals(message(11), stored(store, 11));
            assertArrayEquals(message(count), stored(store, count));
            final int far = 2_000_000_000; // a session that ran for years: the index does not grow with the number
            send(store, far, far + 1);
            assertArrayEquals(message(far + 1), stored(store, far + 1));
            assertNull(store.message(12), "the two newest pushed the two oldest out");
            assertArrayEquals(message(13), stored(store, 13));
        }
        try (NativeSessionStore reopened = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            assertArrayEquals(message(2_000_000_000), stored(reopened, 2_000_000_000), "indexed again at open");
            assertArrayEquals(message(13), stored(reopened, 13), "the same latest messages indexed again");
            assertNull(reopened.message(12));
        }
    }

    @Test
    void aNewStoreStartsBothSequenceNumbersAtOne()
    {
        try (NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            assertEquals(1, store.nextSenderSeq());
            assertEquals(1, store.nextTargetSeq());
            assertNull(store.message(1));
        }
    }

    @Test
    void sequenceNumbersAndMessagesSurviveAKillWithoutClose() throws IOException
    {
        final NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A");
        send(store, 1, 40);
        store.targetSeq(17);
        store.senderSeq(42); // taken, its message not yet written
        try (NativeSessionStore reopened = NativeSessionStore.open(killedCopy(dir), "BUTB", "TRADER-A"))
        {
            assertEquals(42, reopened.nextSenderSeq());
            assertEquals(17, reopened.nextTargetSeq());
            for (int seq = 1; seq <= 40; seq++)
            {
                assertArrayEquals(message(seq), stored(reopened, seq), "message " + seq);
            }
            assertNull(reopened.message(41), "a number taken without its message: gap-filled on resend");
        }
        store.close();
    }

    @Test
    void aTornLastRecordIsCutOffAndAppendingGoesOn() throws IOException
    {
        try (NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            send(store, 1, 3);
        }
        final Path file = dir.resolve(FILE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(channel.size() - 5);
        }
        try (NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            assertArrayEquals(message(2), stored(store, 2));
            assertNull(store.message(3), "the torn record is gone");
            send(store, 4, 5);
        }
        try (NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            assertEquals(6, store.nextSenderSeq());
            assertArrayEquals(message(5), stored(store, 5));
            assertArrayEquals(message(1), stored(store, 1));
        }
    }

    @Test
    void aResetForgetsMessagesAndStartsAtOneOnDiskToo()
    {
        try (NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            send(store, 1, 5);
            store.targetSeq(9);
            store.reset();
            send(store, 1, 1);
        }
        try (NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            assertEquals(2, store.nextSenderSeq());
            assertEquals(1, store.nextTargetSeq());
            assertArrayEquals(message(1), stored(store, 1));
            assertNull(store.message(2));
        }
    }

    @Test
    void aForeignShortOrCorruptFileIsRefusedInOneLineNamingIt() throws IOException
    {
        final Path file = dir.resolve(FILE);
        Files.writeString(file, "x".repeat(100));
        assertRefused("is not a FIX session store");
        Files.writeString(file, "BUTB");
        assertRefused("is shorter than its 64-byte header");
        Files.delete(file);
        try (NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            send(store, 1, 2);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(java.nio.ByteBuffer.allocate(8).putInt(-7).putInt(3).flip(), 64);
        }
        assertRefused("has a malformed record at byte 64");
    }

    /** Messages 1 to {@code n} sent and the store closed; returns the file's size then. */
    private long sentAndClosed(final int n) throws IOException
    {
        try (NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            send(store, 1, n);
        }
        return Files.size(dir.resolve(FILE));
    }

    /** Writes {@code bytes} at {@code position} of the store file, as a crash may leave them. */
    private void writeAt(final ByteBuffer bytes, final long position) throws IOException
    {
        try (FileChannel channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.WRITE))
        {
            channel.write(bytes, position);
        }
    }

    @Test
    void recordsAheadOfAStaleHeaderRaiseTheNextSenderNumberPastThem() throws IOException
    {
        sentAndClosed(5);
        writeAt(ByteBuffer.allocate(4).putInt(0, 3), 20); // the header's page as written two numbers ago
        try (NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            assertEquals(6, store.nextSenderSeq(), "a number once sent is never sent again");
            assertArrayEquals(message(5), stored(store, 5));
            send(store, 6, 6);
        }
        try (NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            assertEquals(7, store.nextSenderSeq());
            assertArrayEquals(message(6), stored(store, 6));
        }
    }

    @Test
    void aTailOfZerosIsCutOffAndAppendingGoesOn() throws IOException
    {
        final long size = sentAndClosed(3);
        writeAt(ByteBuffer.allocate(100_000), size);
        final Path file = dir.resolve(FILE);
        try (NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            assertEquals(size, Files.size(file), "the zeros are gone");
            assertEquals(4, store.nextSenderSeq());
            assertArrayEquals(message(3), stored(store, 3));
            send(store, 4, 4);
        }
        try (NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            assertArrayEquals(message(4), stored(store, 4));
            assertArrayEquals(message(1), stored(store, 1));
        }
    }

    @Test
    void aTailOfZerosBeginningInsideARecordHeaderIsCutToo() throws IOException
    {
        final long size = sentAndClosed(3);
        writeAt(ByteBuffer.allocate(5_000).putInt(0, 4), size); // the next record's number, not the rest of its page
        final Path file = dir.resolve(FILE);
        try (NativeSessionStore store = NativeSessionStore.open(dir, "BUTB", "TRADER-A"))
        {
            assertEquals(size, Files.size(file));
            assertArrayEquals(message(3), stored(store, 3));
            assertEquals(4, store.nextSenderSeq());
        }
    }

    @Test
    void aRecordNumberedFarPastTheHeaderIsRefusedNotIndexed() throws IOException
    {
        final long size = sentAndClosed(2);
        writeAt(ByteBuffer.allocate(18).putInt(0, 3 + (1 << 24) + 1).putInt(4, 10), size);
        assertRefused("has a record at byte " + size + " numbered " + (4 + (1 << 24)) + ", far past the next " +
            "sender MsgSeqNum of its header (3)");
    }

    @Test
    void zerosFollowedByMoreBytesAreNotATailToCutButARefusal() throws IOException
    {
        final long size = sentAndClosed(2);
        writeAt(ByteBuffer.allocate(70_000).put(69_999, (byte)1), size);
        assertRefused("has a malformed record at byte " + size);
        assertEquals(size + 70_000, Files.size(dir.resolve(FILE)), "nothing cut from a file that is refused");
    }

    @Test
    void aHeaderOfZerosIsRefusedSayingItsNumbersAreLost() throws IOException
    {
        sentAndClosed(2);
        writeAt(ByteBuffer.allocate(64), 0);
        assertRefused("has a header of zeros, as a crash of the machine can leave it: its sequence numbers are lost");
    }

    private void assertRefused(final String problem)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> NativeSessionStore.open(dir, "BUTB", "TRADER-A"));
        assertTrue(ex.getMessage().startsWith("FIX store " + dir.resolve(FILE) + " " + problem), ex.getMessage());
        assertTrue(!ex.getMessage().contains("\n"), "one line");
    }
}
