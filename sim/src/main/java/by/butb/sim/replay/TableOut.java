package by.butb.sim.replay;

/**
 * A table written row by row: the fields of a row in the order of its columns, then {@link #end}. The columns and
 * their types are fixed when the table is created ({@link TableFormat#create}); a CSV table prints every field as
 * text, a Parquet table stores it in its column's type. An empty text is an empty CSV field and a null in Parquet.
 *
 * <p>Not thread-safe: one writing thread. A write error is an {@link java.io.UncheckedIOException} naming the file.
 */
public interface TableOut extends AutoCloseable
{
    /** Text; in a typed column of a Parquet table, the text of a value (a decimal, an integer, an ISO-8601 time). */
    TableOut field(String value);

    /** Text already encoded by {@link CsvOut#encoded}: for names and words written again and again. */
    TableOut field(byte[] encoded);

    /**
     * Text given as its UTF-8 bytes {@code utf8[from, from + length)} (valid UTF-8): written as {@link #field(String)}
     * writes the text they encode, without making it a string.
     */
    TableOut text(byte[] utf8, int from, int length);

    /** A whole number. */
    TableOut field(long value);

    /** An empty field for 0, the number otherwise. */
    TableOut fieldUnlessZero(long value);

    /** A decimal: {@code value} scaled by {@code 10^scale}. */
    TableOut decimal(long value, int scale);

    /** A time: nanoseconds since the epoch, UTC. */
    TableOut time(long nanos);

    /** Ends the row. */
    TableOut end();

    /** Hands what is buffered to the file where the format allows (a Parquet table writes whole row groups). */
    void flush();

    @Override
    void close();
}
