package by.butb.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.FileStore;
import quickfix.FileStoreFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QfjFileStoreConversionTest
{
    private static final SessionID A = Outbound.sessionId("BUTB", "TRADER-A");
    private static final SessionID B = Outbound.sessionId("BUTB", "TRADER-B");

    @TempDir
    Path dir;

    /** QuickFIX/J's own file store of {@code id} in {@link #dir}, as an earlier version of the gateway kept it. */
    private FileStore oldStore(final SessionID id)
    {
        final SessionSettings settings = new SessionSettings();
        settings.setString(FileStoreFactory.SETTING_FILE_STORE_PATH, dir.toString());
        settings.setString(FileStoreFactory.SETTING_FILE_STORE_SYNC, "N");
        return (FileStore)new FileStoreFactory(settings).create(id);
    }

    private static String message(final int seq)
    {
        return "8=FIX.4.4\u00019=20\u000135=8\u000134=" + seq + "\u000158=report " + seq + "\u000110=000\u0001";
    }

    private void keepOld(final SessionID id, final int nextSender, final int nextTarget, final int... sent)
        throws IOException
    {
        try (FileStore old = oldStore(id))
        {
            for (final int seq : sent)
            {
                old.set(seq, message(seq));
            }
            old.setNextSenderMsgSeqNum(nextSender);
            old.setNextTargetMsgSeqNum(nextTarget);
        }
    }

    private List<String> files() throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> get(final QfjSessionStore store, final int from, final int to)
    {
        final List<String> out = new ArrayList<>();
        store.get(from, to, out);
        return out;
    }

    private QfjSessionStore storeOf(final SessionID id)
    {
        return (QfjSessionStore)new QfjSessionStores(dir, "BUTB", TestCatalog.catalog()).create(id);
    }

    @Test
    void eachParticipantsOldStoreBecomesItsSessionStoreWithItsNumbersAndMessagesAndIsDeleted() throws Exception
    {
        keepOld(A, 6, 9, 1, 3, 4, 5);
        keepOld(B, 2, 2, 1);
        final QfjSessionStores stores = new QfjSessionStores(dir, "BUTB", TestCatalog.catalog());
        assertEquals(List.of("BUTB-TRADER-A.qfj-fix-session", "BUTB-TRADER-B.qfj-fix-session"), files());
        assertTrue(stores.exists("BUTB", "TRADER-A"));
        try (QfjSessionStore a = (QfjSessionStore)stores.create(A))
        {
            assertEquals(6, a.getNextSenderMsgSeqNum());
            assertEquals(9, a.getNextTargetMsgSeqNum());
            assertEquals(List.of(message(1), message(3), message(4), message(5)), get(a, 1, 5));
        }
        try (QfjSessionStore b = (QfjSessionStore)stores.create(B))
        {
            assertEquals(List.of(message(1)), get(b, 1, 1));
        }
    }

    @Test
    void theAdminMessagesQuickFixJKeptAreLeftOutAsAResendGapFillsThem() throws Exception
    {
        try (FileStore old = oldStore(A))
        {
            old.set(1, message(1).replace("35=8", "35=A"));
            old.set(2, message(2));
            old.set(3, message(3).replace("35=8", "35=0"));
            old.setNextSenderMsgSeqNum(4);
        }
        try (QfjSessionStore a = storeOf(A))
        {
            assertEquals(List.of(message(2)), get(a, 1, 3));
            assertEquals(4, a.getNextSenderMsgSeqNum());
        }
    }

    @Test
    void onlyTheMessagesTheStoreWouldStillResendAreConverted() throws Exception
    {
        final int next = NativeSessionStore.MAX_INDEXED + 100;
        keepOld(A, next, 1, 1, next - NativeSessionStore.MAX_INDEXED - 1, next - NativeSessionStore.MAX_INDEXED,
            next - 1);
        try (QfjSessionStore a = storeOf(A))
        {
            assertEquals(next, a.getNextSenderMsgSeqNum());
            assertEquals(List.of(message(next - NativeSessionStore.MAX_INDEXED), message(next - 1)), get(a, 1, next));
        }
    }

    @Test
    void aStoredMessageIsKeptUnderItsMsgSeqNumAndOneWithoutAReadableNumberIsLeftOut()
    {
        assertEquals(12, QfjFileStoreConversion.msgSeqNum(message(12)));
        assertEquals(-1, QfjFileStoreConversion.msgSeqNum("8=FIX.4.4\u00019=5\u000135=8\u000158=x\u0001"));
        assertEquals(-1, QfjFileStoreConversion.msgSeqNum("8=FIX.4.4\u00019=5\u000134=1x\u0001"));
        assertEquals(-1, QfjFileStoreConversion.msgSeqNum("8=FIX.4.4\u00019=5\u000134=99999999999\u0001"));
    }

    @Test
    void aConversionCutShortByAKillIsDoneAgainAndOneFinishedIsNotUndone() throws Exception
    {
        keepOld(A, 3, 4, 1, 2);
        Files.writeString(dir.resolve("BUTB-TRADER-A.qfj-fix-session.converting"), "torn");
        try (QfjSessionStore a = storeOf(A))
        {
            assertEquals(List.of(message(1), message(2)), get(a, 1, 2));
        }
        final byte[] converted = Files.readAllBytes(dir.resolve("BUTB-TRADER-A.qfj-fix-session"));
        keepOld(A, 3, 4, 1); // as a kill after the rename, before the old files were deleted, leaves them
        try (QfjSessionStore a = storeOf(A))
        {
            assertEquals(3, a.getNextSenderMsgSeqNum());
            assertEquals(List.of(message(1), message(2)), get(a, 1, 3), "the converted store, not the old one");
        }
        assertEquals(List.of("BUTB-TRADER-A.qfj-fix-session"), files());
        assertArrayEquals(converted, Files.readAllBytes(dir.resolve("BUTB-TRADER-A.qfj-fix-session")));
    }

    @Test
    void aKillWhileTheOldFilesAreDeletedLeavesAStartThatFinishesTheDeleting() throws Exception
    {
        keepOld(A, 3, 4, 1, 2);
        final byte[] senderNumbers = Files.readAllBytes(dir.resolve("FIX.4.4-BUTB-TRADER-A.senderseqnums"));
        try (QfjSessionStore a = storeOf(A))
        {
            assertEquals(3, a.getNextSenderMsgSeqNum());
        }
        // the kill came after the others were deleted, before the sender's numbers (deleted last) were
        Files.write(dir.resolve("FIX.4.4-BUTB-TRADER-A.senderseqnums"), senderNumbers);
        try (QfjSessionStore a = storeOf(A))
        {
            assertEquals(List.of(message(1), message(2)), get(a, 1, 2));
        }
        assertEquals(List.of("BUTB-TRADER-A.qfj-fix-session"), files(), "nothing of the old store made again");
    }

    @Test
    void aStoreAndOldFilesWithOtherNumbersAreRefusedNamingBothAndBothStay() throws Exception
    {
        keepOld(A, 3, 4, 1, 2);
        try (QfjSessionStore a = storeOf(A))
        {
            a.set(3, message(3));
            a.incrNextSenderMsgSeqNum();
        }
        keepOld(A, 999, 4, 1); // an earlier version of the gateway ran on the directory since
        final List<String> before = files();
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> storeOf(A));
        assertEquals("FIX store " + dir.resolve("BUTB-TRADER-A.qfj-fix-session") + " and QuickFIX/J's file store " +
            "of TRADER-A (" + dir.resolve("FIX.4.4-BUTB-TRADER-A") + ".*) hold different sequence numbers (next " +
            "sender 4 and 999, next target 4 and 4): move away the one that is not current", refused.getMessage());
        assertEquals(before, files());
    }

    @Test
    void oldFilesBesideAStoreThatIsNotOneAreLeftAsTheyWere() throws Exception
    {
        keepOld(A, 3, 4, 1, 2);
        Files.writeString(dir.resolve("BUTB-TRADER-A.qfj-fix-session"), "x".repeat(100));
        final List<String> before = files();
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> storeOf(A));
        assertTrue(refused.getMessage().startsWith("FIX store " + dir.resolve("BUTB-TRADER-A.qfj-fix-session") +
            " is not a FIX session store"), refused.getMessage());
        assertEquals(before, files());
    }

    @Test
    void aGatewayOnQuickFixJStartedOnAnOldStoreGoesOnWithItsSequenceNumbers() throws Exception
    {
        keepOld(A, 3, 4);
        try (RawGateway gateway = new RawGateway(TestCatalog.options().fixEngine(FixEngine.QFJ)
            .dataDirectory(dir.resolve("journal")).fixStoreDirectory(dir)))
        {
            assertTrue(Files.exists(dir.resolve("BUTB-TRADER-A.qfj-fix-session")), "converted at the start");
            final RawFix a = gateway.raw("TRADER-A");
            a.seq = 4;
            a.logon(TestCatalog.password("TRADER-A"));
            final String logon = a.readType("A", 5_000);
            assertNotNull(logon, "a Logon numbered 4 taken");
            assertEquals("3", RawFix.field(logon, 34), "the server's numbers go on from the old store's");
        }
    }

    @Test
    void anOldStoreThatCannotBeReadIsAOneLineErrorAndStaysAsItWas() throws Exception
    {
        keepOld(A, 3, 4, 1, 2);
        final Path numbers = dir.resolve("FIX.4.4-BUTB-TRADER-A.senderseqnums");
        Files.writeString(numbers, "not a number");
        final List<String> before = files();
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> storeOf(A));
        assertEquals("cannot convert QuickFIX/J's file store of TRADER-A (" + dir.resolve("FIX.4.4-BUTB-TRADER-A") +
            ".*) to BUTB-TRADER-A.qfj-fix-session: one of its files ends too early; its files are left as they were",
            refused.getMessage());
        assertEquals(before, files());
        assertEquals("not a number", Files.readString(numbers));
    }
}
