package by.butb.engine.pipeline;

import by.butb.engine.CommandStream;
import by.butb.engine.TestMarket;
import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.journal.Journal;
import by.butb.engine.model.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journaled pipeline's edges in every layout: a kill -9 while a listener still holds a command (a copy of the
 * data directory taken then is what the kill leaves), a listener that fails, and a submit after the close. A restart
 * must hand the listeners again every event they had not finished with, and the journal must stay readable.
 */
class PipelineFailureAndKillWindowTest
{
    private static final long SEED = 42;
    private static final long HELD = 500;
    private final Catalog catalog = TestMarket.catalog();

    /** A listener that waits in {@code onEvent} or {@code onCommandComplete} of command {@link #HELD}. */
    private static final class Holding implements EngineListener
    {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final boolean inComplete;

        Holding(final boolean inComplete)
        {
            this.inComplete = inComplete;
        }

        @Override
        public void onEvent(final EngineEvent event)
        {
            if (!inComplete && event.commandSequence == HELD)
            {
                hold();
            }
        }

        @Override
        public void onCommandComplete(final Command command, final MatchingEngine engine)
        {
            if (inComplete && command.sequence == HELD)
            {
                hold();
            }
        }

        private void hold()
        {
            if (entered.getCount() == 0)
            {
                return;
            }
            entered.countDown();
            try
            {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records what a restart hands on: each event's command, and each command completed. */
    private static final class Recording implements EngineListener
    {
        final List<Long> events = new ArrayList<>();
        final List<Long> completed = new ArrayList<>();

        @Override
        public void onEvent(final EngineEvent event)
        {
            events.add(event.commandSequence);
        }

        @Override
        public void onCommandComplete(final Command command, final MatchingEngine engine)
        {
            completed.add(command.sequence);
        }
    }

    /**
     * Runs {@code commands} commands with {@code holding} on {@code layout}; once it holds command {@link #HELD} (and
     * the output journal had time to run ahead), copies the data directory, as a kill -9 would leave it; returns
     * what a restart on that copy hands on.
     */
    private Recording restartAfterAKillWhileHeld(final PipelineLayout layout, final Holding holding,
        final int commands, final Path data) throws Exception
    {
        final Path run = data.resolve("run");
        final Path killed = data.resolve("killed");
        final EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).dataDirectory(run)
            .layout(layout).listener(holding));
        try
        {
            EnginePipelineTest.submit(pipeline, new CommandStream(catalog, SEED), commands);
            assertTrue(holding.entered.await(10, TimeUnit.SECONDS), "the listener holds command " + HELD);
            Thread.sleep(200); // an output stage running ahead of the listeners would journal the command meanwhile
            copy(run, killed);
        }
        finally
        {
            holding.release.countDown();
            pipeline.close();
        }
        final Recording recording = new Recording();
        try (EnginePipeline restarted = EnginePipeline.start(new EngineContext().catalog(catalog)
            .dataDirectory(killed).layout(layout).listener(recording)))
        {
            return recording;
        }
    }

    @ParameterizedTest
    @EnumSource(PipelineLayout.class)
    void aKillWhileAListenerHoldsACommandsEventsHandsThemOnAgainAtTheRestart(final PipelineLayout layout,
        @TempDir final Path data) throws Exception
    {
        final Recording again = restartAfterAKillWhileHeld(layout, new Holding(false), 1_000, data);
        assertTrue(again.events.contains(HELD), layout + ": the events of command " + HELD + " reached no listener " +
            "and were not handed on again; " + again.events.size() + " events were");
    }

    @ParameterizedTest
    @EnumSource(PipelineLayout.class)
    void aKillWhileAListenerCompletesTheLastCommandCompletesItAgainAtTheRestart(final PipelineLayout layout,
        @TempDir final Path data) throws Exception
    {
        final Recording again = restartAfterAKillWhileHeld(layout, new Holding(true), (int)HELD + 1, data);
        assertTrue(again.completed.contains(HELD), layout + ": command " + HELD + " was not completed again; " +
            "completed " + again.completed);
    }

