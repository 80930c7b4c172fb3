package by.butb.cluster;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RateLimitedLogTest
{
    private static final long MINUTE = 60_000_000_000L;

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final RateLimitedLog log = new RateLimitedLog(lines::add, 3, MINUTE, clock::get, "refused connections");

    @Test
    void writesTheFirstLinesOfAWindowAndThenOneSummary()
    {
        for (int i = 0; i < 1_000; i++)
        {
            final int n = i;
            log.log(() -> "refused " + n);
        }
        assertEquals(List.of("refused 0", "refused 1", "refused 2"), lines);
        log.flush();
        assertEquals(3, lines.size(), "no summary before the window is over");
        clock.addAndGet(MINUTE);
        log.flush();
        assertEquals("997 more refused connections not logged in the last 60 s", lines.get(3));
        log.flush();
        assertEquals(4, lines.size(), "one summary");
    }

    @Test
    void aNewWindowWritesLinesAgainAfterTheSummaryOfTheLast()
    {
        for (int i = 0; i < 5; i++)
        {
            log.log(() -> "a");
        }
        clock.addAndGet(MINUTE + 1);
        log.log(() -> "b");
        assertEquals(List.of("a", "a", "a", "2 more refused connections not logged in the last 60 s", "b"), lines);
    }

    @Test
    void linesThatAreNotWrittenAreNotBuilt()
    {
        for (int i = 0; i < 3; i++)
        {
            log.log(() -> "x");
        }
        log.log(() ->
        {
            throw new AssertionError("built a suppressed line");
        });
    }
}
