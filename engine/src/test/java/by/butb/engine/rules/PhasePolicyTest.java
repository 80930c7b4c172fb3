package by.butb.engine.rules;

import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Phase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
