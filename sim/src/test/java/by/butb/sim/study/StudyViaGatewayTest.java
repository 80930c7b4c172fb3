package by.butb.sim.study;

import by.butb.sim.Butb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code butb study --via-gateway}: every command of the study goes as a FIX message through the gateway (orders,
 * replaces, address orders, lot offers and bids), on its default FIX engine (native) and on QuickFIX/J, and the run
 * writes exactly what the in-process run writes.
 */
class StudyViaGatewayTest
{
    @TempDir
    static Path dir;

    private static Butb.Run viaGateway;
    private static Butb.Run inProcess;

    @BeforeAll
    static void runTheStudyBothWays()
    {
        viaGateway = Butb.run("study", "--via-gateway", "--out", dir.resolve("gateway").toString());
        inProcess = Butb.run("study", "--out", dir.resolve("in-process").toString());
    }

    @Test
    void shouldReproduceTheStudyThroughTheGateway()
    {
        assertEquals(0, viaGateway.exitCode(), viaGateway.err());
        assertTrue(viaGateway.out().contains("route: ") &&
            viaGateway.out().contains("FIX sessions (FIX engine native)"), viaGateway.out());
        assertTrue(viaGateway.out().contains("latency (FIX round trip"), viaGateway.out());
    }

    @Test
    void shouldWriteTheSameTradesAndEventsAsTheInProcessRun() throws Exception
    {
        assertEquals(0, inProcess.exitCode(), inProcess.err());
        for (final String file : new String[] {StudyRun.TRADES_FILE, StudyRun.EVENTS_FILE, StudyRun.FLOW_TRADES_FILE,
            "summary.csv", "figures.csv"})
        {
            final byte[] expected = Files.readAllBytes(dir.resolve("in-process").resolve(file));
            assertTrue(expected.length > 500, file + " is not empty");
            assertArrayEquals(expected, Files.readAllBytes(dir.resolve("gateway").resolve(file)), file);
        }
    }

    @Test
    void shouldWriteTheSameTradesAndEventsThroughTheGatewayOnQuickFixJ() throws Exception
    {
        final Path qfj = dir.resolve("gateway-qfj");
        final Butb.Run run = Butb.run("study", "--via-gateway", "--fix-engine", "qfj", "--out", qfj.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("FIX sessions (FIX engine qfj)"), run.out());
        for (final String file : new String[] {StudyRun.TRADES_FILE, StudyRun.EVENTS_FILE, StudyRun.FLOW_TRADES_FILE})
        {
            assertArrayEquals(Files.readAllBytes(dir.resolve("in-process").resolve(file)),
                Files.readAllBytes(qfj.resolve(file)), file);
        }
    }

    @Test
    void shouldSendEveryMechanismAsFix() throws Exception
    {
        final String trades = Files.readString(dir.resolve("gateway").resolve(StudyRun.TRADES_FILE));
        for (final String kind : new String[] {",CONTINUOUS", ",LOT_AUCTION", ",ADDRESS_DEAL"})
        {
            assertTrue(trades.contains(kind), "trades of kind " + kind);
        }
        final String events = Files.readString(dir.resolve("gateway").resolve(StudyRun.EVENTS_FILE));
        assertTrue(events.contains(",REPLACED,"), "replaces went through the gateway");
    }
}
