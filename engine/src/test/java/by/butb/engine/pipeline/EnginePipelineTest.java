package by.butb.engine.pipeline;

import by.butb.engine.CommandStream;
import by.butb.engine.TestMarket;
import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.ResultCode;
import by.butb.engine.journal.Journal;
import by.butb.engine.model.Catalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnginePipelineTest
{
    private static final long SEED = 42;
    private final Catalog catalog = TestMarket.catalog();

    @Test
    void shouldReachTheSameStateAsTheEngineAloneForEveryWaitStrategy()
    {
        final long expected = ReferenceRun.stateHashAfter(SEED, 20_000);
        for (final WaitStrategyName wait : WaitStrategyName.values())
        {
            try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog)
                .waitStrategy(wait).ringSize(1024)))
            {
                submit(pipeline, new CommandStream(catalog, SEED), 20_000);
                pipeline.drain();
                assertEquals(expected, pipeline.engine().stateHash(), "state after the pipeline with " + wait);
            }
        }
    }

    @Test
    void shouldHandEveryEventToListenersInOrder()
    {
        final List<Long> sequences = new ArrayList<>();
        final AtomicLong trades = new AtomicLong();
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog)
            .listener(e -> sequences.add(e.commandSequence))
            .listener(e -> trades.addAndGet(e.type == EventType.TRADE ? 1 : 0))))
        {
            submit(pipeline, new CommandStream(catalog, SEED), 5_000);
            pipeline.drain();
        }
        for (int i = 1; i < sequences.size(); i++)
        {
            assertTrue(sequences.get(i) >= sequences.get(i - 1), "events in command order");
        }
        assertEquals(4_999, sequences.get(sequences.size() - 1));
        assertTrue(trades.get() > 100);
    }

    @ParameterizedTest
    @EnumSource(PipelineLayout.class)
    void shouldRebuildTheSameStateFromTheJournalOnRestart(final PipelineLayout layout, @TempDir final Path data)
    {
        final CommandStream stream = new CommandStream(catalog, SEED);
        final long hashBefore;
        final List<String> firstRunEvents = new ArrayList<>();
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).layout(layout)
            .dataDirectory(data).listener(e -> firstRunEvents.add(e.toString()))))
        {
            submit(pipeline, stream, 10_000);
            pipeline.drain();
            hashBefore = pipeline.engine().stateHash();
        }
        assertEquals(ReferenceRun.stateHashAfter(SEED, 10_000), hashBefore);

        final List<String> republished = new ArrayList<>();
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).layout(layout)
            .dataDirectory(data).listener(e -> republished.add(e.toString()))))
        {
            assertEquals(10_000, pipeline.recoveredCommands());
            assertEquals(hashBefore, pipeline.engine().stateHash(), "state rebuilt from the journal");
            assertTrue(republished.isEmpty(), "events already in the output journal are not published again");
            submit(pipeline, stream, 5_000);
            pipeline.drain();
            assertEquals(ReferenceRun.stateHashAfter(SEED, 15_000), pipeline.engine().stateHash(),
                "a restarted run ends where an uninterrupted one does");
        }

        final List<String> journaled = new ArrayList<>();
        try (Journal journal = new Journal(data))
        {
            journal.readEvents(new EngineEvent(), e ->
            {
                if (journaled.size() < firstRunEvents.size())
                {
                    journaled.add(e.toString());
                }
            });
        }
        assertEquals(firstRunEvents, journaled, "the output journal holds exactly what listeners saw");
    }

    @Test
    void shouldRecoverFromTheLatestSnapshotPlusTheJournalTail(@TempDir final Path data)
    {
        final CommandStream stream = new CommandStream(catalog, SEED);
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).dataDirectory(data)))
        {
            submit(pipeline, stream, 4_000);
            pipeline.snapshot();
            submit(pipeline, stream, 6_000);
            final Path latest = pipeline.snapshot();
            assertTrue(latest.getFileName().toString().equals("snapshot-9999.bin"), latest.toString());
            submit(pipeline, stream, 2_000);
        }
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).dataDirectory(data)))
        {
            assertEquals(2_000, pipeline.recoveredCommands(), "only the tail after the latest snapshot is replayed");
            assertEquals(ReferenceRun.stateHashAfter(SEED, 12_000), pipeline.engine().stateHash());
            submit(pipeline, stream, 1_000);
            pipeline.drain();
            assertEquals(ReferenceRun.stateHashAfter(SEED, 13_000), pipeline.engine().stateHash());
        }
    }

    @Test
    void shouldRecoverFromTheInputJournalAloneAndPublishTheEventsAgain(@TempDir final Path data)
    {
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog)
            .dataDirectory(data).outputJournal(false)))
        {
            submit(pipeline, new CommandStream(catalog, SEED), 2_000);
        }
        final AtomicLong republished = new AtomicLong();
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).dataDirectory(data)
            .outputJournal(false).listener(e -> republished.incrementAndGet())))
        {
            assertEquals(2_000, pipeline.recoveredCommands());
            assertEquals(ReferenceRun.stateHashAfter(SEED, 2_000), pipeline.engine().stateHash());
            assertTrue(republished.get() >= 2_000, "without an output journal every event is published again");
        }
    }

    @Test
    void aListenerCanTakeUpTheRecoveredStreamFromACommandItRecorded(@TempDir final Path data)
    {
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).dataDirectory(data)))
        {
            submit(pipeline, new CommandStream(catalog, SEED), 1_000);
        }
        final long takeUpAfter = 899;
        final long[] stateBefore = {0};
        final List<Long> completed = new ArrayList<>();
        final EngineListener listener = new EngineListener()
        {
            @Override
            public void onEvent(final EngineEvent event)
            {
            }

            @Override
            public void onCommandComplete(final Command command, final MatchingEngine engine)
            {
                completed.add(command.sequence);
            }

            @Override
            public void beforeReplayed(final Command command, final MatchingEngine engine)
            {
                assertEquals(command.sequence - 1, engine.lastSequence(), "the state after the command before");
                if (command.sequence == takeUpAfter + 1)
                {
                    stateBefore[0] = engine.stateHash();
                }
            }

            @Override
            public long republishAfter()
            {
                return takeUpAfter;
            }
        };
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).dataDirectory(data)
            .listener(listener)))
        {
            assertEquals(1_000, pipeline.recoveredCommands());
        }
        assertEquals(ReferenceRun.stateHashAfter(SEED, 900), stateBefore[0]);
        assertEquals(100, completed.size(), "the output journal has them all; this listener asked for the last 100");
        assertEquals(takeUpAfter + 1, completed.get(0));
        assertEquals(999L, completed.get(99));
    }

    @Test
    void shouldRefuseASnapshotMadeWithAnotherCatalog(@TempDir final Path data)
    {
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).dataDirectory(data)))
        {
            submit(pipeline, new CommandStream(catalog, SEED), 100);
            pipeline.snapshot();
        }
        final Catalog other = by.butb.engine.model.CatalogLoader.fromText(TestMarket.INSTRUMENTS,
            TestMarket.PARTICIPANTS.replace("SELLER,Belarusian seller", "SELLER2,Belarusian seller"));
        final IllegalStateException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> EnginePipeline.start(new EngineContext().catalog(other).dataDirectory(data)));
        assertTrue(error.getMessage().contains("another instrument catalog"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(PipelineLayout.class)
    void shouldRecoverUnderOneLayoutWhatAnotherWrote(final PipelineLayout layout, @TempDir final Path data)
    {
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog)
            .dataDirectory(data).layout(layout)))
        {
            assertEquals(layout, pipeline.layout());
            submit(pipeline, new CommandStream(catalog, SEED), 3_000);
        }
        final PipelineLayout other = PipelineLayout.values()[(layout.ordinal() + 1) % PipelineLayout.values().length];
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).dataDirectory(data)
            .layout(other)))
        {
            assertEquals(3_000, pipeline.recoveredCommands());
            assertEquals(ReferenceRun.stateHashAfter(SEED, 3_000), pipeline.engine().stateHash());
        }
    }

    @Test
    void shouldJournalACommandWithMoreEventsThanTheOutputRingHolds(@TempDir final Path data)
    {
        final List<String> seen = new ArrayList<>();
        final Command command = new Command();
        final long time = 1_704_099_600_000_000_000L;
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).dataDirectory(data)
            .layout(PipelineLayout.STAGED).ringSize(16).listener(e -> seen.add(e.toString()))))
        {
            final int[] sellers = {TestMarket.SELLER, TestMarket.BUYER2, TestMarket.TIMBERONLY};
            for (int i = 0; i < 90; i++)
            {
                pipeline.submit(command.newOrder(time, sellers[i % sellers.length], 1 + i, TestMarket.TIMBER,
                    Side.SELL, OrderType.LIMIT, TimeInForce.GTC, TestMarket.px(100), TestMarket.qty(1)));
            }
            pipeline.submit(command.newOrder(time, TestMarket.BUYER, 1, TestMarket.TIMBER, Side.BUY, OrderType.LIMIT,
                TimeInForce.IOC, TestMarket.px(100), TestMarket.qty(90)));
            pipeline.drain();
        }
        final List<String> journaled = new ArrayList<>();
        try (Journal journal = new Journal(data))
        {
            journal.readEvents(new EngineEvent(), e -> journaled.add(e.toString()));
        }
        assertTrue(seen.stream().filter(e -> e.startsWith("TRADE")).count() == 90, "one command traded 90 times");
        assertEquals(seen, journaled, "the output journal holds every event, in order, in chunks of the ring");
    }

    @Test
    void shouldApplyBatchedSubmissionsExactlyAsSingleOnes(@TempDir final Path data)
    {
        final int commands = 20_000;
        final long expected = ReferenceRun.stateHashAfter(SEED, commands);
        for (final int batch : new int[] {1, 7, 64, 1024})
        {
            try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).ringSize(1024)))
            {
                submitInBatches(pipeline, new CommandStream(catalog, SEED), commands, batch);
                pipeline.drain();
                assertEquals(expected, pipeline.engine().stateHash(), "state after batches of " + batch);
                assertEquals(commands, pipeline.submittedCommands());
            }
        }
        final Path journaled = data.resolve("batched");
        try (EnginePipeline pipeline = EnginePipeline.start(
            new EngineContext().catalog(catalog).dataDirectory(journaled)))
        {
            submitInBatches(pipeline, new CommandStream(catalog, SEED), commands, 100);
        }
        try (EnginePipeline pipeline = EnginePipeline.start(
            new EngineContext().catalog(catalog).dataDirectory(journaled)))
        {
            assertEquals(commands, pipeline.recoveredCommands());
            assertEquals(expected, pipeline.engine().stateHash(), "state rebuilt from a journal written in batches");
        }
    }

    @Test
    void shouldRefuseABatchThatIsEmptyOrLargerThanTheRing()
    {
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).ringSize(1024)))
        {
            final CommandStream stream = new CommandStream(catalog, SEED);
            final CommandTranslator<CommandStream> translator = (command, s) -> s.next(command);
            for (final int count : new int[] {0, -1, 1025})
            {
                final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> pipeline.submit(translator, stream, count));
                assertTrue(ex.getMessage().contains("batch of " + count + " commands") &&
                    ex.getMessage().contains("1024"), ex.getMessage());
            }
            assertEquals(0, pipeline.submittedCommands(), "nothing claimed by a refused batch");
        }
    }

    @Test
    void shouldRejectTheRestOfABatchWhenItsTranslatorFails()
    {
        final List<EngineEvent> events = new ArrayList<>();
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog)
            .listener(e -> events.add(copyOf(e)))))
        {
            final CommandStream stream = new CommandStream(catalog, SEED);
            final int[] filled = {0};
            final CommandTranslator<CommandStream> failsOnThird = (command, s) ->
            {
                if (++filled[0] == 3)
                {
                    command.price = 1;
                    throw new IllegalStateException("translator failed");
                }
                s.next(command);
            };
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> pipeline.submit(failsOnThird, stream, 5));
            assertEquals("translator failed", ex.getMessage());
            pipeline.submit((command, s) -> s.next(command), stream, 2);
            pipeline.drain();
            assertEquals(7, pipeline.submittedCommands());
        }
        for (long sequence = 2; sequence <= 4; sequence++)
        {
            final long seq = sequence;
            final List<EngineEvent> own = events.stream().filter(e -> e.commandSequence == seq).toList();
            assertEquals(1, own.size(), "one event for command " + seq);
            assertEquals(EventType.REJECTED, own.get(0).type);
            assertEquals(ResultCode.MALFORMED_INPUT, own.get(0).code);
        }
        assertTrue(events.stream().anyMatch(e -> e.commandSequence == 6), "the pipeline goes on after the failure");
        assertTrue(events.stream().noneMatch(e -> e.commandSequence <= 1 && e.type == EventType.REJECTED &&
            e.code == ResultCode.MALFORMED_INPUT), "the commands filled before the failure are applied as filled");
    }

    @Test
    void shouldKeepEachBatchInOnePieceWhenSeveralThreadsSubmit() throws Exception
    {
        final int producers = 3;
        final int batches = 400;
        final int batch = 10;
        final List<long[]> applied = new ArrayList<>();
        final EngineListener recorder = new EngineListener()
        {
            @Override
            public void onEvent(final EngineEvent event)
            {
            }

            @Override
            public void onCommandComplete(final Command command, final MatchingEngine engine)
            {
                applied.add(new long[] {command.sequence, command.userRef});
            }
        };
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog)
            .multiProducer(true).ringSize(64).listener(recorder)))
        {
            final List<Thread> threads = new ArrayList<>();
            for (int p = 1; p <= producers; p++)
            {
                final long producer = p;
                final long[] counter = {0};
                final CommandTranslator<long[]> translator = (command, next) ->
                    command.clock(1_704_099_600_000_000_000L).userRef = producer << 32 | next[0]++;
                threads.add(new Thread(() ->
                {
                    for (int b = 0; b < batches; b++)
                    {
                        pipeline.submit(translator, counter, batch);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (final Thread t : threads)
            {
                t.join();
            }
            pipeline.drain();
        }
        assertEquals(producers * batches * batch, applied.size());
        for (int i = 0; i < applied.size(); i++)
        {
            assertEquals(i, applied.get(i)[0], "commands applied in sequence order");
            final long userRef = applied.get(i)[1];
            if ((userRef & 0xFFFF_FFFFL) % batch == 0)
            {
                for (int k = 1; k < batch; k++)
                {
                    assertEquals(userRef + k, applied.get(i + k)[1], "batch starting at sequence " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PipelineLayout.class)
    void shouldFailTheSubmitterInsteadOfHangingWhenAListenerKillsTheLogicThread(final PipelineLayout layout)
    {
        final EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).layout(layout)
            .ringSize(16).listener(e ->
            {
                throw new OutOfMemoryError("a listener ran out of memory");
            }));
        try
        {
            final CommandStream stream = new CommandStream(catalog, SEED);
            final IllegalStateException failed = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(IllegalStateException.class, () -> submit(pipeline, stream, 1_000)),
                "a full ring in front of a dead logic thread must not hold the submitter for ever");
            assertTrue(String.valueOf(failed.getMessage()).contains("a listener ran out of memory"),
                failed.getMessage());
        }
        finally
        {
            pipeline.close();
        }
    }

    private static EngineEvent copyOf(final EngineEvent e)
    {
        final EngineEvent copy = new EngineEvent();
        copy.copyFrom(e);
        return copy;
    }

    static void submitInBatches(final EnginePipeline pipeline, final CommandStream stream, final int count,
        final int batch)
    {
        final CommandTranslator<CommandStream> translator = (command, s) -> s.next(command);
        int left = count;
        while (left > 0)
        {
            final int n = Math.min(batch, left);
            pipeline.submit(translator, stream, n);
            left -= n;
        }
    }

    static void submit(final EnginePipeline pipeline, final CommandStream stream, final int count)
    {
        final Command command = new Command();
        for (int i = 0; i < count; i++)
        {
            pipeline.submit(stream.next(command.clear()));
        }
    }
}
