package by.butb.sim.cli;

import by.butb.cluster.ClusterClientOptions;
import by.butb.cluster.ClusterConfigException;
import by.butb.engine.files.FileProblems;
import by.butb.gateway.FixEngine;
import by.butb.engine.csv.CsvException;
import by.butb.sim.agents.AgentScenarioLoader;
import by.butb.sim.replay.TableFormat;
import by.butb.sim.report.FigureReport;
import by.butb.sim.report.StudyReport;
import by.butb.sim.study.Scenario;
import by.butb.sim.study.ScenarioCopy;
import by.butb.sim.study.ScenarioException;
import by.butb.sim.study.ScenarioSource;
import by.butb.sim.study.StudyCluster;
import by.butb.sim.study.StudyPlan;
import by.butb.sim.study.StudyRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code butb study}: replays the BUTB volumes of the study (the bundled scenario) and shows what happened;
 * {@code butb sim --scenario FILE}: the same for any scenario file. Format of scenarios: docs/scenarios.md.
 */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    versionProvider = ButbCommand.Version.class,
    sortOptions = false,
    description = {
        "Replays the BUTB volumes of the study through the matching engine and shows what happened.",
        "",
        "Agents (Belarusian sellers, buyers per country from the accreditation figures, brokers) place real orders, " +
            "lots and bids that go through the engine's checks and matching; the trades are attributed to the " +
            "study's flows (buyer country, commodity, period) and compared with the study's figures.",
        "Writes into --out: trades.csv, events.csv (the replay formats), trades-by-flow.csv, summary.csv, " +
            "figures.csv, report.html, the generated instruments.csv and participants.csv and a copy of the " +
            "scenario (scenario/), all the same for the same seed; and the wall-clock timing.txt and " +
            "latency.hgrm. Prints the per-flow table and the study's other figures. With --gzip or --zstd the " +
            "trades, events and trades-by-flow CSV files are compressed (.csv.gz, .csv.zst); with --format parquet " +
            "they are Parquet files (.parquet)."},
    footer = {"", "Examples:",
        "  ./butb study                     the study, into out/study/",
        "  ./butb study --scale 100 --out out/stress",
        "  ./butb study --scale 100 --format parquet --out out/stress",
        "  ./butb sim --scenario examples/study/study.yaml --seed 7",
        "  ./butb study --via-gateway --cluster localhost:9100,localhost:9110,localhost:9120",
        "",
        "Exit codes: 0 done, every flow within tolerance; 1 bad scenario or file error;",
        "2 usage error; 3 the replay ran but a flow is outside tolerance or a figure is missed.",
        "Scenario format: docs/scenarios.md. The study: docs/study.md."})
