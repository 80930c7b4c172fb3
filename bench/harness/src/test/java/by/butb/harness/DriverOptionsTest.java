package by.butb.harness;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriverOptionsTest
{
    @Test
    void shouldDefaultToOneCycleAndTheFourRatesOfTheIssue()
    {
        final DriverOptions o = new DriverOptions(new String[]{"--out", "x", "--label", "a"});
        final DriverOptions.Driver d = o.driver(WorkloadFileTest.sample(), Path.of("w"));
        assertArrayEquals(new long[]{100_000, 500_000, 1_000_000, 2_000_000}, d.rates());
        assertEquals(3, d.throughputCommands());
        assertEquals(4, d.warmUpCommands());
        o.checkAllUsed();
    }

    @Test
    void shouldNameAnOptionNobodyRead()
    {
        final DriverOptions o = new DriverOptions(new String[]{"--out", "x", "--label", "a", "--rate", "5"});
        o.driver(WorkloadFileTest.sample(), Path.of("w"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, o::checkAllUsed);
        assertTrue(ex.getMessage().contains("--rate"), ex.getMessage());
    }

    @Test
    void shouldRejectARateThatIsNotAPositiveNumber()
    {
        final DriverOptions o = new DriverOptions(new String[]{"--out", "x", "--label", "a", "--rates", "1e6"});
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> o.driver(WorkloadFileTest.sample(), Path.of("w")));
        assertTrue(ex.getMessage().contains("'1e6'"), ex.getMessage());
    }

    @Test
    void shouldRejectAnOptionWithoutValue()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new DriverOptions(new String[]{"--out"}));
        assertTrue(ex.getMessage().contains("--out needs a value"), ex.getMessage());
    }
}
