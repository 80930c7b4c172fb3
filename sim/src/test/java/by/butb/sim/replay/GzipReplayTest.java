package by.butb.sim.replay;

import by.butb.sim.Butb;
import com.github.luben.zstd.ZstdInputStream;
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

/** {@code butb replay --gzip} and {@code --zstd}: the same rows as a plain replay, compressed. */
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

    @Test
    void zstdWritesTheSameTradesAndEventsCompressedAndNoPlainCopies() throws IOException
    {
        final Path plain = dir.resolve("plain-for-zstd");
        final Path zstd = dir.resolve("zstd");
        assertEquals(0, Butb.run("replay", "--out=" + plain).exitCode());
        final Butb.Run zstdRun = Butb.run("replay", "--zstd", "--out=" + zstd);
        assertEquals(0, zstdRun.exitCode(), zstdRun.err());
        for (final String name : new String[] {Replay.TRADES_FILE, Replay.EVENTS_FILE})
        {
            try (InputStream in = new ZstdInputStream(Files.newInputStream(zstd.resolve(name + ".zst"))))
            {
                assertArrayEquals(Files.readAllBytes(plain.resolve(name)), in.readAllBytes(), name);
            }
            assertFalse(Files.exists(zstd.resolve(name)), name);
        }
        assertTrue(zstdRun.out().contains("trades.csv.zst, events.csv.zst and summary.txt"), zstdRun.out());
    }

    @Test
    void aRunInAnotherFormatReplacesTheTablesAnEarlierRunLeftInTheSameDirectory() throws IOException
    {
        final Path out = dir.resolve("reused");
        assertEquals(0, Butb.run("replay", "--out=" + out).exitCode());
        assertEquals(0, Butb.run("replay", "--gzip", "--out=" + out).exitCode());
        assertTrue(Files.exists(out.resolve(Replay.TRADES_FILE + ".gz")));
        assertFalse(Files.exists(out.resolve(Replay.TRADES_FILE)), "no stale trades.csv beside trades.csv.gz");
        assertEquals(0, Butb.run("replay", "--format", "parquet", "--out=" + out).exitCode());
        assertTrue(Files.exists(out.resolve("events.parquet")));
        assertFalse(Files.exists(out.resolve(Replay.EVENTS_FILE + ".gz")), "no stale events.csv.gz");
    }

    @Test
    void aStudyInAnotherFormatReplacesTheTablesAnEarlierStudyLeftInTheSameDirectory()
    {
        final Path out = dir.resolve("study");
        assertEquals(0, Butb.run("study", "--quiet", "--out=" + out).exitCode());
        assertEquals(0, Butb.run("study", "--quiet", "--gzip", "--out=" + out).exitCode());
        for (final String table : new String[] {"trades.csv", "events.csv", "trades-by-flow.csv"})
        {
            assertTrue(Files.exists(out.resolve(table + ".gz")), table);
            assertFalse(Files.exists(out.resolve(table)), "no stale " + table);
        }
    }

    @Test
    void twoCompressionsOrACompressionWithParquetIsAUsageErrorNamingBothOptions()
    {
        final Butb.Run both = Butb.run("replay", "--gzip", "--zstd", "--out=" + dir.resolve("both"));
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("--gzip and --zstd"), both.err());
        final Butb.Run parquet = Butb.run("study", "--format", "parquet", "--gzip", "--out=" + dir.resolve("pq"));
        assertEquals(2, parquet.exitCode());
        assertTrue(parquet.err().startsWith("butb study: --format parquet and --gzip"), parquet.err());
        final Butb.Run format = Butb.run("replay", "--format", "json", "--out=" + dir.resolve("json"));
        assertEquals(2, format.exitCode());
        assertTrue(format.err().contains("'json' is not csv or parquet"), format.err());
        assertFalse(Files.exists(dir.resolve("both")) || Files.exists(dir.resolve("pq")));
    }

    private static byte[] gunzip(final Path file) throws IOException
    {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file)))
        {
            return in.readAllBytes();
        }
    }
}
