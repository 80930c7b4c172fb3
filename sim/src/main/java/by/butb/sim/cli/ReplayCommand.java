package by.butb.sim.cli;

import by.butb.cluster.ClusterConfigException;
import by.butb.cluster.ClusterClientOptions;
import by.butb.engine.core.MarketRules;
import by.butb.engine.csv.CsvException;
import by.butb.engine.model.FixedPoint;
import by.butb.sim.replay.Replay;
import by.butb.sim.replay.ReplayException;
import by.butb.sim.replay.Source;
import by.butb.sim.replay.TableFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code butb replay}: an order file in, trades.csv, events.csv and summary.txt out. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = ButbCommand.Version.class,
    sortOptions = false,
    description = {
        "Replays an order file through the matching engine; writes trades, events and a summary.",
        "",
        "Reads an order CSV (--orders) and writes trades.csv, events.csv and summary.txt into the output " +
            "directory (--out); the summary is also printed. With --gzip or --zstd the CSV files are compressed " +
            "(.csv.gz, .csv.zst); with --format parquet they are trades.parquet and events.parquet.",
        "Without --orders it replays the bundled sample (examples/orders-sample.csv); without --instruments or " +
            "--participants it uses the bundled default catalogs (config/*.csv).",
        "A row the replay cannot read is rejected in events.csv (code 100) and the replay goes on; an unreadable " +
            "file, a bad catalog or a missing column stops it with exit code 1 and writes nothing.",
        "With --cluster every command also goes to that cluster, which must not have applied any command before, " +
            "and its events must equal the replay's (docs/cluster.md)."},
    footer = {"", "Examples:",
        "  ./butb replay",
        "      the bundled sample, into out/replay",
        "  ./butb replay --orders my-orders.csv --out out/mine",
        "  ./butb replay --orders big.csv --gzip --out out/big",
        "      trades.csv.gz and events.csv.gz: pandas.read_csv and DuckDB read them as they are",
        "  ./butb replay --orders big.csv --format parquet --out out/big",
        "      trades.parquet and events.parquet: typed columns for pandas.read_parquet and DuckDB",
        "  ./butb replay --orders examples/orders-auctions.csv \\",
        "      --schedule examples/schedule-sample.csv --out out/auctions",
        "      opening call auction, lot auction and address deals",
        "",
        "Exit codes: 0 done, 1 bad input or file error, 2 usage error.",
        "Formats of every file: docs/formats.md."})
