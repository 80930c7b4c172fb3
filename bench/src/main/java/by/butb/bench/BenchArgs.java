package by.butb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Option values of the bench tools' command lines ({@code --name value}); a bad value is an
 * {@link IllegalArgumentException} naming the option, which the tools print with their usage (exit code 2).
 */
public final class BenchArgs
{
    private BenchArgs()
    {
    }

    /** The value after {@code option} at {@code args[i]}. */
    /**
     * {@code parse} applied to {@code args}; on an {@link IllegalArgumentException} prints the tool's name with the
     * problem and then {@code usage} to standard error and exits with status 2.
     */
    public static <T> T parseOrExit(final String tool, final String usage, final Function<String[], T> parse,
        final String[] args)
    {
        try
        {
            return parse.apply(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(tool + ": " + ex.getMessage());
            System.err.println("usage: " + tool + " " + usage);
            System.exit(2);
            throw ex;
        }
    }

    public static String value(final String[] args, final int i, final String option)
    {
        if (i >= args.length)
        {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** A whole number of at least {@code least}. */
    public static int number(final String text, final String option, final int least)
    {
        final int v;
        try
        {
            v = Integer.parseInt(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a whole number");
        }
        if (v < least)
        {
            throw new IllegalArgumentException(option + " must be at least " + least + ", got " + v);
        }
        return v;
    }

    /** A comma-separated list of rates per second, each at least 1. */
    public static List<Integer> rates(final String text, final String option)
    {
        final List<Integer> rates = new ArrayList<>();
        for (final String part : text.split(","))
        {
            rates.add(number(part, option, 1));
        }
        return rates;
    }
}
