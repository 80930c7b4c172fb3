package by.butb.sim.study;

import by.butb.sim.DuckDbTables;
import by.butb.sim.replay.TableFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The study with {@link TableFormat#PARQUET}: the same tables as its CSV files, read back by DuckDB. */
class ParquetStudyTest
{
    @RegisterExtension
    static final DuckDbTables DUCK_DB = new DuckDbTables();

    @TempDir
    Path dir;

    @Test
    void parquetTablesHoldEveryRowAndColumnOfTheStudysCsv() throws Exception
    {
        final StudyPlan plan = StudyPlan.of(Scenario.load(ScenarioSource.STUDY));
        final Path csv = dir.resolve("csv");
        final Path parquet = dir.resolve("parquet");
        StudyRun.run(plan, csv, 0, null, StudyRun.Route.IN_PROCESS, TableFormat.CSV);
        StudyRun.run(plan, parquet, 0, null, StudyRun.Route.IN_PROCESS, TableFormat.PARQUET);
        for (final String name : List.of(StudyRun.TRADES_FILE, StudyRun.EVENTS_FILE, StudyRun.FLOW_TRADES_FILE))
        {
            assertEquals(0, DUCK_DB.assertSameTable(csv.resolve(name),
                parquet.resolve(TableFormat.PARQUET.fileName(name))), name);
        }
        final Map<String, String> flows = DUCK_DB.types(parquet.resolve("trades-by-flow.parquet"));
        assertEquals(List.of("BIGINT", "TIMESTAMPTZ_NS", "VARCHAR", "DECIMAL(18,2)", "DECIMAL(18,3)",
            "DECIMAL(18,2)", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR"),
            List.copyOf(flows.values()));
    }
}
