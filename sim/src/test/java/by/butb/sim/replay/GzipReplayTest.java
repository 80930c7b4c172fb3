package by.butb.sim.replay;

import by.butb.sim.Butb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code butb replay --gzip}: the same rows as a plain replay, gzip-compressed. */
class GzipReplayTest
{
    @TempDir
    Path dir;

    @Test
    void gzipWritesTheSameTradesAndEventsCompressedAndNoPlainCopies() throws IOException
    {
        final Path plain = dir.resolve("plain");
        final Path gzip = dir.resolve("gzip");
        final Butb.Run plainRun = Butb.run("replay", "--out=" + plain);
        final Butb.Run gzipRun = Butb.run("replay", "--gzip", "--out=" + gzip);
        assertEquals(0, plainRun.exitCode(), plainRun.err());
        assertEquals(0, gzipRun.exitCode(), gzipRun.err());
        for (final String name : new String[] {Replay.TRADES_FILE, Replay.EVENTS_FILE})
        {
            assertArrayEquals(Files.readAllBytes(plain.resolve(name)), gunzip(gzip.resolve(name + ".gz")), name);
            assertFalse(Files.exists(gzip.resolve(name)), name);
        }
        assertEquals(Files.readString(plain.resolve(Replay.SUMMARY_FILE)),
            Files.readString(gzip.resolve(Replay.SUMMARY_FILE)));
        assertTrue(gzipRun.out().contains("trades.csv.gz, events.csv.gz and summary.txt"), gzipRun.out());
    }

    private static byte[] gunzip(final Path file) throws IOException
    {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file)))
        {
            return in.readAllBytes();
        }
    }
}
