package by.butb.sim;

import by.butb.engine.csv.CsvReader;
import by.butb.engine.csv.CsvRow;
import by.butb.sim.cli.ButbCommand;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs the command line in-process, as {@code ./butb ARGS} would, and reads its output files. */
public final class Butb
{
    public static final String HEADER =
        "time,participant,action,order_id,instrument,side,type,tif,price,quantity,on_behalf_of,new_order_id," +
            "exchange_order_id\n";

    private Butb()
    {
    }

    public record Run(int exitCode, String out, String err)
    {
    }

    public static Run run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = ButbCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        final int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** Writes an order file: the standard header, then {@code rows}. */
    public static Path orders(final Path dir, final String... rows)
    {
        final StringBuilder text = new StringBuilder(HEADER);
        for (final String row : rows)
        {
            text.append(row).append('\n');
        }
        return write(dir.resolve("orders.csv"), text.toString());
    }

    public static Path write(final Path file, final String text)
    {
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public static List<CsvRow> csv(final Path file)
    {
        return CsvReader.readAll(file, List.of());
    }

    public static String text(final Path file)
    {
        try
        {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
