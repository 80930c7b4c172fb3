package by.butb.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogicAbProbeTest
{
    private static final String CLASS_PATH = System.getProperty("java.class.path");

    @Test
    void shouldTimeTwoCopiesOfEachBuildInTheirOwnClassLoaders() throws Exception
    {
        final LogicAbProbe.Result result = LogicAbProbe.run(CLASS_PATH, CLASS_PATH, 4, 20_000, 20_000);

        assertEquals(4, result.rounds());
        assertTrue(result.aNanosPerCommand() > 0 && result.bNanosPerCommand() > 0, result.toString());
        assertTrue(Double.isFinite(result.ratio()) && result.ratio() > 0, result.toString());
        assertTrue(result.bFaster() >= 0 && result.bFaster() <= 4, result.toString());
    }

    @Test
    void shouldNameAMissingBuild()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> LogicAbProbe.run(CLASS_PATH, "/no/such/benchmarks.jar", 2, 20_000, 1_000));
        assertTrue(ex.getMessage().contains("/no/such/benchmarks.jar"), ex.getMessage());
    }

    @Test
    void shouldRefuseABuildWithoutTheRoundClass(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path empty)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> LogicAbProbe.run(CLASS_PATH, empty.toString(), 2, 20_000, 1_000));
        assertTrue(ex.getMessage().contains("LogicRound"), ex.getMessage());
    }
}
