package by.butb.gateway;

import org.junit.jupiter.api.Test;
import quickfix.MessageStore;
import quickfix.SessionID;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentMessageStoreTest
{
    private static final SessionID SESSION = new SessionID("FIX.4.4", "BUTB", "TRADER-A");

    @Test
    void shouldKeepOnlyTheLastMessagesForResend() throws Exception
    {
        final MessageStore store = RecentMessageStore.create(SESSION, 4);
        for (int seq = 1; seq <= 10; seq++)
        {
            assertTrue(store.set(seq, "m" + seq));
            store.incrNextSenderMsgSeqNum();
        }
        final List<String> got = new ArrayList<>();
        store.get(1, 10, got);
        assertEquals(List.of("m7", "m8", "m9", "m10"), got, "older ones are gone: QuickFIX/J gap-fills them");
        got.clear();
        store.get(8, 9, got);
        assertEquals(List.of("m8", "m9"), got);
        assertEquals(11, store.getNextSenderMsgSeqNum());
    }

    @Test
    void shouldForgetMessagesAndSequenceNumbersOnReset() throws Exception
    {
        final MessageStore store = RecentMessageStore.create(SESSION, 4);
        store.set(1, "m1");
        store.setNextSenderMsgSeqNum(2);
        store.setNextTargetMsgSeqNum(5);
        store.reset();
        final List<String> got = new ArrayList<>();
        store.get(1, 4, got);
        assertEquals(List.of(), got);
        assertEquals(1, store.getNextSenderMsgSeqNum());
        assertEquals(1, store.getNextTargetMsgSeqNum());
    }

    @Test
    void shouldRefuseAStoreThatKeepsNothing()
    {
        assertThrows(IllegalArgumentException.class, () -> RecentMessageStore.factory(0));
    }
}
