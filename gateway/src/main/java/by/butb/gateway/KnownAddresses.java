package by.butb.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The source addresses ({@link SourceAddress} keys) from which each CompID logged on with the right password, the
 * {@link #PER_COMP_ID} latest per CompID: {@link LogonScheduler} verifies logons from them in a lane of their own.
 * Kept across restarts in {@link #FILE} of the gateway's data directory when there is one: a line
 * {@code CompID,address} per known address, oldest first per CompID, rewritten (atomically) when an address is
 * added; a failed write is logged and the addresses stay known in memory. Not thread-safe: the scheduler calls it
 * under its lock.
 */
final class KnownAddresses
{
    private static final Logger LOG = LoggerFactory.getLogger(KnownAddresses.class);
    static final String FILE = "logon-addresses.csv";
    static final int PER_COMP_ID = 16;

    private final Map<String, LinkedHashSet<String>> byCompId = new HashMap<>();
    private final Path file;

    private KnownAddresses(final Path file)
    {
        this.file = file;
    }

    /** Addresses kept in memory only. */
    static KnownAddresses inMemory()
    {
        return new KnownAddresses(null);
    }

    /**
     * The addresses of {@code dataDirectory}'s {@link #FILE} (none when it does not exist yet), kept there from now
     * on.
     *
     * @throws IllegalArgumentException naming the file and line when a line is not {@code CompID,address}.
     */
    static KnownAddresses load(final Path dataDirectory)
    {
        final KnownAddresses known = new KnownAddresses(dataDirectory.resolve(FILE));
        if (!Files.exists(known.file))
        {
            return known;
        }
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(known.file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + known.file + ": " + ex.getMessage(), ex);
        }
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            final int comma = line.indexOf(',');
            if (comma <= 0 || comma == line.length() - 1 || line.indexOf(',', comma + 1) >= 0)
            {
                throw new IllegalArgumentException(known.file + " line " + (i + 1) +
                    ": expected CompID,address (the gateway writes this file; delete it to forget the addresses)");
            }
            known.add(line.substring(0, comma), line.substring(comma + 1));
        }
        return known;
    }

    boolean contains(final String compId, final String address)
    {
        final LinkedHashSet<String> addresses = byCompId.get(compId);
        return addresses != null && addresses.contains(address);
    }

    /** Makes {@code address} the latest known one of {@code compId}, forgetting the oldest beyond the limit. */
    void remember(final String compId, final String address)
    {
        final LinkedHashSet<String> addresses = byCompId.get(compId);
        if (addresses != null && addresses.contains(address))
        {
            addresses.remove(address);
            addresses.add(address);
            return;
        }
        add(compId, address);
        if (file != null)
        {
            save();
        }
    }

    private void add(final String compId, final String address)
    {
        final LinkedHashSet<String> addresses = byCompId.computeIfAbsent(compId, k -> new LinkedHashSet<>());
        addresses.remove(address);
        addresses.add(address);
        if (addresses.size() > PER_COMP_ID)
        {
            final Iterator<String> oldest = addresses.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void save()
    {
        final List<String> lines = new ArrayList<>();
        byCompId.forEach((compId, addresses) -> addresses.forEach(a -> lines.add(compId + "," + a)));
        final Path tmp = file.resolveSibling(FILE + ".tmp");
        try
        {
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            LOG.warn("cannot write {} (the addresses stay known until the gateway stops): {}", file, ex.toString());
        }
    }
}
