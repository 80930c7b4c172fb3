package by.butb.sim.experiment;

import by.butb.sim.study.ScenarioException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of an experiment in its output directory: {@code metrics.csv} and {@code report.html}; for a sweep
 * spread over machines, {@code plan.txt} (one self-contained command per run) and {@code runs/run-NNNNN.csv}
 * (what each command writes), which {@link #merge} joins into the same metrics.csv and report.html.
 */
public final class ExperimentFiles
{
    public static final String METRICS_FILE = "metrics.csv";
    public static final String REPORT_FILE = "report.html";
    public static final String PLAN_FILE = "plan.txt";
    private static final String NAME_PREFIX = "# experiment ";

    private ExperimentFiles()
    {
    }

    /** Writes metrics.csv (header, then the runs' rows in run order) and report.html. */
    public static void write(final Path dir, final String name, final List<String> parameters,
        final List<String> runRows) throws IOException
    {
        Files.createDirectories(dir);
        final StringBuilder csv = new StringBuilder(ExperimentCsv.header(parameters)).append('\n');
        runRows.forEach(csv::append);
        Files.writeString(dir.resolve(METRICS_FILE), csv.toString(), StandardCharsets.UTF_8);
        final List<ExperimentCsv.Row> rows = ExperimentCsv.parse(csv.toString().lines().skip(1).toList(),
            parameters.size());
        Files.writeString(dir.resolve(REPORT_FILE), ExperimentReport.html(name, parameters, rows),
            StandardCharsets.UTF_8);
    }

    public static Path runFile(final Path dir, final int run)
    {
        return dir.resolve("runs").resolve(String.format("run-%05d.csv", run));
    }

    /** Writes one run's file: the header, then its rows. */
    public static void writeRun(final Path dir, final int run, final List<String> parameters, final String rows)
        throws IOException
    {
        final Path file = runFile(dir, run);
        Files.createDirectories(file.getParent());
        Files.writeString(file, ExperimentCsv.header(parameters) + "\n" + rows, StandardCharsets.UTF_8);
    }

    /**
     * Writes plan.txt: a comment naming the experiment, then per run {@code launcher experiment FILE --run K --out
     * DIR} with absolute paths.
     */
    public static Path plan(final Experiment e, final Path dir, final String launcher) throws IOException
    {
        Files.createDirectories(dir);
        final StringBuilder sb = new StringBuilder(NAME_PREFIX).append(e.name()).append(": ").append(e.runs().size())
            .append(" runs, one command a line; when all have run: butb experiment merge ")
            .append(dir.toAbsolutePath()).append('\n');
        for (final Experiment.Run r : e.runs())
        {
            sb.append(launcher).append(" experiment ").append(quote(e.file().toAbsolutePath().toString()))
                .append(" --run ").append(r.number()).append(" --out ").append(quote(dir.toAbsolutePath().toString()))
                .append('\n');
        }
        final Path plan = dir.resolve(PLAN_FILE);
        Files.writeString(plan, sb.toString(), StandardCharsets.UTF_8);
        return plan;
    }

    private static String quote(final String path)
    {
        return path.matches("[A-Za-z0-9_./+-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }

    /**
     * Joins the run files that plan.txt lists into metrics.csv and report.html; returns the number of runs. A
     * missing or foreign run file is a ScenarioException naming it.
     */
    public static int merge(final Path dir) throws IOException
    {
        final Path plan = dir.resolve(PLAN_FILE);
        if (!Files.isRegularFile(plan))
        {
            throw new ScenarioException(plan + ": no such file (run butb experiment FILE --plan-only --out " + dir +
                " first)");
        }
        final List<String> lines = Files.readAllLines(plan, StandardCharsets.UTF_8);
        final String first = lines.isEmpty() ? "" : lines.get(0);
        if (!first.startsWith(NAME_PREFIX) || !first.contains(":"))
        {
            throw new ScenarioException(plan + ":1: not a plan written by butb experiment --plan-only");
        }
        final String name = first.substring(NAME_PREFIX.length(), first.indexOf(':'));
        final int runs = (int)lines.stream().skip(1).filter(l -> !l.isBlank()).count();
        List<String> parameters = null;
        final List<String> rows = new ArrayList<>();
        for (int r = 1; r <= runs; r++)
        {
            final Path file = runFile(dir, r);
            if (!Files.isRegularFile(file))
            {
                throw new ScenarioException(file + ": missing: run " + r + " of " + runs + " has not written it " +
                    "(line " + (r + 1) + " of " + plan + ")");
            }
            final List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
            final List<String> names = text.isEmpty() ? null : ExperimentCsv.parameters(text.get(0));
            if (names == null || parameters != null && !names.equals(parameters))
            {
                throw new ScenarioException(file + ":1: not a run file of this experiment (header " +
                    (text.isEmpty() ? "missing" : "'" + text.get(0) + "'") + ")");
            }
            parameters = names;
            final StringBuilder sb = new StringBuilder();
            text.stream().skip(1).filter(l -> !l.isEmpty()).forEach(l -> sb.append(l).append('\n'));
            rows.add(sb.toString());
        }
        write(dir, name, parameters == null ? List.of() : parameters, rows);
        return runs;
    }
}
