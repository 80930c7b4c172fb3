package by.butb.bench.replay;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Two builds of the replay side by side in one JVM: each build's self-contained {@code benchmarks.jar} (or class
 * path) in a class loader of its own, both replaying the same order file in turn (A B, then B A, and so on), so
 * that the machine's changing speed falls on both alike. Prints each run's orders per second, then, per build, the
 * minimum, median and maximum of the runs after the first {@code warmup} (the compiled code) and the ratio of the
 * medians, B over A; and checks that both builds wrote the same trades.csv and events.csv.
 *
 * <pre>
 * java -XX:+UseParallelGC -cp bench/target/benchmarks.jar by.butb.bench.replay.ReplayAb ORDERS A.jar B.jar
 *     [rounds] [warmup] [dir]
 * </pre>
 * Defaults: 10 rounds (a run of each build per round), warmup 4, a new temporary directory for the outputs. An order
 * file: {@link ReplayThroughput} writes one. Exit status 0; 1 when the outputs differ, a replay fails or a jar has no
 * replay this tool knows; 2 for a bad argument.
 */
public final class ReplayAb
{
    private ReplayAb()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the comparison; returns the exit status. */
    static int run(final String[] args, final PrintStream out, final PrintStream err) throws IOException
    {
        final int rounds;
        final int warmup;
        try
        {
            if (args.length < 3)
            {
                throw new IllegalArgumentException("ORDERS, A.jar and B.jar are required");
            }
            rounds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
            warmup = args.length > 4 ? Integer.parseInt(args[4]) : 4;
            if (rounds < 1 || warmup < 0 || warmup >= rounds)
            {
                throw new IllegalArgumentException("rounds must be positive and warmup from 0 to rounds - 1");
            }
            for (int i = 0; i < 3; i++)
            {
                for (final String file : args[i].split(File.pathSeparator))
                {
                    if (!Files.exists(Path.of(file)))
                    {
                        throw new IllegalArgumentException(file + " does not exist");
                    }
                }
            }
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("usage: ReplayAb ORDERS A.jar B.jar [rounds] [warmup] [dir]: " + ex.getMessage());
            return 2;
        }
        final Path dir = args.length > 5 ? Path.of(args[5]) : Files.createTempDirectory("butb-replay-ab");
        final Build[] builds = {new Build("A", args[1], dir), new Build("B", args[2], dir)};
        final Path orders = Path.of(args[0]);
        final long rows;
        try (var lines = Files.lines(orders))
        {
            rows = lines.count() - 1;
        }
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < 2; i++)
            {
                final Build build = builds[round % 2 == 0 ? i : 1 - i];
                try
                {
                    build.run(orders, rows);
                }
                catch (final InvocationTargetException ex)
                {
                    err.println("ReplayAb: the replay of " + build.name + " failed: " + ex.getCause());
                    return 1;
                }
                catch (final ReflectiveOperationException ex)
                {
                    err.println("ReplayAb: " + build.classPath + " has no replay this tool knows " +
                        "(by.butb.sim.replay.Replay.run with Replay.Options of 7 values): " + ex);
                    return 1;
                }
            }
        }
        for (final Build build : builds)
        {
            out.println(build.report(warmup));
        }
        out.printf(Locale.ROOT, "median B / A: %.2f%n", builds[1].median(warmup) / builds[0].median(warmup));
        boolean same = true;
        for (final String file : new String[] {"trades.csv", "events.csv"})
        {
            same &= Arrays.equals(Files.readAllBytes(builds[0].out.resolve(file)),
                Files.readAllBytes(builds[1].out.resolve(file)));
        }
        out.println(same ? "outputs: the same" : "outputs: DIFFERENT");
        return same ? 0 : 1;
    }

    /** One build's class loader, its replay entry point and the rates of its runs. */
    private static final class Build
    {
        private final String name;
        private final String classPath;
        private final Path out;
        private final URLClassLoader loader;
        private final List<Double> rates = new ArrayList<>();

        /** @param classPath the build's jar, or its class path (entries separated as on the command line). */
        Build(final String name, final String classPath, final Path dir)
        {
            this.name = name;
            this.classPath = classPath;
            this.out = dir.resolve("out-" + name);
            final String[] entries = classPath.split(File.pathSeparator);
            final URL[] urls = new URL[entries.length];
            try
            {
                for (int i = 0; i < entries.length; i++)
                {
                    urls[i] = Path.of(entries[i]).toUri().toURL();
                }
            }
            catch (final MalformedURLException ex)
            {
                throw new IllegalArgumentException(classPath + ": " + ex.getMessage(), ex);
            }
            loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        }

        /** Replays {@code orders} ({@code rows} rows) with the bundled catalog and default rules into {@link #out}. */
        void run(final Path orders, final long rows) throws ReflectiveOperationException
        {
            final Thread thread = Thread.currentThread();
            final ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try
            {
                final Class<?> source = loader.loadClass("by.butb.sim.replay.Source");
                final Class<?> rules = loader.loadClass("by.butb.engine.core.MarketRules");
                final Class<?> options = loader.loadClass("by.butb.sim.replay.Replay$Options");
                final Constructor<?> make = options.getConstructor(source, source, source, source, Path.class,
                    Path.class, rules);
                final Object replayOptions = make.newInstance(source.getMethod("file", Path.class).invoke(null, orders),
                    source.getField("DEFAULT_INSTRUMENTS").get(null), source.getField("DEFAULT_PARTICIPANTS").get(null),
                    null, out, null, rules.getField("DEFAULT").get(null));
                final Method replay = loader.loadClass("by.butb.sim.replay.Replay").getMethod("run", options,
                    Consumer.class);
                final long start = System.nanoTime();
                replay.invoke(null, replayOptions, (Consumer<String>)line -> { });
                rates.add(rows / ((System.nanoTime() - start) / 1e9));
            }
            finally
            {
                thread.setContextClassLoader(previous);
            }
        }

        double median(final int warmup)
        {
            final List<Double> compiled = new ArrayList<>(rates.subList(warmup, rates.size()));
            compiled.sort(null);
            return compiled.get(compiled.size() / 2);
        }

        String report(final int warmup)
        {
            final StringBuilder b = new StringBuilder(name + " " + classPath + ", orders/s of each run:");
            for (final double rate : rates)
            {
                b.append(String.format(Locale.ROOT, " %,.0f", rate));
            }
            final List<Double> compiled = new ArrayList<>(rates.subList(warmup, rates.size()));
            compiled.sort(null);
            return b.append(String.format(Locale.ROOT, "%n  after %d runs: min %,.0f, median %,.0f, max %,.0f",
                warmup, compiled.get(0), median(warmup), compiled.get(compiled.size() - 1))).toString();
        }
    }
}
