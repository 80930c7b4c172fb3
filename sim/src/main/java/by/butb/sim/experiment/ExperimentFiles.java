package by.butb.sim.experiment;

import by.butb.sim.study.ScenarioException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
    /** Each planned run's values and seed: run, the parameters, seed. */
    public static final String PLAN_RUNS_FILE = "plan-runs.csv";
    private static final String NAME_PREFIX = "# experiment ";

    private ExperimentFiles()
    {
    }

    /**
     * Writes metrics.csv (header, then the runs' rows in run order) and report.html, each to a temporary file renamed
     * over it once both are made, so that a failure leaves the files of an earlier run as they were.
     */
    public static void write(final Path dir, final String name, final List<String> parameters,
        final List<String> runRows) throws IOException
    {
        Files.createDirectories(dir);
        final StringBuilder csv = new StringBuilder(ExperimentCsv.header(parameters)).append('\n');
        runRows.forEach(csv::append);
        final List<ExperimentCsv.Row> rows = ExperimentCsv.parse(csv.toString().lines().skip(1).toList(),
            parameters.size());
        final String html = ExperimentReport.html(name, parameters, rows);
        final Path metrics = dir.resolve(METRICS_FILE + ".tmp");
        final Path report = dir.resolve(REPORT_FILE + ".tmp");
        try
        {
            Files.writeString(metrics, csv.toString(), StandardCharsets.UTF_8);
            Files.writeString(report, html, StandardCharsets.UTF_8);
            Files.move(metrics, dir.resolve(METRICS_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
            Files.move(report, dir.resolve(REPORT_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        }
        finally
        {
            Files.deleteIfExists(metrics);
            Files.deleteIfExists(report);
        }
    }

    public static Path runFile(final Path dir, final int run)
    {
        return dir.resolve("runs").resolve(String.format("run-%05d.csv", run));
    }

    /**
     * Writes one run's file: the header, then its rows; to a temporary file renamed over it, so that a run killed
     * while writing leaves no file for {@link #merge} to take for whole.
     */
    public static void writeRun(final Path dir, final int run, final List<String> parameters, final String rows)
        throws IOException
    {
        final Path file = runFile(dir, run);
        Files.createDirectories(file.getParent());
        final Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, ExperimentCsv.header(parameters) + "\n" + rows, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Writes plan.txt: a comment naming the experiment, then per run {@code launcher experiment FILE --run K --out
     * DIR} with absolute paths; and plan-runs.csv, each run's values and seed, against which {@link #merge} checks
     * what the runs wrote. A ScenarioException when DIR already holds run files (of an earlier plan).
     */
    public static Path plan(final Experiment e, final Path dir, final String launcher) throws IOException
    {
        if (Files.isDirectory(dir.resolve("runs")))
        {
            try (Stream<Path> files = Files.list(dir.resolve("runs")))
            {
                if (files.findAny().isPresent())
                {
                    throw new ScenarioException(dir.resolve("runs") + " holds the run files of an earlier plan: " +
                        "merge them (butb experiment merge " + dir + ") and move them away, or plan into another " +
                        "--out");
                }
            }
        }
        Files.createDirectories(dir);
        final StringBuilder runs = new StringBuilder("run");
        e.parameterNames().forEach(n -> runs.append(',').append(n));
        runs.append(",seed\n");
        for (final Experiment.Run r : e.runs())
        {
            runs.append(r.number());
            r.values().forEach(v -> runs.append(',').append(v));
            runs.append(',').append(r.seed()).append('\n');
        }
        Files.writeString(dir.resolve(PLAN_RUNS_FILE), runs.toString(), StandardCharsets.UTF_8);
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

    /**
     * Refuses a row of run {@code run}'s file that is not that run's: another run's number (a copied file), or
     * values or a seed other than the plan's (the experiment file changed after the plan).
     */
    private static void checkRow(final Path file, final int line, final ExperimentCsv.Row row, final int run,
        final List<String> plannedRuns, final List<String> names)
    {
        if (row.run() != run)
        {
            throw new ScenarioException(file.toString(), line, "run", "a row of run " + row.run() + " in the file of " +
                "run " + run + " (a copy of another run's file?)");
        }
        if (plannedRuns == null || run >= plannedRuns.size())
        {
            return;
        }
        final String[] plannedRun = plannedRuns.get(run).split(",", -1);
        if (plannedRun.length != names.size() + 2)
        {
            throw new ScenarioException(file.getParent().getParent().resolve(PLAN_RUNS_FILE) + ":" + (run + 1) +
                ": not a planned run (" + (names.size() + 2) + " fields expected)");
        }
        for (int i = 0; i < names.size(); i++)
        {
            if (!plannedRun[1 + i].equals(row.values().get(i)))
            {
                throw new ScenarioException(file.toString(), line, names.get(i), "'" + row.values().get(i) + "', " +
                    "but the plan has '" + plannedRun[1 + i] + "' for run " + run + ": the experiment file changed " +
                    "after --plan-only; plan and run again");
            }
        }
        if (!plannedRun[1 + names.size()].equals(Long.toString(row.seed())))
        {
            throw new ScenarioException(file.toString(), line, "seed", row.seed() + ", but the plan has " +
                plannedRun[1 + names.size()] + " for run " + run + ": the experiment file changed after " +
                "--plan-only; plan and run again");
        }
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
        final Path planned = dir.resolve(PLAN_RUNS_FILE);
        final List<String> plannedRuns = Files.isRegularFile(planned) ?
            Files.readAllLines(planned, StandardCharsets.UTF_8) : null; // absent from plans of earlier versions
        if (plannedRuns != null && plannedRuns.size() != runs + 1)
        {
            throw new ScenarioException(planned + ": " + Math.max(0, plannedRuns.size() - 1) + " runs, but " + plan +
                " has " + runs + ": not the plan's (plan again)");
        }
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
            if (text.stream().skip(1).allMatch(String::isEmpty))
            {
                throw new ScenarioException(file + ": no rows, only the header (did run " + r + " finish?)");
            }
            if (plannedRuns != null && !plannedRuns.isEmpty() &&
                !plannedRuns.get(0).equals("run," + String.join(",", names) + (names.isEmpty() ? "" : ",") + "seed"))
            {
                throw new ScenarioException(file + ":1: its parameters " + names + " are not the plan's (" +
                    dir.resolve(PLAN_RUNS_FILE) + ": '" + plannedRuns.get(0) + "')");
            }
            for (int i = 1; i < text.size(); i++)
            {
                for (final ExperimentCsv.Row row : ExperimentCsv.parse(file.toString(), List.of(text.get(i)),
                    names.size(), i + 1))
                {
                    checkRow(file, i + 1, row, r, plannedRuns, names);
                }
            }
            final StringBuilder sb = new StringBuilder();
            text.stream().skip(1).filter(l -> !l.isEmpty()).forEach(l -> sb.append(l).append('\n'));
            rows.add(sb.toString());
        }
        write(dir, name, parameters == null ? List.of() : parameters, rows);
        return runs;
    }
}
