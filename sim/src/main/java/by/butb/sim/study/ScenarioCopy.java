package by.butb.sim.study;

import by.butb.sim.replay.Source;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Copies a scenario's inputs (the scenario file and the CSV files it names) into {@code scenario/} of a run's output
 * directory, so that the output says what was replayed. A file named outside the scenario's directory is copied
 * under its own name.
 */
public final class ScenarioCopy
{
    public static final String DIRECTORY = "scenario";

    private ScenarioCopy()
    {
    }

    /** Writes the copies into {@code out}/scenario/; returns that directory. */
    public static Path write(final Scenario scenario, final Path out) throws IOException
    {
        final Path dir = Files.createDirectories(out.resolve(DIRECTORY));
        for (final Map.Entry<String, Source> e : scenario.inputs().entrySet())
        {
            Path name = Path.of(e.getKey()).normalize();
            if (name.isAbsolute() || name.startsWith(".."))
            {
                name = name.getFileName();
            }
            final Path target = dir.resolve(name);
            Files.createDirectories(target.getParent());
            try (Reader in = e.getValue().open();
                 Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8))
            {
                in.transferTo(w);
            }
        }
        return dir;
    }
}