public final class ReplayCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--orders", paramLabel = "FILE",
        description = "Order CSV to replay (default: the bundled examples/orders-sample.csv).")
    private Path orders;

    @Option(names = "--instruments", paramLabel = "FILE",
        description = "Instrument catalog CSV (default: the bundled config/instruments.csv).")
    private Path instruments;

    @Option(names = "--participants", paramLabel = "FILE",
        description = "Participants CSV (default: the bundled config/participants.csv).")
    private Path participants;

    @Option(names = "--schedule", paramLabel = "FILE",
        description = "Session schedule CSV (phases per section: pre-open, opening auction, continuous, address, " +
            "close). Default: none, every section trades continuously.")
    private Path schedule;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/replay",
        description = "Output directory; only the three output files in it are replaced (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--data", paramLabel = "DIR",
        description = "Also journal the commands and events with Chronicle Queue into DIR (a new or empty " +
            "directory). Default: no journal.")
    private Path data;

    @Option(names = "--until", paramLabel = "TIME", converter = TimeConverter.class,
        description = "After the last row, move the exchange's clock to TIME (ISO-8601 UTC, e.g. " +
            "2024-03-06T00:00:00Z): lots due by then close, phases change, DAY orders of past days expire. " +
            "Default: the latest lot close_time of the file when it is after the last row, else no clock move.")
    private Long until;

    @Mixin
    private TableFormatOptions tables;

    @Option(names = "--guarantee-pct", paramLabel = "PCT", defaultValue = "10", converter = PercentConverter.class,
        description = "Guarantee an order blocks from the free deposit, in %% of its value " +
            "(default: ${DEFAULT-VALUE}).")
    private int guaranteeBps;

    @Option(names = "--fee-pct", paramLabel = "PCT", defaultValue = "0.1", converter = PercentConverter.class,
        description = "Exchange fee charged to buyer and seller, in %% of the deal amount (default: ${DEFAULT-VALUE}).")
    private int feeBps;

    @Mixin
    private ClusterClientOptions cluster;

    @Override
    public Integer call()
    {
        ButbCommand.quietLibraries();
        if (cluster.secretGiven() && !cluster.given())
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cluster-secret needs --cluster");
        }
        for (final Path dir : new Path[] {out, data})
        {
            if (dir != null && dir.toString().isBlank())
            {
                throw new CommandLine.ParameterException(spec.commandLine(), (dir == out ? "--out" : "--data") +
                    " must name a directory, not an empty string");
            }
        }
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter stderr = spec.commandLine().getErr();
        final TableFormat format = tables.format(spec);
        final Replay.Options options = new Replay.Options(
            orders == null ? Source.SAMPLE_ORDERS : Source.file(orders),
            instruments == null ? Source.DEFAULT_INSTRUMENTS : Source.file(instruments),
            participants == null ? Source.DEFAULT_PARTICIPANTS : Source.file(participants),
            schedule == null ? null : Source.file(schedule),
            out, data, new MarketRules(guaranteeBps, feeBps), until, format);
        final ReplayToCluster toCluster;
        try
        {
            toCluster = cluster.given() ? ReplayToCluster.connect(cluster.members(), cluster.secret(),
                cluster.host()) : null;
        }
        catch (final ClusterConfigException | IllegalStateException ex)
        {
            stderr.println("butb replay: error: " + ex.getMessage());
            stderr.flush();
            return 1;
        }
        try (toCluster)
        {
            final Replay.Result result = Replay.run(options, line ->
            {
                stderr.println("butb replay: " + line);
                stderr.flush();
            }, toCluster);
            if (toCluster != null)
            {
                toCluster.finish(result.commands());
                stdout.println("the cluster " + cluster.describe() + " applied the " + result.commands() +
                    " commands with the same events");
            }
            stdout.print(result.summary());
            stdout.println();
            final List<String> files = options.outputFiles();
            stdout.println("wrote " + out.resolve(files.get(0)) + ", " + files.get(1) + " and " + files.get(2));
            stdout.flush();
            return 0;
        }
        catch (final CsvException | ReplayException ex)
        {
            stderr.println("butb replay: error: " + ex.getMessage());
            stderr.flush();
            return 1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            stderr.println("butb replay: interrupted");
            stderr.flush();
            return 1;
        }
        catch (final RuntimeException ex)
        {
            stderr.println("butb replay: internal error (please report it): " + ex);
            ex.printStackTrace(stderr);
            stderr.flush();
            return 1;
        }
    }

    /** ISO-8601 UTC time to epoch nanoseconds. */
    public static final class TimeConverter implements CommandLine.ITypeConverter<Long>
    {
        @Override
        public Long convert(final String value)
        {
            try
            {
                final java.time.Instant instant = java.time.Instant.parse(value);
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
            }
            catch (final java.time.format.DateTimeParseException | ArithmeticException ex)
            {
                throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not an ISO-8601 UTC time such as 2024-03-06T00:00:00Z");
            }
        }
    }

    /** "10" or "0.1" (percent, at most two decimals, 0 to 100) to basis points. */
    public static final class PercentConverter implements CommandLine.ITypeConverter<Integer>
    {
        @Override
        public Integer convert(final String value)
        {
            final long bps;
            try
            {
                bps = FixedPoint.parse(value, 2);
            }
            catch (final NumberFormatException ex)
            {
                throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a percentage with at most two decimals, such as 10 or 0.15");
            }
            if (bps < 0 || bps > 100_00)
            {
                throw new CommandLine.TypeConversionException("'" + value + "' is not between 0 and 100");
            }
            return (int)bps;
        }
    }
}
