package by.butb.engine.pipeline;

import by.butb.engine.CommandStream;
import by.butb.engine.TestMarket;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventType;
import by.butb.engine.journal.Journal;
import by.butb.engine.model.Catalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a journaled engine process forcibly in the middle of a stream, restarts on its data directory, and checks
 * that every order acknowledged before the kill survived and that the state equals an uninterrupted run's; for
 * every thread layout.
 */
class KillAndRestartTest
{
    private static final long SEED = 77;
    private static final int ACKS_BEFORE_KILL = 3_000;

    @ParameterizedTest
    @EnumSource(PipelineLayout.class)
    void shouldKeepEveryAcknowledgedOrderAcrossAForcedKill(final PipelineLayout layout, @TempDir final Path data)
        throws Exception
    {
        final Set<String> acknowledged = new HashSet<>();
        final Process child = startChild(data, layout);
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (acknowledged.size() < ACKS_BEFORE_KILL && (line = reader.readLine()) != null)
            {
                if (line.startsWith("ACK "))
                {
                    acknowledged.add(line.substring(4));
                }
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child ended");
        }
        assertEquals(ACKS_BEFORE_KILL, acknowledged.size(), "the child acknowledged orders before the kill");

        final Catalog catalog = TestMarket.catalog();
        final Set<String> journaledAccepts = new HashSet<>();
        final long recovered;
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).dataDirectory(data)
            .layout(layout)))
        {
            recovered = pipeline.recoveredCommands();
            assertTrue(recovered > 0);
            assertEquals(ReferenceRun.stateHashAfter(SEED, recovered), pipeline.engine().stateHash(),
                "recovered state equals an uninterrupted run over the journaled commands");

            final CommandStream stream = new CommandStream(catalog, SEED);
            final by.butb.engine.core.Command skip = new by.butb.engine.core.Command();
            for (long i = 0; i < recovered; i++)
            {
                stream.next(skip.clear());
            }
            EnginePipelineTest.submit(pipeline, stream, 5_000);
            pipeline.drain();
            assertEquals(ReferenceRun.stateHashAfter(SEED, recovered + 5_000), pipeline.engine().stateHash(),
                "after the restart the run continues exactly as if it had never stopped");
        }
        final List<Long> sequences = new ArrayList<>();
        try (Journal journal = new Journal(data))
        {
            journal.readEvents(new EngineEvent(), e ->
            {
                sequences.add(e.commandSequence);
                if (e.type == EventType.ACCEPTED)
                {
                    journaledAccepts.add(e.owner + " " + e.clientOrderId + " " + e.exchangeOrderId);
                }
            });
        }
        for (final String ack : acknowledged)
        {
            assertTrue(journaledAccepts.contains(ack), "acknowledged order " + ack + " is in the recovered output");
        }
        for (int i = 1; i < sequences.size(); i++)
        {
            assertTrue(sequences.get(i) >= sequences.get(i - 1), "no event published twice or out of order");
        }
    }

    private static Process startChild(final Path data, final PipelineLayout layout) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-")).toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KillableEngineMain.class.getName());
        command.add(data.toString());
        command.add(Long.toString(SEED));
        command.add(layout.name());
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
