package by.butb.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A node's state at one point of the replicated log, written when the log reaches a {@link Protocol#PROBE}: every
 * node writes the same line at the same point, so lines of equal probe id compare replicas. The file
 * ({@link #FILE} in the node's data directory) holds one line, {@code probe=ID sequence=S hash=H orders=N},
 * replaced atomically.
 */
public record StateProbe(long probeId, long sequence, long hash, int liveOrders)
{
    static final String FILE = "probe.txt";

    void writeTo(final Path dataDirectory)
    {
        final Path file = dataDirectory.resolve(FILE);
        final Path tmp = dataDirectory.resolve(FILE + ".tmp");
        try
        {
            Files.writeString(tmp, toString() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    /** The probe in {@code dataDirectory}, or null when there is none yet. */
    public static StateProbe readFrom(final Path dataDirectory) throws IOException
    {
        final Path file = dataDirectory.resolve(FILE);
        if (!Files.exists(file))
        {
            return null;
        }
        final String[] fields = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
        return new StateProbe(value(fields[0]), value(fields[1]), value(fields[2]), (int)value(fields[3]));
    }

    private static long value(final String field)
    {
        return Long.parseLong(field.substring(field.indexOf('=') + 1));
    }

    @Override
    public String toString()
    {
        return "probe=" + probeId + " sequence=" + sequence + " hash=" + hash + " orders=" + liveOrders;
    }
}