    @ParameterizedTest
    @EnumSource(PipelineLayout.class)
    void aCommandWhoseListenerFailedIsHandedOnWholeAtTheRestart(final PipelineLayout layout,
        @TempDir final Path data) throws Exception
    {
        final long k = firstWithThreeEvents(300);
        final int[] seenOfK = {0};
        final EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).dataDirectory(data)
            .layout(layout).listener(e ->
            {
                if (e.commandSequence == k && ++seenOfK[0] == 2)
                {
                    throw new IllegalStateException("a listener failed on command " + k);
                }
            }));
        try
        {
            EnginePipelineTest.submit(pipeline, new CommandStream(catalog, SEED), (int)k + 1);
            pipeline.drain();
        }
        catch (final IllegalStateException failed)
        {
            // the pipeline failed on command k
        }
        finally
        {
            pipeline.close();
        }
        final Recording again = new Recording();
        try (EnginePipeline restarted = EnginePipeline.start(new EngineContext().catalog(catalog)
            .dataDirectory(data).layout(layout).listener(again)))
        {
            assertEquals(eventsOf(k), again.events.stream().filter(s -> s == k).count(),
                layout + ": every event of command " + k + ", once");
        }
    }

    /** A close after a stage failed while the other stages still ran: every round's journal recovers. */
    @ParameterizedTest
    @EnumSource(value = PipelineLayout.class, names = {"JOURNAL_THREAD", "STAGED"})
    void aCloseAfterAListenerFailedLeavesAJournalThatRecovers(final PipelineLayout layout, @TempDir final Path data)
    {
        for (int round = 0; round < 10; round++)
        {
            final Path dir = data.resolve("r" + round);
            final EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog)
                .dataDirectory(dir).layout(layout).listener(e ->
                {
                    if (e.commandSequence == 5)
                    {
                        throw new IllegalStateException("a listener failed");
                    }
                }));
            try
            {
                EnginePipelineTest.submitInBatches(pipeline, new CommandStream(catalog, SEED), 16_000, 256);
            }
            catch (final IllegalStateException failed)
            {
                // the pipeline failed on command 5
            }
            try
            {
                pipeline.close();
            }
            catch (final IllegalStateException failed)
            {
                // the close's drain found the failure; the close went on
            }
            final List<Long> sequences = new ArrayList<>();
            try (Journal journal = new Journal(dir))
            {
                journal.readCommands(new Command(), c -> sequences.add(c.sequence));
            }
            for (int i = 0; i < sequences.size(); i++)
            {
                assertEquals(i, sequences.get(i), layout + " round " + round + ": the input journal in order");
            }
            try (EnginePipeline restarted = EnginePipeline.start(new EngineContext().catalog(catalog)
                .dataDirectory(dir).layout(layout)))
            {
                assertEquals(ReferenceRun.stateHashAfter(SEED, restarted.recoveredCommands()),
                    restarted.engine().stateHash(), layout + " round " + round);
            }
        }
    }

    @Test
    void aSubmitAfterTheCloseIsRefusedInsteadOfLost(@TempDir final Path data)
    {
        final EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).dataDirectory(data)
            .layout(PipelineLayout.STAGED).ringSize(16));
        final CommandStream stream = new CommandStream(catalog, SEED);
        EnginePipelineTest.submit(pipeline, stream, 10);
        pipeline.close();
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> EnginePipelineTest.submit(pipeline, stream, 1));
        assertEquals("the engine pipeline is closed: a command submitted now would be lost", refused.getMessage());
    }

    /** The events of command {@code k} in an uninterrupted run. */
    private static int eventsOf(final long k)
    {
        final MatchingEngine engine = new MatchingEngine(TestMarket.catalog(), MarketRules.DEFAULT);
        final CommandStream stream = new CommandStream(TestMarket.catalog(), SEED);
        final Command command = new Command();
        final EventList events = new EventList();
        for (long i = 0; i <= k; i++)
        {
            stream.next(command.clear()).sequence = i;
            events.clear();
            engine.process(command, events);
        }
        return events.size();
    }

    /** The first command from {@code from} on with at least three events. */
    private static long firstWithThreeEvents(final long from)
    {
        for (long k = from; ; k++)
        {
            if (eventsOf(k) >= 3)
            {
                return k;
            }
        }
    }

    private static void copy(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> files = Files.walk(from))
        {
            for (final Path f : (Iterable<Path>)files::iterator)
            {
                final Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(f, target);
                }
            }
        }
    }
}
