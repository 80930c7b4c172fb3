package by.butb.sim.replay;

import by.butb.sim.parquet.ParquetFileWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** How an output table is written: plain CSV, CSV compressed with gzip or zstd, or Parquet. */
public enum TableFormat
{
    CSV(""),
    /** The CSV bytes, gzip-compressed at the fastest level. */
    CSV_GZIP(".gz"),
    /** The CSV bytes, zstd-compressed (level {@link CsvOut#ZSTD_LEVEL}). */
    CSV_ZSTD(".zst"),
    /** Parquet: typed columns, zstd-compressed pages ({@link ParquetFileWriter}). */
    PARQUET(".parquet");

    private final String suffix;

    TableFormat(final String suffix)
    {
        this.suffix = suffix;
    }

    /** The name of the file for the table {@code csvName} ("trades.csv"): e.g. trades.csv.gz, trades.parquet. */
    public String fileName(final String csvName)
    {
        if (this == PARQUET)
        {
            return (csvName.endsWith(".csv") ? csvName.substring(0, csvName.length() - 4) : csvName) + suffix;
        }
        return csvName + suffix;
    }

    /**
     * Deletes the table {@code csvName} in {@code directory} in every format but this one, where there is one: a file
     * an earlier run left. Best effort: what cannot be deleted (a directory of that name, no permission) stays.
     */
    public void deleteOtherFormats(final Path directory, final String csvName)
    {
        for (final TableFormat other : values())
        {
            if (other != this)
            {
                try
                {
                    Files.deleteIfExists(directory.resolve(other.fileName(csvName)));
                }
                catch (final IOException ex)
                {
                    // left as it is: this run's own files are written all the same
                }
            }
        }
    }

    /**
     * Creates the file {@link #fileName fileName(csvName)} in {@code directory} (replacing one there) and writes its
     * header: the column names of a CSV, the schema of a Parquet file.
     */
    public TableOut create(final Path directory, final String csvName, final List<Column> columns) throws IOException
    {
        final Path file = directory.resolve(fileName(csvName));
        if (this == PARQUET)
        {
            return ParquetFileWriter.create(file, columns);
        }
        return CsvOut.create(file, this).header(Column.names(columns));
    }
}
