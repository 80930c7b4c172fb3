package by.butb.sim.cli;

import by.butb.engine.core.MarketRules;
import by.butb.sim.Butb;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest
{
    @Test
    void helpListsTheReplayCommand()
    {
        final Butb.Run run = Butb.run("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Usage: butb"), run.out());
        assertTrue(run.out().contains("replay"), run.out());
        assertTrue(run.out().contains("./butb test"), run.out());
        assertTrue(run.err().isEmpty(), run.err());
    }

    @Test
    void replayHelpDescribesEveryOption()
    {
        final Butb.Run run = Butb.run("replay", "--help");
        assertEquals(0, run.exitCode());
        for (final String option : new String[] {"--orders", "--instruments", "--participants", "--out", "--data",
            "--gzip", "--zstd", "--format", "--guarantee-pct", "--fee-pct"})
        {
            assertTrue(run.out().contains(option), option + " missing from\n" + run.out());
        }
        assertTrue(run.err().isEmpty(), "picocli warnings: " + run.err());
    }

    @Test
    void helpSubcommandShowsReplayHelp()
    {
        final Butb.Run run = Butb.run("help", "replay");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Usage: butb replay"), run.out());
    }

    @Test
    void versionIsPrinted()
    {
        final Butb.Run run = Butb.run("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("butb "), run.out());
    }

    @Test
    void missingSubcommandIsAUsageError()
    {
        final Butb.Run run = Butb.run();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing required subcommand"), run.err());
    }

    @Test
    void anUnknownCommandIsAUsageErrorInOneLineNamingTheCommands()
    {
        final Butb.Run run = Butb.run("nosuch", "--x");
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("butb: unknown command 'nosuch'; the commands: "), run.err());
        assertTrue(run.err().contains("replay") && run.err().contains("classroom"), run.err());
    }

    @Test
    void unknownOptionIsAUsageError()
    {
        final Butb.Run run = Butb.run("replay", "--speed", "11");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--speed"), run.err());
    }

    @Test
    void percentageOutOfRangeIsAUsageError()
    {
        final Butb.Run run = Butb.run("replay", "--fee-pct", "150");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'150' is not between 0 and 100"), run.err());
        assertEquals(2, Butb.run("replay", "--guarantee-pct", "ten").exitCode());
        assertEquals(2, Butb.run("replay", "--guarantee-pct", "10.125").exitCode());
    }

    @Test
    void defaultPercentagesAreTheEngineDefaults()
    {
        final ReplayCommand.PercentConverter converter = new ReplayCommand.PercentConverter();
        assertEquals(MarketRules.DEFAULT.guaranteeBps(), converter.convert("10"));
        assertEquals(MarketRules.DEFAULT.feeBps(), converter.convert("0.1"));
        assertEquals(15, converter.convert("0.15"));
        assertThrows(picocli.CommandLine.TypeConversionException.class, () -> converter.convert("-1"));
    }

    @Test
    void aBadValueOfASubcommandIsOneLineWithTheHelpHint()
    {
        final Butb.Run run = Butb.run("study", "--scale", "2.5");
        assertEquals(2, run.exitCode());
        assertEquals("butb study: Invalid value for option '--scale': '2.5' is not an int (see ./butb study --help)",
            run.err().strip());
        final Butb.Run unknown = Butb.run("sim", "--scenari", "x.yaml");
        assertEquals(2, unknown.exitCode());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("--scenari") && unknown.err().contains("--help"), unknown.err());
        assertFalse(unknown.err().contains("Usage:"), unknown.err());
    }

    @Test
    void simSaysItsScenarioIsRequiredAndStudySaysItDefaultsToTheBundledOne()
    {
        final String sim = Butb.run("sim", "--help").out();
        assertTrue(sim.contains("--scenario=FILE"), sim);
        assertTrue(sim.contains("required"), sim);
        assertFalse(sim.contains("Default: the bundled"), sim);
        final Butb.Run missing = Butb.run("sim");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("--scenario") && missing.err().contains("--help"), missing.err());
        assertTrue(Butb.run("study", "--help").out().replaceAll("\\s+", " ")
            .contains("Default: the bundled study scenario"));
    }
}
