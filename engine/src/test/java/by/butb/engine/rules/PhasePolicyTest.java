package by.butb.engine.rules;

import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Phase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhasePolicyTest
{
    /** The table's columns, after the phase, in order. */
    private static final PhasePolicy.Action[] COLUMNS = {
        PhasePolicy.Action.RESTING_ORDER, PhasePolicy.Action.IMMEDIATE_ORDER, PhasePolicy.Action.ADDRESS_ORDER,
        PhasePolicy.Action.REPLACE, PhasePolicy.Action.CANCEL, PhasePolicy.Action.LOT_OFFER,
        PhasePolicy.Action.LOT_BID};

    @Test
    void shouldAllowInEachPhaseExactlyWhatTheMarketModelsTableSays() throws IOException
    {
        final List<String> rows = Files.readAllLines(Path.of("../docs/market-model.md")).stream()
            .filter(line -> line.startsWith("| ") && !line.startsWith("| phase"))
            .filter(line -> isPhase(line.split("\\|")[1].trim()))
            .toList();
        assertEquals(Phase.values().length, rows.size(), "one row per phase in docs/market-model.md: " + rows);
        for (final String row : rows)
        {
            final String[] cells = row.split("\\|");
            final Phase phase = Phase.valueOf(cells[1].trim());
            for (int c = 0; c < COLUMNS.length; c++)
            {
                final String cell = cells[2 + c].trim();
                final ResultCode documented = switch (cell)
                {
                    case "OK" -> ResultCode.OK;
                    case "701" -> ResultCode.NOT_ALLOWED_IN_PHASE;
                    case "702" -> ResultCode.MARKET_CLOSED;
                    default -> throw new AssertionError("unexpected cell '" + cell + "' in " + row);
                };
                assertEquals(documented, PhasePolicy.check(COLUMNS[c], phase, true), phase + " x " + COLUMNS[c]);
            }
            final String matching = cells[2 + COLUMNS.length].trim().split(";")[0];
            final PhasePolicy.Matching documented = switch (matching)
            {
                case "none" -> PhasePolicy.Matching.NONE;
                case "the book uncrosses when the phase ends" -> PhasePolicy.Matching.CALL;
                case "continuous" -> PhasePolicy.Matching.CONTINUOUS;
                case "address deals only" -> PhasePolicy.Matching.ADDRESS_DEALS;
                default -> throw new AssertionError("unexpected matching '" + matching + "' in " + row);
            };
            assertEquals(documented, PhasePolicy.matching(phase), phase + " matching");
        }
    }

    @Test
    void shouldUncrossWhenACallEndsOrContinuousMatchingStartsAfterAPhaseWithout()
    {
        for (final Phase previous : Phase.values())
        {
            for (final Phase next : Phase.values())
            {
                final boolean documented = previous != next &&
                    (previous == Phase.OPENING_AUCTION || next == Phase.CONTINUOUS);
                assertEquals(documented, PhasePolicy.uncrosses(previous, next), previous + " -> " + next);
            }
            assertFalse(PhasePolicy.uncrosses(null, previous), "no phase yet -> " + previous);
        }
    }

    @Test
    void shouldAllowEverythingInASectionWithoutASchedule()
    {
        for (final Phase phase : Phase.values())
        {
            for (final PhasePolicy.Action action : PhasePolicy.Action.values())
            {
                assertEquals(ResultCode.OK, PhasePolicy.check(action, phase, false));
            }
        }
        assertTrue(PhasePolicy.Action.values().length == COLUMNS.length, "every action is a column of the table");
    }

    private static boolean isPhase(final String name)
    {
        for (final Phase phase : Phase.values())
        {
            if (phase.name().equals(name))
            {
                return true;
            }
        }
        return false;
    }
}