public class StudyCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "FILE",
        description = "Scenario file (YAML, docs/scenarios.md). Default: the bundled study scenario.")
    Path scenario;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: the scenario's).")
    Long seed;

    @Option(names = "--scale", paramLabel = "N",
        description = "Multiplies every volume (more deals of the same sizes), e.g. 100 for a stress run " +
            "(default: the scenario's, usually 1).")
    Integer scale;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "0",
        description = "Pacing: simulated seconds per wall-clock second, e.g. 86400 for a day a second. " +
            "Default 0: as fast as possible.")
    double speed;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Output directory (default: out/<scenario name>/).")
    Path out;

    @Option(names = "--via-gateway",
        description = "Send every command as a FIX 4.4 message through the gateway (started on a free loopback " +
            "port, one session per participant), one at a time; same trades.csv as in process, slower. With " +
            "--cluster the gateway is a client of that cluster, which must be new and run the study's " +
            "instruments.csv and participants.csv (docs/study.md).")
    boolean viaGateway;

    @Option(names = "--fix-engine", paramLabel = "native|qfj",
        description = "With --via-gateway: the gateway's FIX session layer, native (default) or qfj (QuickFIX/J), " +
            "as serve --fix-engine.")
    String fixEngine;

    @Mixin
    ClusterClientOptions cluster;

    @Mixin
    TableFormatOptions tables;

    @Option(names = "--quiet", description = "Do not print the table (the files are written all the same).")
    boolean quiet;

    /** The first option given that an agent-based scenario cannot take, or null. */
    private String optionNotForAgents()
    {
        for (final String name : new String[] {"--scale", "--speed", "--via-gateway", "--fix-engine", "--cluster",
            "--cluster-file", "--cluster-host", "--cluster-secret", "--format", "--gzip", "--zstd"})
        {
            if (spec.commandLine().getParseResult().hasMatchedOption(name))
            {
                return name;
            }
        }
        return null;
    }

    /** The usage error of the options given, or null. */
    private String usageError()
    {
        if (out != null && out.toString().isBlank())
        {
            return "--out must name a directory, not an empty string";
        }
        if (scale != null && (scale < 1 || scale > 10_000))
        {
            return "--scale must be from 1 to 10000, not " + scale;
        }
        if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed))
        {
            return "--speed must be 0 (as fast as possible) or a positive number";
        }
        if (cluster.secretGiven() && !cluster.given())
        {
            return "--cluster-secret needs --cluster";
        }
        if (cluster.given() && !viaGateway)
        {
            return cluster.optionName() + " needs --via-gateway (the cluster is the engine of the study's FIX gateway)";
        }
        if (fixEngine != null && FixEngine.ofOptionValue(fixEngine) == null)
        {
            return "--fix-engine must be native or qfj, got '" + fixEngine + "'";
        }
        if (fixEngine != null && !viaGateway)
        {
            return "--fix-engine needs --via-gateway (it is the FIX session layer of the study's gateway)";
        }
        return null;
    }

    ScenarioSource defaultScenario()
    {
        return ScenarioSource.STUDY;
    }

    @Override
    public Integer call()
    {
        ButbCommand.quietLibraries();
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter stderr = spec.commandLine().getErr();
        final String me = "butb " + spec.name();
        final TableFormat format = tables.format(spec);
        final String usage = usageError();
        if (usage != null)
        {
            stderr.println(me + ": " + usage + " (see ./" + me + " --help)");
            stderr.flush();
            return 2;
        }
        final FixEngine engine = fixEngine == null ? null : FixEngine.ofOptionValue(fixEngine);
        try
        {
            final StudyCluster onCluster = cluster.given() ? new StudyCluster(cluster.members(),
                cluster.secret(), cluster.host()) : null;
            final ScenarioSource source = scenario == null ? defaultScenario() : ScenarioSource.file(scenario);
            if (scenario != null && AgentScenarioLoader.isAgentScenario(source))
            {
                final String notForAgents = optionNotForAgents();
                if (notForAgents != null)
                {
                    stderr.println(me + ": " + notForAgents + " does not apply to an agent-based scenario, which " +
                        "runs in process and writes metrics.csv, trades.csv and report.html (see ./" + me + " --help)");
                    stderr.flush();
                    return 2;
                }
                return AgentSim.run(source, seed, out, quiet, stdout);
            }
            final Scenario loaded = Scenario.load(source).with(seed, scale);
            final Path dir = out != null ? out : Path.of("out", loaded.name());
            final String notADirectory = FileProblems.notADirectory(dir, "--out");
            if (notADirectory != null)
            {
                stderr.println(me + ": error: " + notADirectory);
                stderr.flush();
                return 1;
            }
            final long t0 = System.nanoTime();
            final StudyPlan plan = StudyPlan.of(loaded);
            final long planned = System.nanoTime() - t0;
            // Before the run: the nodes of a cluster that refuses the study's catalog are started with these.
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("instruments.csv"), plan.instrumentsCsv());
            Files.writeString(dir.resolve("participants.csv"), plan.participantsCsv());
            final StudyRun.Result result = StudyRun.run(plan, dir, speed, line ->
            {
                stderr.print(line);
                stderr.flush();
            }, viaGateway ? StudyRun.Route.GATEWAY : StudyRun.Route.IN_PROCESS, format, onCluster, engine);
            StudyReport.write(result, dir);
            StudyReport.writeTiming(result, planned, dir);
            ScenarioCopy.write(loaded, dir);
            if (!quiet)
            {
                print(stdout, loaded, source, plan, result, planned, dir, format);
            }
            return exitCode(stderr, me, result, dir);
        }
        catch (final StudyCluster.Refused ex)
        {
            stderr.println(me + ": " + ex.getMessage());
            stderr.flush();
            return 1;
        }
        catch (final ScenarioException | CsvException | ClusterConfigException ex)
        {
            stderr.println(me + ": error: " + ex.getMessage());
            stderr.flush();
            return 1;
        }
        catch (final IOException ex)
        {
            stderr.println(me + ": error: cannot write the output: " + FileProblems.withFile(ex));
            stderr.flush();
            return 1;
        }
        catch (final UncheckedIOException ex)
        {
            // The plan's temporary file (DealSpillFile): the message names the file and java.io.tmpdir.
            stderr.println(me + ": error: " + ex.getMessage());
            stderr.flush();
            return 1;
        }
        catch (final RuntimeException ex)
        {
            stderr.println(me + ": internal error (please report it): " + ex);
            ex.printStackTrace(stderr);
            stderr.flush();
            return 1;
        }
    }

    private void print(final PrintWriter stdout, final Scenario loaded, final ScenarioSource source,
        final StudyPlan plan, final StudyRun.Result result, final long planned, final Path dir,
        final TableFormat format)
    {
        stdout.printf("Scenario %s (%s), seed %d, scale %d: %,d deals, %,d commands, %,d trades, %,d rejects%n",
            loaded.name(), source.name(), loaded.seed(), loaded.scale(), plan.deals(), result.commands(),
            result.trades(), result.rejects());
        stdout.println();
        stdout.print(StudyReport.table(result));
        stdout.println();
        final String figures = FigureReport.table(result);
        if (!figures.isEmpty())
        {
            stdout.print(figures);
            stdout.println();
        }
        stdout.println("route: " + result.route());
        stdout.println(StudyReport.latencyLine(result));
        stdout.printf("planned in %.2f s, replayed in %.2f s; assumptions: report.html and docs/study.md%n",
            planned / 1e9, result.wallNanos() / 1e9);
        stdout.println("wrote " + dir.resolve(format.fileName(StudyRun.TRADES_FILE)) + ", " +
            format.fileName(StudyRun.EVENTS_FILE) + ", " + format.fileName(StudyRun.FLOW_TRADES_FILE) +
            ", " + StudyReport.SUMMARY_FILE + ", " + FigureReport.FIGURES_FILE + ", " +
            StudyReport.REPORT_FILE + ", instruments.csv, participants.csv, " + ScenarioCopy.DIRECTORY + "/; " +
            "wall-clock (differ from run to run): " + StudyReport.TIMING_FILE + ", " + StudyReport.LATENCY_FILE);
        stdout.flush();
    }

    /** 0 when every flow and figure is met; else 3, after saying what was missed and the rejects by reason. */
    private static int exitCode(final PrintWriter stderr, final String me, final StudyRun.Result result,
        final Path dir)
    {
        final long failed = result.flows().stream().filter(a -> !StudyReport.ok(a)).count();
        final long missed = FigureReport.failed(result);
        if (failed > 0 || missed > 0)
        {
            if (failed > 0)
            {
                stderr.println(me + ": " + failed + " flow(s) outside tolerance (quantity 1 %, value 5 %); see " +
                    dir.resolve(StudyReport.SUMMARY_FILE));
            }
            if (missed > 0)
            {
                stderr.println(me + ": " + missed + " figure(s) of the study missed; see " +
                    dir.resolve(FigureReport.FIGURES_FILE));
            }
            stderr.println(me + ": " + FigureReport.rejectsLine(result));
            stderr.flush();
            return 3;
        }
        return 0;
    }

    /** {@code butb sim --scenario FILE}: the same run for a scenario of your own. */
    @Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        versionProvider = ButbCommand.Version.class,
        sortOptions = false,
        description = {"Runs a scenario file (YAML, docs/scenarios.md) like `butb study` runs the study's.",
            "Options and outputs are those of `butb study`.",
            "A scenario with an agents: section is an agent-based market (docs/scenarios.md#agent-based-markets): " +
                "trading agents place orders and prices emerge; it writes metrics.csv, trades.csv and report.html " +
                "(--scale, --speed, --via-gateway and its options, and the table formats are usage errors there)."},
        footer = {"", "Examples:", "  ./butb sim --scenario examples/study/study.yaml --scale 10 --out out/x",
            "  ./butb sim --scenario examples/agents/zic.yaml     (agents: prices emerge)", "",
            "Exit codes: 0 done, 1 bad scenario or file error, 2 usage error, 3 a flow outside tolerance",
            "or a figure of the study missed."})
    public static final class Sim extends StudyCommand
    {
        /** Makes {@code --scenario} required in {@code sim}'s spec, with a description that says so. */
        static void requireScenario(final CommandSpec sim)
        {
            final OptionSpec inherited = sim.findOption("--scenario");
            sim.remove(inherited);
            sim.addOption(OptionSpec.builder(inherited).required(true)
                .description("Scenario file (YAML, docs/scenarios.md); required (`butb study` runs the bundled " +
                    "study scenario).").build());
        }
    }
}
