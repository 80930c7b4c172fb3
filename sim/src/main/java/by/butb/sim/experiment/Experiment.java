package by.butb.sim.experiment;

import by.butb.sim.agents.AgentScenario;
import by.butb.sim.agents.AgentScenarioLoader;
import by.butb.sim.study.ScenarioSource;
import by.butb.sim.study.YamlNode;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An experiment (docs/experiments.md): a base agent-based market, the parameters to vary with their values, and
 * the seeds. Its runs are every combination of the values (the first parameter varying slowest) times every seed,
 * numbered from 1 in that order.
 */
public record Experiment(String name, Path file, AgentScenario base, List<Parameter> parameters, List<Long> seeds)
{
    /** The most runs an experiment may have (combinations x seeds). */
    public static final int MAX_RUNS = 100_000;

    /** One run: its number (from 1), the parameters' values in order, the seed, and the market it runs. */
    public record Run(int number, List<String> values, long seed, AgentScenario scenario)
    {
    }

    public static Experiment load(final Path file)
    {
        final ScenarioSource source = ScenarioSource.file(file);
        final YamlNode root = YamlNode.parse(source);
        root.onlyKeys(Set.of("name", "description", "base", "seeds", "vary"));
        final YamlNode baseNode = root.get("base");
        final Path baseFile = file.toAbsolutePath().getParent().resolve(baseNode.text());
        if (!Files.isRegularFile(baseFile))
        {
            throw baseNode.error("no such file: " + baseFile);
        }
        final AgentScenario base = AgentScenarioLoader.load(ScenarioSource.file(baseFile));
        final List<Parameter> parameters = new ArrayList<>();
        final YamlNode vary = root.opt("vary");
        if (vary != null)
        {
            for (final var e : vary.entries().entrySet())
            {
                final List<String> values = e.getValue().words();
                if (values.isEmpty())
                {
                    throw e.getValue().error("needs at least one value");
                }
                final Set<String> distinct = new HashSet<>();
                for (final String v : values)
                {
                    if (!distinct.add(sameValue(v)))
                    {
                        throw e.getValue().error("'" + v + "' is given twice: its runs would be the same runs");
                    }
                }
                final Parameter p = new Parameter(e.getKey(), List.copyOf(values), source.name(), e.getValue().line());
                values.forEach(v -> p.apply(base, v));
                parameters.add(p);
            }
        }
        final List<Long> seeds = seeds(root.opt("seeds"));
        long runs = seeds.size();
        for (final Parameter p : parameters)
        {
            runs = Math.min(runs * p.values().size(), MAX_RUNS + 1L);
        }
        if (runs > MAX_RUNS)
        {
            throw (vary != null ? vary : root).error("more than " + MAX_RUNS + " runs (every combination of the " +
                "values times " + seeds.size() + " seed(s)): split the sweep into several experiments");
        }
        return new Experiment(root.text("name", base.name() + "-experiment"), file, base, List.copyOf(parameters),
            seeds);
    }

    /** {@code value} as compared for repeats: a number by its value (0.10 is 0.1), anything else as written. */
    private static String sameValue(final String value)
    {
        try
        {
            return new BigDecimal(value).stripTrailingZeros().toPlainString();
        }
        catch (final NumberFormatException ex)
        {
            return value;
        }
    }

    /** {@code seeds: N} is seeds 1 to N; a list gives them. Default 10. */
    private static List<Long> seeds(final YamlNode node)
    {
        final List<Long> seeds = new ArrayList<>();
        if (node == null)
        {
            for (long s = 1; s <= 10; s++)
            {
                seeds.add(s);
            }
        }
        else if (node.isList())
        {
            final Set<Long> seen = new HashSet<>();
            for (final YamlNode item : node.list())
            {
                final long seed = item.integer(Long.MIN_VALUE, Long.MAX_VALUE);
                if (!seen.add(seed))
                {
                    throw item.error("seed " + seed + " is given twice: its runs would be the same runs");
                }
                seeds.add(seed);
            }
        }
        else
        {
            for (long s = 1, n = node.integer(1, 100_000); s <= n; s++)
            {
                seeds.add(s);
            }
        }
        if (seeds.isEmpty())
        {
            throw node.error("needs at least one seed");
        }
        return List.copyOf(seeds);
    }

    /** Every run, in order. */
    public List<Run> runs()
    {
        final List<Run> runs = new ArrayList<>();
        int combos = 1;
        for (final Parameter p : parameters)
        {
            combos *= p.values().size();
        }
        for (int c = 0; c < combos; c++)
        {
            final List<String> values = new ArrayList<>();
            AgentScenario s = base;
            int rest = c;
            for (int i = parameters.size() - 1; i >= 0; i--)
            {
                final Parameter p = parameters.get(i);
                values.add(0, p.values().get(rest % p.values().size()));
                rest /= p.values().size();
            }
            for (int i = 0; i < parameters.size(); i++)
            {
                s = parameters.get(i).apply(s, values.get(i));
            }
            for (final long seed : seeds)
            {
                runs.add(new Run(runs.size() + 1, List.copyOf(values), seed, s.withSeed(seed)));
            }
        }
        return runs;
    }

    /** The parameters' names, in order. */
    public List<String> parameterNames()
    {
        return parameters.stream().map(Parameter::name).toList();
    }
}
