package by.butb.sim.cli;

import by.butb.sim.replay.TableFormat;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * The options that choose how the trade and event tables are written: {@code --format}, {@code --gzip} and
 * {@code --zstd} (a picocli mixin of {@code replay} and {@code study}).
 */
public final class TableFormatOptions
{
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", converter = FormatConverter.class,
        description = "csv (default) or parquet: trades.parquet, events.parquet... with typed columns (integers, " +
            "decimals, UTC timestamps, text; empty fields are nulls) and zstd-compressed pages, which pandas " +
            "(pyarrow) and DuckDB read as they are (docs/formats.md#parquet-files).")
    private String format;

    @Option(names = "--gzip",
        description = "Write the CSV files gzip-compressed (trades.csv.gz..., about a sixth of the size; " +
            "pandas and DuckDB read them as they are).")
    private boolean gzip;

    @Option(names = "--zstd",
        description = "Write the CSV files zstd-compressed (trades.csv.zst..., about an eighth of the size; " +
            "pandas (with the zstandard package) and DuckDB read them as they are).")
    private boolean zstd;

    /**
     * The format the options ask for.
     *
     * @throws CommandLine.ParameterException (a usage error) for two compressions, or a compression with Parquet.
     */
    public TableFormat format(final CommandSpec spec)
    {
        final boolean parquet = "parquet".equals(format);
        if (gzip && zstd)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--gzip and --zstd cannot be used together: choose one compression");
        }
        if (parquet && (gzip || zstd))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format parquet and " +
                (gzip ? "--gzip" : "--zstd") + " cannot be used together: Parquet compresses its pages itself");
        }
        return parquet ? TableFormat.PARQUET : gzip ? TableFormat.CSV_GZIP : zstd ? TableFormat.CSV_ZSTD :
            TableFormat.CSV;
    }

    /** "csv" or "parquet", in any case, to lower case. */
    public static final class FormatConverter implements CommandLine.ITypeConverter<String>
    {
        @Override
        public String convert(final String value)
        {
            final String lower = value.toLowerCase(Locale.ROOT);
            if (!lower.equals("csv") && !lower.equals("parquet"))
            {
                throw new CommandLine.TypeConversionException("'" + value + "' is not csv or parquet");
            }
            return lower;
        }
    }
}
