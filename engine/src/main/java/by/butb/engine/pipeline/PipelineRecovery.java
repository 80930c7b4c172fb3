package by.butb.engine.pipeline;

import by.butb.engine.core.Command;
import by.butb.engine.core.EngineSnapshot;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.journal.Journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An {@link EnginePipeline}'s start from its data directory: the latest snapshot, then the input journal after it,
 * replayed before the pipeline's threads start. Threading: the starting thread.
 */
final class PipelineRecovery
{
    private PipelineRecovery()
    {
    }

    /** Loads the latest {@code snapshot-<sequence>.bin} of {@code directory} into {@code engine}; -1 if none. */
    static long loadLatestSnapshot(final Path directory, final MatchingEngine engine)
    {
        if (!Files.isDirectory(directory))
        {
            return -1;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            final Path latest = files
                .filter(f -> f.getFileName().toString().matches("snapshot-\\d+\\.bin"))
                .max(Comparator.comparingLong(PipelineRecovery::snapshotSequence))
                .orElse(null);
            if (latest == null)
            {
                return -1;
            }
            EngineSnapshot.read(latest, engine);
            return engine.lastSequence();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list snapshots in " + directory, ex);
        }
    }

    private static long snapshotSequence(final Path file)
    {
        final String name = file.getFileName().toString();
        return Long.parseLong(name.substring("snapshot-".length(), name.length() - ".bin".length()));
    }

    /**
     * Replays the input journal after {@code snapshotSequence} into {@code engine}: the commands the output journal
     * does not hold yet are published as new (to the listeners and the output journal), and the others republished
     * to each listener that asks for them ({@link EngineListener#republishAfter}). Returns the commands replayed.
     */
    static long recover(final Journal journal, final boolean outputJournal, final MatchingEngine engine,
        final EngineListener[] listeners, final long snapshotSequence)
    {
        final long lastPublished = outputJournal ? journal.lastPublishedCommand() : -1;
        final EventList events = new EventList(64);
        final long[] replayed = {0};
        journal.readCommands(new Command(), command ->
        {
            if (command.sequence <= snapshotSequence)
            {
                return;
            }
            replayed[0]++;
            for (final EngineListener listener : listeners)
            {
                listener.beforeReplayed(command, engine);
            }
            events.clear();
            engine.process(command, events);
            if (command.sequence > lastPublished)
            {
                EnginePipeline.publish(command, events, engine, outputJournal ? journal : null, listeners, false);
                return;
            }
            for (final EngineListener listener : listeners)
            {
                if (command.sequence > listener.republishAfter())
                {
                    republish(command, events, engine, listener);
                }
            }
        });
        journal.releaseAppenders();
        return replayed[0];
    }

    /** During recovery: a command's events again to {@code listener} alone (the output journal has them). */
    private static void republish(final Command command, final EventList events, final MatchingEngine engine,
        final EngineListener listener)
    {
        for (int i = 0, n = events.size(); i < n; i++)
        {
            listener.onEvent(events.get(i));
        }
        listener.onCommandComplete(command, engine);
    }
}
