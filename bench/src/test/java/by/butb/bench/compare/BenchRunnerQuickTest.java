package by.butb.bench.compare;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code ./butb bench --quick} end to end, as CI does on every build so that the benchmarks never rot: our
 * pipeline with and without journal and exchange-core, each in a child JVM, on the small workload. Checks that the
 * results are complete and consistent, never how fast anything was.
 */
class BenchRunnerQuickTest
{
    @Test
    void shouldRunTheQuickSetEndToEndAndWriteCompleteResults(@TempDir final Path dir) throws Exception
    {
        // On a Java newer than the peer supports, without a JDK 17 for it, run our two configurations only.
        final boolean peer = Runtime.version().feature() <= BenchRunner.PEER_MAX_JAVA ||
            System.getenv("BUTB_PEER_JAVA") != null;
        final List<String> configs = peer ? BenchRunner.CONFIGS : List.of("butb", "butb-journal");
        final BenchRunner.Settings settings = BenchRunner.parse(new String[]{"--quick", "--out", dir.toString(),
            "--journal-dir", dir.resolve("journal").toString(), "--configs", String.join(",", configs)});
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final Summary summary;
        try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8))
        {
            summary = new BenchRunner(settings, out).run();
        }
        final String printed = log.toString(StandardCharsets.UTF_8);

        for (final String file : new String[]{"summary.md", "summary.csv", "latency.html"})
        {
            assertTrue(Files.size(dir.resolve(file)) > 0, file + " is empty");
        }
        assertTrue(Files.readString(dir.resolve("latency.html")).contains("<svg"), "latency.html has no plot");
        for (final String config : configs)
        {
            final double[] throughput = summary.throughput.get(config);
            assertEquals(2, throughput.length, config + " throughput iterations");
            for (final double t : throughput)
            {
                assertTrue(t > 0 && Double.isFinite(t), config + " throughput " + t);
            }
            final Properties p = new Properties();
            try (var in = Files.newBufferedReader(dir.resolve("runs/" + config + "-r1.properties")))
            {
                p.load(in);
            }
            assertEquals("0", p.getProperty("counters.rejects"), config + " rejected commands: " + printed);
            for (final long rate : new long[]{100_000, 1_000_000})
            {
                final Histogram h = summary.latency.get(config).get(rate);
                final long sent = Long.parseLong(p.getProperty("latency." + rate + ".sent"));
                // An engine that falls behind the offered rate during the warm-up stops there (saturated) and
                // records nothing: on this machine exchange-core does so at 1 M/s in a slow phase.
                assertTrue(sent > 0 || Boolean.parseBoolean(p.getProperty("latency." + rate + ".saturated")),
                    config + " sent nothing at " + rate + " and is not marked saturated");
                assertEquals(sent, h.getTotalCount(), config + ": every command sent at " + rate + " is recorded");
                assertTrue(h.getValueAtPercentile(50) <= h.getValueAtPercentile(99.99) &&
                    h.getValueAtPercentile(99.99) <= h.getMaxValue(), config + " percentiles out of order");
                final Path hgrm = dir.resolve(config + "-" + rate + ".hgrm");
                assertTrue(Files.readString(hgrm).contains("#[Max"), hgrm + " is not an HdrHistogram distribution");
            }
        }
        for (final long rate : new long[]{100_000, 1_000_000})
        {
            assertEquals(2 * rate, summary.floor.get(rate).getTotalCount(),
                "machine floor: 2 threads x 1 s at " + rate);
        }
        assertTrue(printed.contains("machine floor: the latency of an engine that takes no time"), printed);
        // The same workload trades alike on every engine (they differ only by our self-match prevention); a run
        // that could not keep up with an offered rate sent fewer commands, hence trades per command.
        final double ours = tradesPerCommand(dir, "butb");
        for (final String config : configs.subList(1, configs.size()))
        {
            final double other = tradesPerCommand(dir, config);
            assertTrue(ours > 0.2 && Math.abs(ours - other) < 0.05 * ours,
                "trades per command: butb " + ours + ", " + config + " " + other);
        }
        assertTrue(!peer || printed.contains("butb / exchange-core throughput"), printed);
        for (final String config : configs)
        {
            assertTrue(Double.isFinite(summary.worstAllocation(config)), config + " allocation not counted");
        }
        assertTrue(printed.contains("butb-journal at 1M/s offered: "), printed);
        assertTrue(printed.contains("butb allocation: "), printed);
        assertTrue(printed.contains("journal directory (--journal-dir): " + dir.resolve("journal") +
            " (file system "), printed);
        assertTrue(Files.notExists(dir.resolve("workload.bin")), "the workload file is deleted at the end");
    }

    @Test
    void shouldRejectTheDefaultPeerJvmWhenItIsTooNewForExchangeCore()
    {
        if (Runtime.version().feature() <= BenchRunner.PEER_MAX_JAVA || System.getenv("BUTB_PEER_JAVA") != null)
        {
            final BenchRunner.Settings s = BenchRunner.parse(new String[]{"--quick"});
            assertTrue(s.configs().contains("exchange-core"));
            return;
        }
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> BenchRunner.parse(new String[]{"--quick"}));
        assertTrue(ex.getMessage().contains("--peer-java"), ex.getMessage());
    }

    @Test
    void shouldRejectAFloorDurationThatIsNotANumberNamingTheOption()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> BenchRunner.parse(new String[]{"--floor-seconds", "ten"}));
        assertEquals("--floor-seconds must be a number, got 'ten'", ex.getMessage());
    }

    @Test
    void shouldRefuseExchangeCoresThroughputFromAnEarlierRunWhenThisRunMeasuresIt()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> BenchRunner.parse(new String[]{"--configs", "butb,exchange-core", "--peer-throughput", "1000000"}));
        assertEquals("--peer-throughput is for a run without exchange-core (--configs): this run measures it",
            ex.getMessage());
    }

    @Test
    void shouldTakeExchangeCoresThroughputFromAnEarlierRunForARunWithoutIt()
    {
        final BenchRunner.Settings s = BenchRunner.parse(new String[]{"--configs", "butb-journal",
            "--peer-throughput", "1234567"});
        assertEquals(1_234_567, s.peerThroughput());
    }

    @Test
    void shouldRejectAnUnknownConfigurationByName()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> BenchRunner.parse(new String[]{"--configs", "butb,lmax"}));
        assertTrue(ex.getMessage().contains("'lmax'"), ex.getMessage());
    }

    @Test
    void shouldRejectAMissingPeerJarWithTheWayToBuildIt(@TempDir final Path dir)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> BenchRunner.parse(new String[]{"--peer-jar", dir.resolve("none.jar").toString(), "--peer-java",
                "java"}));
        assertTrue(ex.getMessage().contains("none.jar") && ex.getMessage().contains("mvn"), ex.getMessage());
    }

    private static double tradesPerCommand(final Path dir, final String config) throws Exception
    {
        final Properties p = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("runs/" + config + "-r1.properties")))
        {
            p.load(in);
        }
        return Double.parseDouble(p.getProperty("counters.trades")) /
            Double.parseDouble(p.getProperty("commands.completed"));
    }
}
