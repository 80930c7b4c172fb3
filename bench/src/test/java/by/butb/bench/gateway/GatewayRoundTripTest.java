package by.butb.bench.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayRoundTripTest
{
    @Test
    void shouldAnswerEveryOrderThroughTheEchoFloorAndWriteItsHistograms(@TempDir final Path out) throws Exception
    {
        final String printed = run("--server", "echo", "--rates", "2000", "--seconds", "1",
            "--warmup-seconds", "0", "--label", "floor", "--out", out.toString());

        assertTrue(printed.startsWith("loopback floor"), printed);
        assertTrue(printed.contains(" 2000/2000 "), printed);
        assertTrue(Files.size(out.resolve("floor-2000.hgrm")) > 0);
        assertTrue(Files.size(out.resolve("floor-2000-from-write.hgrm")) > 0);
    }

    @Test
    void shouldAnswerEveryOrderThroughTheGateway(@TempDir final Path out) throws Exception
    {
        final String printed = run("--rates", "1000", "--seconds", "1", "--warmup-seconds", "0",
            "--label", "gw", "--out", out.toString());

        assertTrue(printed.startsWith("gateway round trip"), printed);
        assertTrue(printed.contains(" 1000/1000 "), printed);
        assertTrue(!printed.contains("INCOMPLETE") && !printed.contains("rejected"), printed);
    }

    @Test
    void shouldAnswerEveryOrderThroughAPlainQuickFixJAcceptor(@TempDir final Path out) throws Exception
    {
        final String printed = run("--server", "qfj", "--rates", "1000", "--seconds", "1", "--warmup-seconds", "0",
            "--label", "qfj", "--out", out.toString());

        assertTrue(printed.startsWith("QuickFIX/J floor"), printed);
        assertTrue(printed.contains(" 1000/1000 "), printed);
        assertTrue(!printed.contains("INCOMPLETE") && !printed.contains("rejected"), printed);
        assertTrue(Files.size(out.resolve("qfj-1000.hgrm")) > 0);
    }

    @Test
    void shouldRefuseAnUnknownServerByName()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> GatewayRoundTrip.parse(new String[] {"--server", "quickfix"}));
        assertEquals("--server must be gateway, native, echo or qfj, got 'quickfix'", ex.getMessage());
    }

    private static String run(final String... args) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GatewayRoundTrip.run(GatewayRoundTrip.parse(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
