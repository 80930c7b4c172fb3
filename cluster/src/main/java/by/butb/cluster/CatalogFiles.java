package by.butb.cluster;

import by.butb.engine.model.BundledCatalog;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.ScheduleLoader;
import by.butb.engine.model.SessionSchedule;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The catalog a node builds its engine from: the given files, or the bundled defaults ({@code defaults/*.csv} on the
 * classpath, as in the {@code butb} jar) for a file not given. Errors name the file (a CSV error its line and field).
 */
final class CatalogFiles
{
    private CatalogFiles()
    {
    }

    /** The catalog of the given files, the bundled default for a file not given (null). */
    static Catalog catalog(final Path instruments, final Path participants)
    {
        try
        {
            return BundledCatalog.load(instruments, participants);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ClusterConfigException(ex.getMessage());
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
}
