package by.butb.sim;

import by.butb.engine.core.ResultCode;
import by.butb.engine.csv.CsvRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/formats.md stays true to the code: every result code, the anchors the config files link to, its example. */
class FormatsDocTest
{
    private static final String DOC = Butb.text(Path.of("../docs/formats.md"));

    @TempDir
    Path dir;

    @Test
    void everyResultCodeIsInTheTableWithItsTextAndNoOtherCodeIs()
    {
        for (final ResultCode code : ResultCode.values())
        {
            final String row = "| " + code.code() + " | `" + code.name() + "` | " + code.text() + " |";
            assertTrue(DOC.contains(row), "docs/formats.md lacks the row " + row);
        }
        final long rows = DOC.lines().filter(line -> line.matches("\\| \\d{1,3} \\| `[A-Z_]+` \\| .*")).count();
        assertEquals(ResultCode.values().length, rows, "result-code rows in docs/formats.md, one per code and no more");
    }

    @Test
    void theAnchorsTheConfigFilesLinkToExist()
    {
        for (final String heading : List.of("## Instrument catalog\n", "## Participants\n", "## Session schedule\n",
            "## Orders CSV\n", "## Trades file\n", "## Events file\n", "### Result codes\n", "## Summary file\n"))
        {
            assertTrue(DOC.contains(heading), heading);
        }
        assertTrue(Butb.text(Path.of("../config/instruments.csv")).contains("docs/formats.md#instrument-catalog"));
        assertTrue(Butb.text(Path.of("../config/participants.csv")).contains("docs/formats.md#participants"));
    }

    @Test
    void theOrderFileExampleReplaysWithoutRejects()
    {
        final int start = DOC.indexOf("```\ntime,participant,action,");
        final int end = DOC.indexOf("```", start + 3);
        final Path orders = Butb.write(dir.resolve("orders.csv"), DOC.substring(start + 4, end));

        final Butb.Run run = Butb.run("replay", "--orders", orders.toString(), "--out", dir.resolve("out").toString());

        assertEquals(0, run.exitCode(), run.err());
        final List<CsvRow> events = Butb.csv(dir.resolve("out/events.csv"));
        assertTrue(events.stream().noneMatch(e -> e.get("event").equals("REJECTED")), events.toString());
        assertEquals(2, Butb.csv(dir.resolve("out/trades.csv")).size());
    }
}
