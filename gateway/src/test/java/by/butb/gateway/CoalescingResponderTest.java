package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import quickfix.Responder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoalescingResponderTest
{
    /** The writes the socket would see, and whether it was closed. */
    private static final class Socket implements Responder
    {
        final List<String> writes = Collections.synchronizedList(new ArrayList<>());
        boolean closed;

        @Override
        public boolean send(final String data)
        {
            writes.add(data);
            return true;
        }

        @Override
        public void disconnect()
        {
            closed = true;
        }

        @Override
        public String getRemoteAddress()
        {
            return "127.0.0.1:1";
        }
    }

    private final Socket socket = new Socket();
    private final CoalescingResponder responder = new CoalescingResponder(socket, null);

    @AfterEach
    void closeBatch()
    {
        CoalescingResponder.endBatch();
    }

    @Test
    void messagesOfOneBatchGoOutAsOneWriteWhenTheBatchEnds()
    {
        CoalescingResponder.beginBatch();
        assertTrue(responder.send("m1|"));
        assertTrue(responder.send("m2|"));
        assertEquals(List.of(), socket.writes, "held until the batch ends");
        CoalescingResponder.endBatch();
        assertEquals(List.of("m1|m2|"), socket.writes);
    }

    @Test
    void messagesOutsideABatchGoOutAtOnce()
    {
        responder.send("m1|");
        responder.send("m2|");
        assertEquals(List.of("m1|", "m2|"), socket.writes);
    }

    @Test
    void anotherThreadsMessageGoesOutAfterWhatTheBatchHolds() throws Exception
    {
        CoalescingResponder.beginBatch();
        responder.send("er1|");
        final Thread heartbeat = new Thread(() -> responder.send("hb2|"));
        heartbeat.start();
        heartbeat.join();
        assertEquals(List.of("er1|", "hb2|"), socket.writes, "sequence order kept");
        responder.send("er3|");
        CoalescingResponder.endBatch();
        assertEquals(List.of("er1|", "hb2|", "er3|"), socket.writes);
    }

    @Test
    void aBatchPastTheLimitIsWrittenInPieces()
    {
        final String message = "x".repeat(1000);
        final int n = CoalescingResponder.MAX_PENDING_CHARS / message.length() + 10;
        CoalescingResponder.beginBatch();
        for (int i = 0; i < n; i++)
        {
            responder.send(message);
        }
        CoalescingResponder.endBatch();
        assertEquals(2, socket.writes.size());
        assertEquals(n * message.length(), String.join("", socket.writes).length(), "nothing lost");
        assertTrue(socket.writes.get(0).length() >= CoalescingResponder.MAX_PENDING_CHARS);
    }

    @Test
    void disconnectWritesWhatIsHeldFirst()
    {
        CoalescingResponder.beginBatch();
        responder.send("logout|");
        responder.disconnect();
        assertEquals(List.of("logout|"), socket.writes);
        assertTrue(socket.closed);
    }
}
