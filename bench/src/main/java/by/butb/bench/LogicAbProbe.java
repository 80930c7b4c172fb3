package by.butb.bench;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Compares the engine logic of two builds in one JVM, for changes too small to see across separate runs on a
 * machine whose speed drifts by tens of percent within minutes (the project's 2-core machine: bench/RESULTS.md).
 *
 * <p>Each build (a class path: a {@code benchmarks.jar}, or jars and directories joined by the path separator) is
 * loaded twice, each copy in its own class loader with its own workload and engine ({@link LogicRound}); the four
 * copies, in the order A B B A, take turns applying {@code commandsPerRound} commands, and every round reverses the
 * order. A round's ratio is B's CPU time over A's for the same commands in the same second, so the machine's drift
 * cancels; the result is the median over the rounds. Both builds must contain {@link LogicRound} (commit 99bb762
 * and later).
 *
 * <pre>
 * java -XX:+UseParallelGC -Xms3g -Xmx3g -cp bench/target/benchmarks.jar by.butb.bench.LogicAbProbe A.jar B.jar [rounds]
 * </pre>
 * Exit status 0, or 2 with a message for a bad argument.
 */
public final class LogicAbProbe
{
    static final int DEFAULT_ROUNDS = 30;
    static final int COMMANDS_PER_ROUND = 1 << 20;

    /** Medians of the rounds; {@code ratio} is B's time over A's, {@code bFaster} the rounds B took less time. */
    public record Result(double aNanosPerCommand, double bNanosPerCommand, double ratio, int bFaster, int rounds)
    {
        @Override
        public String toString()
        {
            return String.format(Locale.ROOT, "A %.1f ns/command, B %.1f ns/command (medians); B/A time %.3f " +
                "(median of the rounds' ratios); B faster in %d of %d rounds", aNanosPerCommand, bNanosPerCommand,
                ratio, bFaster, rounds);
        }
    }

    private LogicAbProbe()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length < 2 || args.length > 3)
        {
            System.err.println("usage: LogicAbProbe <class path of build A> <class path of build B> [rounds]");
            System.exit(2);
        }
        try
        {
            final int rounds = args.length == 3 ? parseRounds(args[2]) : DEFAULT_ROUNDS;
            final Result result = run(args[0], args[1], rounds, MixedWorkload.DEFAULT_MIXED_COMMANDS,
                COMMANDS_PER_ROUND);
            System.out.println("A = " + args[0] + "\nB = " + args[1] + "\n" + result);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("LogicAbProbe: " + ex.getMessage());
            System.exit(2);
        }
    }

    private static int parseRounds(final String text)
    {
        try
        {
            final int rounds = Integer.parseInt(text);
            if (rounds >= 2)
            {
                return rounds;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new IllegalArgumentException("rounds must be a whole number of at least 2, got '" + text + "'");
    }

    /** Loads each build twice, warms the four copies up, and measures {@code rounds} rounds. */
    public static Result run(final String classPathA, final String classPathB, final int rounds,
        final int mixedCommands, final int commandsPerRound) throws ReflectiveOperationException
    {
        final URL[] buildA = urls(classPathA);
        final URL[] buildB = urls(classPathB);
        final LongSupplier a1 = load(buildA, classPathA, mixedCommands, commandsPerRound);
        final LongSupplier b1 = load(buildB, classPathB, mixedCommands, commandsPerRound);
        final LongSupplier b2 = load(buildB, classPathB, mixedCommands, commandsPerRound);
        final LongSupplier a2 = load(buildA, classPathA, mixedCommands, commandsPerRound);
        final LongSupplier[] order = {a1, b1, b2, a2};
        for (int i = 0; i < 3; i++)
        {
            for (final LongSupplier copy : order)
            {
                copy.getAsLong();
            }
        }
        final double[] a = new double[rounds];
        final double[] b = new double[rounds];
        final double[] ratio = new double[rounds];
        int bFaster = 0;
        for (int round = 0; round < rounds; round++)
        {
            final long[] nanos = new long[4];
            for (int turn = 0; turn < 4; turn++)
            {
                final int copy = round % 2 == 0 ? turn : 3 - turn;
                nanos[copy] = order[copy].getAsLong();
            }
            a[round] = (nanos[0] + nanos[3]) / (2.0 * commandsPerRound);
            b[round] = (nanos[1] + nanos[2]) / (2.0 * commandsPerRound);
            ratio[round] = b[round] / a[round];
            bFaster += ratio[round] < 1 ? 1 : 0;
        }
        return new Result(median(a), median(b), median(ratio), bFaster, rounds);
    }

    private static URL[] urls(final String classPath)
    {
        final String[] entries = classPath.split(File.pathSeparator);
        final URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++)
        {
            final Path entry = Path.of(entries[i]);
            if (!Files.exists(entry))
            {
                throw new IllegalArgumentException("no such jar or directory: " + entry);
            }
            try
            {
                urls[i] = entry.toUri().toURL();
            }
            catch (final MalformedURLException ex)
            {
                throw new IllegalArgumentException("not a usable path: " + entry, ex);
            }
        }
        return urls;
    }

    private static LongSupplier load(final URL[] urls, final String classPath, final int mixedCommands,
        final int commandsPerRound) throws ReflectiveOperationException
    {
        // The platform loader as parent: every class of the build comes from its own class path.
        final ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        final Class<?> round;
        try
        {
            round = loader.loadClass(LogicRound.class.getName());
        }
        catch (final ClassNotFoundException ex)
        {
            throw new IllegalArgumentException(classPath + " has no " + LogicRound.class.getName() +
                " (a build older than commit 99bb762?)", ex);
        }
        return (LongSupplier)round.getConstructor(int.class, int.class).newInstance(mixedCommands, commandsPerRound);
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
