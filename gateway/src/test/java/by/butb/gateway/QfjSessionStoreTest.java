package by.butb.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void anAdminMessageTakesItsNumberButIsNotKept()
    {
        try (QfjSessionStore store = small())
        {
            assertFalse(store.set(1, message(1).replace("35=8", "35=A")));
            store.incrNextSenderMsgSeqNum();
            assertFalse(store.set(2, message(2).replace("35=8", "35=0")));
            store.incrNextSenderMsgSeqNum();
            assertTrue(store.set(3, message(3)));
            store.incrNextSenderMsgSeqNum();
            assertTrue(store.set(4, message(4).replace("35=8", "35=AE"))); // a two-character type: application
            assertEquals(List.of(message(3), message(4).replace("35=8", "35=AE")), get(store, 1, 4));
        }
    }

    @Test
    void aMessageNumberedBeforeAResetThatCameBetweenIsNotKeptSoTheNumbersKeptRise()
    {
        try (QfjSessionStore store = small())
        {
            for (int seq = 1; seq <= 4; seq++)
            {
                store.set(seq, message(seq));
                store.incrNextSenderMsgSeqNum();
            }
            store.reset(); // a Logon with ResetSeqNumFlag=Y while the sending thread held number 5
            assertFalse(store.set(5, message(5)));
            store.incrNextSenderMsgSeqNum();
            for (int seq = 2; seq <= 3; seq++)
            {
                assertTrue(store.set(seq, message(seq)));
                store.incrNextSenderMsgSeqNum();
            }
            assertEquals(List.of(message(2), message(3)), get(store, 1, 5));
        }
        try (QfjSessionStore reopened = small())
        {
            assertEquals(List.of(message(2), message(3)), get(reopened, 1, 5), "and the file opens again");
        }
    }

    @Test
    void aSenderNumberLoweredBelowAMessageKeptForgetsTheMessagesKept()
    {
        try (QfjSessionStore store = small())
        {
            for (int seq = 1; seq <= 5; seq++)
            {
                store.set(seq, message(seq));
                store.incrNextSenderMsgSeqNum();
            }
            store.setNextTargetMsgSeqNum(9);
            store.setNextSenderMsgSeqNum(6);
            assertEquals(List.of(message(4), message(5)), get(store, 4, 5), "not lowered: kept");
            store.setNextSenderMsgSeqNum(3);
            assertEquals(List.of(), get(store, 1, 5), "no message of a number sent again is resent");
            assertEquals(3, store.getNextSenderMsgSeqNum());
            assertEquals(9, store.getNextTargetMsgSeqNum());
            store.set(3, message(3));
            assertEquals(List.of(message(3)), get(store, 1, 5));
        }
    }

    @Test
    void aResendHandsOutItsMessagesWithoutHoldingUpWhatIsSentMeanwhile() throws Exception
    {
        try (QfjSessionStore store = small())
        {
            store.set(1, message(1));
            store.incrNextSenderMsgSeqNum();
            store.set(2, message(2));
            store.incrNextSenderMsgSeqNum();
            final CountDownLatch handingOut = new CountDownLatch(1);
            final CountDownLatch sent = new CountDownLatch(1);
            final List<String> resent = new ArrayList<>();
            final Thread resend = new Thread(() -> store.get(1, 2, new ArrayList<>()
            {
                @Override
                public boolean add(final String message)
                {
                    handingOut.countDown();
                    await(sent); // the resend's reader is slow
                    return resent.add(message);
                }
            }));
            resend.start();
            assertTrue(handingOut.await(10, TimeUnit.SECONDS));
            final Thread sending = new Thread(() -> store.set(3, message(3))); // the gateway's sending thread
            sending.start();
            sending.join(5_000);
            final boolean heldUp = sending.isAlive();
            sent.countDown();
            resend.join(10_000);
            sending.join(10_000);
            assertFalse(heldUp, "the message sent meanwhile waited for the resend");
            assertEquals(List.of(message(1), message(2)), resent);
            assertEquals(List.of(message(3)), get(store, 3, 3));
        }
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            latch.await(30, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
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
