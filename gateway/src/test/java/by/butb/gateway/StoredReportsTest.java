package by.butb.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@link StoredReports}: a command is recorded once every loop has taken (stored) what was queued for it by the end of
 * the pass that reported it, never before.
 */
class StoredReportsTest
{
    @TempDir
    Path dir;

    @Test
    void aCommandIsRecordedOnceEveryLoopHasStoredWhatWasQueuedBeforeIt()
    {
        try (ReportedCommands record = ReportedCommands.open(dir))
        {
            record.through(4);
            final StoredReports stored = new StoredReports(record);
            final NativeReportQueue a = new NativeReportQueue(8);
            final NativeReportQueue b = new NativeReportQueue(8);

            stored.accept(5); // stored on the sending thread: no loop holds any of it
            stored.settle();
            assertEquals(5, record.through());

            queue(a, stored);
            queue(b, stored);
            stored.accept(6);
            stored.settle();
            assertEquals(5, record.through(), "6's reports wait in both loops");
            take(a);
            stored.settle();
            assertEquals(5, record.through(), "and still in b");

            queue(a, stored);
            stored.accept(7);
            stored.settle();
            assertEquals(5, record.through(), "7 waits behind 6");
            take(b);
            stored.settle();
            assertEquals(6, record.through(), "6 stored everywhere; 7 noted now, its report still in a");
            take(a);
            stored.settle();
            assertEquals(7, record.through());
            stored.settle();
            assertEquals(7, record.through(), "nothing new");
        }
    }

    @Test
    void aLoopFirstUsedWhileACommandIsPendingHoldsNoneOfIt()
    {
        try (ReportedCommands record = ReportedCommands.open(dir))
        {
            record.through(0);
            final StoredReports stored = new StoredReports(record);
            final NativeReportQueue a = new NativeReportQueue(8);
            final NativeReportQueue b = new NativeReportQueue(8);
            queue(a, stored);
            stored.accept(1);
            stored.settle();
            assertEquals(0, record.through(), "1 waits in a");

            queue(b, stored); // b's first message, for command 2
            queue(b, stored);
            stored.accept(2);
            stored.settle();
            take(a);
            stored.settle();
            assertEquals(1, record.through(), "1 is stored: what b holds is 2's");
            take(b);
            stored.settle();
            assertEquals(1, record.through(), "2 waits for the second message in b");
            take(b);
            stored.settle();
            assertEquals(2, record.through());
        }
    }

    private static void queue(final NativeReportQueue queue, final StoredReports stored)
    {
        assertNotNull(queue.claim(() -> true, () -> { }));
        queue.publish();
        stored.queuedTo(queue);
    }

    private static void take(final NativeReportQueue queue)
    {
        queue.taken(queue.peek());
    }
}
