package by.butb.sim.study;

import by.butb.sim.replay.Source;

import java.nio.file.Path;

/**
 * Where a scenario file is, so that the files it names (flows.csv, accreditations.csv) are found next to it: a
 * file on disk, or a scenario bundled in the jar under {@code scenarios/}.
 */
public record ScenarioSource(Source source, Path directory, String resourceDirectory)
{
    /** The bundled study scenario: a copy of examples/study/study.yaml and the study's CSVs. */
    public static final ScenarioSource STUDY = bundled("scenarios/study", "study.yaml");

    public static ScenarioSource file(final Path file)
    {
        final Path parent = file.toAbsolutePath().normalize().getParent();
        return new ScenarioSource(Source.file(file), parent, null);
    }

    public static ScenarioSource bundled(final String directory, final String name)
    {
        return new ScenarioSource(Source.resource(directory + "/" + name), null, directory);
    }

    public String name()
    {
        return source.name();
    }

    /**
     * A file the scenario names, relative to the scenario's directory; messages name it the way the scenario file
     * was named (a relative scenario path gives relative names).
     */
    public Source resolve(final String relative)
    {
        if (directory != null)
        {
            final Path p = Path.of(relative);
            if (p.isAbsolute())
            {
                return Source.file(p);
            }
            final Path shownDirectory = source.path().getParent();
            final String shown = shownDirectory == null ? p.toString() : shownDirectory.resolve(p).toString();
            return new Source(shown, directory.resolve(p), null);
        }
        return Source.resource(resourceDirectory + "/" + relative);
    }
}
