package by.butb.bench.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayAbTest
{
    @TempDir
    Path dir;

    @Test
    void theSameBuildInTwoClassLoadersWritesTheSameOutputsAndReportsBoth() throws Exception
    {
        final Path orders = dir.resolve("orders.csv");
        ReplayThroughput.write(orders, 2_000, ReplayThroughput.catalog());
        final String classPath = System.getProperty("java.class.path");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = ReplayAb.run(new String[] {orders.toString(), classPath, classPath, "2", "1",
            dir.resolve("out").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

        final String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, report + err.toString(StandardCharsets.UTF_8));
        assertTrue(report.contains("median B / A: ") && report.contains("outputs: the same"), report);
        assertTrue(report.lines().filter(l -> l.contains("after 1 runs: min ")).count() == 2, report);
    }

    @Test
    void aMissingJarOrABadCountIsAUsageError() throws Exception
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        final PrintStream none = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        final String missing = dir.resolve("none.jar").toString();

        assertEquals(2, ReplayAb.run(new String[] {missing, missing, missing}, none, errors));
        assertEquals(2, ReplayAb.run(new String[] {dir.toString(), dir.toString(), dir.toString(), "2", "2"}, none,
            errors));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(missing + " does not exist"), err.toString());
    }
}
