package by.butb.sim.cli;

import by.butb.engine.csv.CsvException;
import by.butb.sim.experiment.Experiment;
import by.butb.sim.experiment.ExperimentCsv;
import by.butb.sim.experiment.ExperimentFiles;
import by.butb.sim.experiment.ExperimentRunner;
import by.butb.engine.files.FileProblems;
import by.butb.sim.agents.AgentRun;
import by.butb.sim.study.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code butb experiment FILE}: runs every combination of an experiment's parameters and seeds in parallel and
 * writes metrics.csv and report.html; {@code --plan-only} writes one command per run instead, {@code --run K} runs
 * one of them, and {@code butb experiment merge DIR} joins their files. Format: docs/experiments.md.
 */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    versionProvider = ButbCommand.Version.class,
    sortOptions = false,
    subcommands = ExperimentCommand.Merge.class,
    description = {"Runs an experiment on an agent-based market: a base scenario, parameters to vary (fee, " +
        "guarantee, band, call auction, lot auction or continuous, agent counts and types) and seeds; every " +
        "combination runs in parallel, one engine per run.",
        "Writes --out/metrics.csv (tidy: one row per run x day x metric) and report.html (metric against " +
            "parameter, 95 %% confidence intervals over seeds)."},
    footer = {"", "Examples:", "  ./butb experiment examples/agents/fee-experiment.yaml",
        "  ./butb experiment examples/agents/fee-experiment.yaml --plan-only --out out/fee",
        "  ./butb experiment merge out/fee", "",
        "Exit codes: 0 done, 1 bad experiment or scenario, or a file error, 2 usage error.",
        "Format: docs/experiments.md."})
public final class ExperimentCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The experiment file (YAML).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: out/<experiment name>/).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Runs at a time (default: the number of processors).")
    Integer threads;

    @Option(names = "--plan-only", description = "Write DIR/plan.txt, one self-contained command per run, and run " +
        "nothing.")
    boolean planOnly;

    @Option(names = "--run", paramLabel = "K",
        description = "Run only run K (from 1) and write DIR/runs/run-0000K.csv (what a line of plan.txt does).")
    Integer run;

    @Option(names = "--quiet", description = "Print no summary and no progress.")
    boolean quiet;

    @Override
    public Integer call()
    {
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter stderr = spec.commandLine().getErr();
        if (file == null)
        {
            return usage(stderr, "FILE is required (or: butb experiment merge DIR)");
        }
        if (out != null && out.toString().isBlank())
        {
            return usage(stderr, "--out must name a directory, not an empty string");
        }
        if (threads != null && threads < 1 || planOnly && run != null)
        {
            return usage(stderr, threads != null && threads < 1 ? "--threads must be at least 1" :
                "--plan-only and --run do not go together");
        }
        try
        {
            final Experiment e = Experiment.load(file);
            final Path dir = out != null ? out : Path.of("out", e.name());
            final String notADirectory = FileProblems.notADirectory(dir, "--out");
            if (notADirectory != null)
            {
                return error(stderr, notADirectory);
            }
            final List<Experiment.Run> runs = e.runs();
            if (planOnly)
            {
                final Path plan = ExperimentFiles.plan(e, dir, launcher());
                stdout.println("wrote " + plan + ": " + runs.size() + " commands; then: butb experiment merge " + dir);
                stdout.flush();
                return 0;
            }
            if (run != null)
            {
                if (run < 1 || run > runs.size())
                {
                    return usage(stderr, "--run must be from 1 to " + runs.size() + ", not " + run);
                }
                final Experiment.Run r = runs.get(run - 1);
                ExperimentFiles.writeRun(dir, run, e.parameterNames(), ExperimentCsv.rows(r, AgentRun.run(r.scenario(),
                    false)));
                return 0;
            }
            final int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            final ExperimentRunner.Outcome o = ExperimentRunner.run(runs, n, quiet ? null : line ->
            {
                stderr.print(line);
                stderr.flush();
            });
            ExperimentFiles.write(dir, e.name(), e.parameterNames(), o.rows());
            if (!quiet)
            {
                stdout.printf(Locale.ROOT, "Experiment %s: %d runs (%d combinations x %d seeds) on %d thread(s)%n",
                    e.name(), runs.size(), runs.size() / e.seeds().size(), e.seeds().size(), n);
                stdout.printf(Locale.ROOT, "wall %.2f s; the runs' own times add up to %.2f s (%.2f x the wall), " +
                    "their CPU times to %.2f s (%.2f x the wall)%n", o.wallNanos() / 1e9, o.sumOfRuns() / 1e9,
                    (double)o.sumOfRuns() / Math.max(1, o.wallNanos()), o.cpuOfRuns() / 1e9,
                    (double)o.cpuOfRuns() / Math.max(1, o.wallNanos()));
                stdout.println("wrote " + dir.resolve(ExperimentFiles.METRICS_FILE) + ", " +
                    ExperimentFiles.REPORT_FILE);
                stdout.flush();
            }
            return 0;
        }
        catch (final ScenarioException | CsvException ex)
        {
            return error(stderr, ex.getMessage());
        }
        catch (final IOException ex)
        {
            return error(stderr, "cannot write the output: " + FileProblems.withFile(ex));
        }
    }

    private static int usage(final PrintWriter stderr, final String message)
    {
        stderr.println("butb experiment: " + message + " (see ./butb experiment --help)");
        stderr.flush();
        return 2;
    }

    private static int error(final PrintWriter stderr, final String message)
    {
        stderr.println("butb experiment: error: " + message);
        stderr.flush();
        return 1;
    }

    /** How a plan's lines start the simulator: this jar by absolute path when running from it, else ./butb. */
    static String launcher()
    {
        try
        {
            final Path jar = Path.of(ExperimentCommand.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
            if (Files.isRegularFile(jar) && jar.toString().endsWith(".jar"))
            {
                return "java -jar " + jar.toAbsolutePath();
            }
        }
        catch (final java.net.URISyntaxException | SecurityException ex)
        {
            // fall through to the launcher script
        }
        return "./butb";
    }

    /** {@code butb experiment merge DIR}: joins the run files of a plan into metrics.csv and report.html. */
    @Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = ButbCommand.Version.class,
        description = {"Joins the files the commands of DIR/plan.txt wrote (DIR/runs/*.csv) into DIR/metrics.csv " +
            "and DIR/report.html, the same files butb experiment FILE writes."})
    public static final class Merge implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The --out directory of the plan.")
        Path dir;

        @Override
        public Integer call()
        {
            try
            {
                final int runs = ExperimentFiles.merge(dir);
                spec.commandLine().getOut().println("merged " + runs + " runs into " +
                    dir.resolve(ExperimentFiles.METRICS_FILE) + ", " + ExperimentFiles.REPORT_FILE);
                spec.commandLine().getOut().flush();
                return 0;
            }
            catch (final ScenarioException ex)
            {
                return error(spec.commandLine().getErr(), ex.getMessage());
            }
            catch (final IOException ex)
            {
                return error(spec.commandLine().getErr(), "cannot read or write: " + ex.getMessage());
            }
        }
    }
}
