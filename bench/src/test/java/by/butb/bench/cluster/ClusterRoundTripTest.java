package by.butb.bench.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterRoundTripTest
{
    @Test
    void shouldAnswerEveryOrderThroughTheClusterAndTheSingleProcessAndWriteTheirHistograms(
        @TempDir final Path out, @TempDir final Path data) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ClusterRoundTrip.run(ClusterRoundTrip.parse(new String[] {"--orders", "300", "--warmup-orders", "0",
            "--window", "20", "--rates", "200", "--seconds", "1", "--warmup-seconds", "0", "--low-cpu", "--secret",
            "--out", out.toString(), "--dir", data.toString()}), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final String printed = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(printed.startsWith("cluster round trip: "), printed);
        assertTrue(printed.contains("cluster/single "), printed);
        assertTrue(printed.contains(", a secret (sessions challenged, every message sealed)"), printed);
        assertTrue(printed.contains(" 200/200 "), printed);
        assertFalse(printed.contains("INCOMPLETE") || printed.contains("malformed"), printed);
        assertTrue(Files.size(out.resolve("single-200.hgrm")) > 0);
        assertTrue(Files.size(out.resolve("cluster-200.hgrm")) > 0);
        try (var left = Files.list(data))
        {
            assertEquals(0, left.count(), "the run's data directory is deleted");
        }
    }

    @Test
    void shouldRefuseAWindowOfNoOrders()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ClusterRoundTrip.parse(new String[] {"--window", "0"}));
        assertEquals("--window must be at least 1, got 0", ex.getMessage());
    }
}
