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
    @Test
    void aFloodOfHugeRejectedMessagesGivesAFewShortLinesAMinuteAndACountOfTheRest()
    {
        final List<String> lines = new ArrayList<>();
        final AtomicLong now = new AtomicLong();
        final GatewayLogFactory factory = new GatewayLogFactory(lines::add, now::get);
        final Log a = factory.create(new SessionID("FIX.4.4", "BUTB", "TRADER-A"));
        final Log b = factory.create(new SessionID("FIX.4.4", "BUTB", "TRADER-B"));
        final String huge = "Invalid tag number, field=6000: 8=FIX.4.4\u000135=D\u000158=" + "A".repeat(60_000) +
            "\u0001";
        for (int i = 0; i < 2_000; i++)
        {
            (i % 2 == 0 ? a : b).onErrorEvent(huge);
        }
        assertEquals(GatewayLogFactory.ERROR_LINES_PER_MINUTE, lines.size(), "for all sessions together");
        for (final String line : lines)
        {
            assertTrue(line.length() < GatewayLogFactory.ERROR_TEXT_CHARS + 50, line.length() + " characters");
            assertTrue(line.endsWith("... (" + huge.length() + " characters)"), line);
        }
        assertTrue(lines.get(0).startsWith("TRADER-A: Invalid tag number, field=6000: 8=FIX.4.4|35=D|58=AAA"),
            lines.get(0));

        now.addAndGet(TimeUnit.MINUTES.toNanos(1));
        factory.flush();
        assertEquals(GatewayLogFactory.ERROR_LINES_PER_MINUTE + 1, lines.size(), "the count, without a new error");
        a.onErrorEvent("Logon: 8=FIX.4.4\u0001554=secret\u0001");
        assertEquals((2_000 - GatewayLogFactory.ERROR_LINES_PER_MINUTE) +
            " more QuickFIX/J session errors not logged in the last 60 s",
            lines.get(GatewayLogFactory.ERROR_LINES_PER_MINUTE));
        assertEquals("TRADER-A: Logon: 8=FIX.4.4|554=***|", lines.get(lines.size() - 1), "a new minute, masked");
    }
}
