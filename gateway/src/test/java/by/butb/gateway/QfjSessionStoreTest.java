package by.butb.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QfjSessionStoreTest
{
    private static final int INDEXED = 64;
    private static final long AT_DEAD_BYTES = 4096;

    @TempDir
    Path dir;

    private Path file()
    {
        return QfjSessionStores.file(dir, "BUTB", "TRADER-A");
    }

    /** A store that keeps the latest {@link #INDEXED} messages and compacts on the sending thread. */
    private QfjSessionStore small()
    {
        return new QfjSessionStore(NativeSessionStore.open(file(), INDEXED, AT_DEAD_BYTES, Runnable::run));
    }

    private static String message(final int seq)
    {
        return "8=FIX.4.4\u00019=40\u000135=8\u000134=" + seq + "\u000149=BUTB\u000156=TRADER-A\u000158=" +
            "x".repeat(seq % 50) + "\u00e9\u000110=000\u0001";
    }

    private static List<String> get(final QfjSessionStore store, final int from, final int to)
    {
        final List<String> out = new ArrayList<>();
        store.get(from, to, out);
        return out;
    }

    @Test
    void numbersAndMessagesOutliveTheStoreByteForByte()
    {
        try (QfjSessionStore store = small())
        {
            for (int seq = 1; seq <= 10; seq++)
            {
                if (seq != 4) // an admin message takes a number and is not stored
                {
                    store.set(seq, message(seq));
                }
                store.incrNextSenderMsgSeqNum();
            }
            store.setNextTargetMsgSeqNum(7);
            store.incrNextTargetMsgSeqNum();
        }
        try (QfjSessionStore reopened = small())
        {
            assertEquals(11, reopened.getNextSenderMsgSeqNum());
            assertEquals(8, reopened.getNextTargetMsgSeqNum());
            assertEquals(List.of(message(3), message(5), message(6)), get(reopened, 3, 6));
        }
    }

    @Test
    void aResendGetsOnlyTheLatestMessagesKeptAndTheFileStaysBounded() throws Exception
    {
        final int sent = 3_000;
        long largest = 0;
        try (QfjSessionStore store = small())
        {
            for (int seq = 1; seq <= sent; seq++)
            {
                store.set(seq, message(seq));
                store.incrNextSenderMsgSeqNum();
                largest = Math.max(largest, Files.size(file()));
            }
            final List<String> latest = IntStream.rangeClosed(sent - INDEXED + 1, sent).mapToObj(
                QfjSessionStoreTest::message).toList();
            assertEquals(latest, get(store, 1, sent));
            assertEquals(latest.subList(INDEXED - 2, INDEXED), get(store, sent - 1, Integer.MAX_VALUE - 1));
        }
        // Twice the larger of the kept records and the threshold, plus a message: compacted, not grown with the flood.
        final long kept = INDEXED * (8L + message(49).length());
        assertTrue(largest <= 64 + 2 * Math.max(kept, AT_DEAD_BYTES) + 8 + message(49).length(),
            "the file grew to " + largest + " bytes");
        try (QfjSessionStore reopened = small())
        {
            assertEquals(sent + 1, reopened.getNextSenderMsgSeqNum());
            assertEquals(List.of(message(sent)), get(reopened, sent, sent));
        }
    }

    @Test
    void aResetForgetsTheMessagesAndStartsBothNumbersAtOne()
    {
        try (QfjSessionStore store = small())
        {
            store.set(1, message(1));
            store.incrNextSenderMsgSeqNum();
            store.incrNextTargetMsgSeqNum();
            store.reset();
            assertEquals(1, store.getNextSenderMsgSeqNum());
            assertEquals(1, store.getNextTargetMsgSeqNum());
            assertEquals(List.of(), get(store, 1, 10));
        }
    }
}
