package by.butb.cluster;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.ScheduleLoader;
import by.butb.engine.model.SessionSchedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The catalog a node builds its engine from: the given files, or the bundled defaults ({@code defaults/*.csv} on the
 * classpath, as in the {@code butb} jar) for a file not given. Errors name the file (a CSV error its line and field).
 */
final class CatalogFiles
{
    static final String DEFAULT_INSTRUMENTS = "defaults/instruments.csv";
    static final String DEFAULT_PARTICIPANTS = "defaults/participants.csv";

    private CatalogFiles()
    {
    }

    static Catalog catalog(final Path instruments, final Path participants)
    {
        try (Reader i = open(instruments, DEFAULT_INSTRUMENTS); Reader p = open(participants, DEFAULT_PARTICIPANTS))
        {
            return CatalogLoader.load(name(instruments, DEFAULT_INSTRUMENTS), i,
                name(participants, DEFAULT_PARTICIPANTS), p);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static SessionSchedule schedule(final Path file, final Catalog catalog)
    {
        if (file == null)
        {
            return SessionSchedule.NONE;
        }
        if (!Files.isRegularFile(file))
        {
            throw new ClusterConfigException(file + ": file not found");
        }
        return ScheduleLoader.load(file, catalog);
    }

    private static String name(final Path file, final String resource)
    {
        return file == null ? "classpath:" + resource : file.toString();
    }

    private static Reader open(final Path file, final String resource) throws IOException
    {
        if (file != null)
        {
            if (!Files.isRegularFile(file))
            {
                throw new ClusterConfigException(file + ": file not found");
            }
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }
        final InputStream in = CatalogFiles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null)
        {
            throw new ClusterConfigException("the bundled " + resource + " is not on the classpath; give " +
                "--instruments and --participants");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
