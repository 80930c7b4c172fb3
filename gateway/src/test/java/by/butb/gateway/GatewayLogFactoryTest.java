package by.butb.gateway;

import org.junit.jupiter.api.Test;
import quickfix.Log;
import quickfix.SessionID;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * QuickFIX/J's session errors, which quote each rejected message in full, cannot fill the server's log: a few lines
 * a minute for all sessions, each cut short, the password masked, and a count of what was left out.
 */
class GatewayLogFactoryTest
{
    private static final String HUGE = "Invalid tag number, field=6000: 8=FIX.4.4\u000135=D\u000158=" +
        "A".repeat(60_000) + "\u0001";

    @Test
    void aFloodOfHugeRejectedMessagesGivesAFewShortLinesAMinuteAndACountOfTheRest()
    {
        final List<String> lines = new ArrayList<>();
        final AtomicLong now = new AtomicLong();
        final GatewayLogFactory factory = new GatewayLogFactory(lines::add, now::get);
        final List<Log> sessions = new ArrayList<>();
        for (int i = 0; i < 8; i++)
        {
            sessions.add(factory.create(new SessionID("FIX.4.4", "BUTB", "TRADER-" + i)));
        }
        for (int i = 0; i < 2_000; i++)
        {
            sessions.get(i % 8).onErrorEvent(HUGE);
        }
        assertEquals(GatewayLogFactory.ERROR_LINES_PER_MINUTE, lines.size(), "for all sessions together");
        for (final String line : lines)
        {
            assertTrue(line.length() < GatewayLogFactory.ERROR_TEXT_CHARS + 50, line.length() + " characters");
            assertTrue(line.endsWith("... (" + HUGE.length() + " characters)"), line);
        }
        assertTrue(lines.get(0).startsWith("TRADER-0: Invalid tag number, field=6000: 8=FIX.4.4|35=D|58=AAA"),
            lines.get(0));

        now.addAndGet(TimeUnit.MINUTES.toNanos(1));
        factory.flush();
        final List<String> counts = lines.subList(GatewayLogFactory.ERROR_LINES_PER_MINUTE, lines.size());
        assertEquals(9, counts.size(), "the counts, without a new error: what the limit for all left out, then each " +
            "session's: " + counts);
        assertEquals((8 * GatewayLogFactory.ERROR_LINES_PER_SESSION_MINUTE - GatewayLogFactory.ERROR_LINES_PER_MINUTE) +
            " more QuickFIX/J session errors not logged in the last 60 s", counts.get(0));
        assertEquals((250 - GatewayLogFactory.ERROR_LINES_PER_SESSION_MINUTE) +
            " more QuickFIX/J session errors of TRADER-0 not logged in the last 60 s", counts.get(1));
        sessions.get(0).onErrorEvent("Logon: 8=FIX.4.4\u0001554=secret\u0001");
        assertEquals("TRADER-0: Logon: 8=FIX.4.4|554=***|", lines.get(lines.size() - 1), "a new minute, masked");
    }

    @Test
    void oneSessionsFloodLeavesTheOtherSessionsErrorsLogged()
    {
        final List<String> lines = new ArrayList<>();
        final GatewayLogFactory factory = new GatewayLogFactory(lines::add, () -> 0);
        final Log noisy = factory.create(new SessionID("FIX.4.4", "BUTB", "TRADER-A"));
        final Log quiet = factory.create(new SessionID("FIX.4.4", "BUTB", "TRADER-B"));
        for (int i = 0; i < 2_000; i++)
        {
            noisy.onErrorEvent(HUGE);
        }
        assertEquals(GatewayLogFactory.ERROR_LINES_PER_SESSION_MINUTE, lines.size(), "the noisy session's share");
        quiet.onErrorEvent("MsgSeqNum too low, expecting 7 but received 5");
        assertEquals("TRADER-B: MsgSeqNum too low, expecting 7 but received 5", lines.get(lines.size() - 1));
    }
}
