package by.butb.sim.study;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A node of a YAML document with its file, line and path, so that every problem can be reported as
 * {@code file:line field 'path': problem}. Read with SnakeYAML's node API (compose), which keeps the positions.
 */
public final class YamlNode
{
    private final String file;
    private final Node node;
    private final String path;
    /** The line of the key this node is the value of (0 for list items and the root). */
    private final int keyLine;

    private YamlNode(final String file, final Node node, final String path)
    {
        this(file, node, path, 0);
    }

    private YamlNode(final String file, final Node node, final String path, final int keyLine)
    {
        this.file = file;
        this.node = node;
        this.path = path;
        this.keyLine = keyLine;
    }

    /** Parses a whole document; a syntax error names the file and line. */
    public static YamlNode parse(final String file, final Reader reader)
    {
        final LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        final Yaml yaml = new Yaml(new SafeConstructor(options));
        final Node root;
        try
        {
            root = yaml.compose(reader);
        }
        catch (final MarkedYAMLException ex)
        {
            final int line = ex.getProblemMark() != null ? ex.getProblemMark().getLine() + 1 :
                ex.getContextMark() != null ? ex.getContextMark().getLine() + 1 : 0;
            throw new ScenarioException(file, line, null, "not valid YAML: " + ex.getProblem() +
                (ex.getContext() != null ? " (" + ex.getContext() + ")" : ""));
        }
        catch (final YAMLException ex)
        {
            throw new ScenarioException(file + ": not valid YAML: " + (ex.getCause() instanceof
                CharacterCodingException ? "not a UTF-8 text file" : ex.getMessage()));
        }
        if (root == null)
        {
            throw new ScenarioException(file, 1, null, "the scenario file is empty");
        }
        final YamlNode n = new YamlNode(file, root, "");
        if (!(root instanceof MappingNode))
        {
            throw n.error("the scenario must be a mapping of fields such as name:, seed:, flows:");
        }
        return n;
    }

    /** Reads and parses a scenario file; a file that cannot be read or is not UTF-8 text is a ScenarioException. */
    public static YamlNode parse(final ScenarioSource source)
    {
        try (Reader reader = source.source().open())
        {
            return parse(source.name(), reader);
        }
        catch (final IOException ex)
        {
            throw new ScenarioException(source.name() + ": cannot read: " + ex.getMessage());
        }
        catch (final UncheckedIOException ex)
        {
            throw new ScenarioException(source.name() + ": is not UTF-8 text");
        }
    }

    public String file()
    {
        return file;
    }

    /** The line of the key (for a value under a key), else of the value itself. */
    public int line()
    {
        if (keyLine > 0)
        {
            return keyLine;
        }
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    public String path()
    {
        return path;
    }

    public ScenarioException error(final String problem)
    {
        return new ScenarioException(file, line(), path.isEmpty() ? null : path, problem);
    }

    private String child(final String key)
    {
        return path.isEmpty() ? key : path + "." + key;
    }

    private Map<String, YamlNode> mapping()
    {
        if (!(node instanceof MappingNode m))
        {
            throw error("must be a mapping (key: value lines)");
        }
        final Map<String, YamlNode> map = new LinkedHashMap<>();
        for (final NodeTuple t : m.getValue())
        {
            if (!(t.getKeyNode() instanceof ScalarNode k))
            {
                throw new YamlNode(file, t.getKeyNode(), path).error("a key must be a plain word");
            }
            final YamlNode value = new YamlNode(file, t.getValueNode(), child(k.getValue()),
                k.getStartMark() == null ? 0 : k.getStartMark().getLine() + 1);
            final YamlNode earlier = map.put(k.getValue(), value);
            if (earlier != null)
            {
                throw new ScenarioException(file, value.keyLine, child(k.getValue()), "given twice (also on line " +
                    earlier.keyLine + "): which one was meant?");
            }
        }
        return map;
    }

    /** Refuses keys that are not in {@code allowed}: a misspelt field should not be ignored. */
    public YamlNode onlyKeys(final Set<String> allowed)
    {
        for (final Map.Entry<String, YamlNode> e : mapping().entrySet())
        {
            if (!allowed.contains(e.getKey()))
            {
                throw e.getValue().error("unknown field; expected one of " + String.join(", ", allowed));
            }
        }
        return this;
    }

    public boolean has(final String key)
    {
        final YamlNode n = mapping().get(key);
        return n != null && !n.isNull();
    }

    public boolean isNull()
    {
        return node instanceof ScalarNode s && (s.getTag().getValue().endsWith(":null") || s.getValue().isEmpty() &&
            s.getScalarStyle().getChar() == null);
    }

    /** The value of a field that must be there. */
    public YamlNode get(final String key)
    {
        final YamlNode n = mapping().get(key);
        if (n == null || n.isNull())
        {
            throw new ScenarioException(file, line(), child(key), "is missing");
        }
        return n;
    }

    /** The value of a field, or null when it is absent or empty. */
    public YamlNode opt(final String key)
    {
        final YamlNode n = mapping().get(key);
        return n == null || n.isNull() ? null : n;
    }

    /** Entries of a mapping, in file order. */
    public Map<String, YamlNode> entries()
    {
        return mapping();
    }

    /** Whether the value is a list (as opposed to a mapping or a single value). */
    public boolean isList()
    {
        return node instanceof SequenceNode;
    }

    public List<YamlNode> list()
    {
        if (!(node instanceof SequenceNode s))
        {
            throw error("must be a list (lines starting with '- ', or [a, b])");
        }
        final List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++)
        {
            items.add(new YamlNode(file, s.getValue().get(i), path + "[" + i + "]"));
        }
        return items;
    }

    public String text()
    {
        if (!(node instanceof ScalarNode s))
        {
            throw error("must be a single value, not a list or a mapping");
        }
        return s.getValue().trim();
    }

    public String text(final String key, final String fallback)
    {
        final YamlNode n = opt(key);
        return n == null ? fallback : n.text();
    }

    public BigDecimal decimal()
    {
        final String t = text();
        try
        {
            return new BigDecimal(t);
        }
        catch (final NumberFormatException ex)
        {
            throw error("'" + t + "' is not a number");
        }
    }

    public BigDecimal positiveDecimal()
    {
        final BigDecimal d = decimal();
        if (d.signum() <= 0)
        {
            throw error("'" + text() + "' must be above 0");
        }
        return d;
    }

    public BigDecimal decimal(final String key, final BigDecimal fallback)
    {
        final YamlNode n = opt(key);
        return n == null ? fallback : n.decimal();
    }

    /** A percentage: from 0 to 100 with at most 2 decimals. */
    public BigDecimal percent()
    {
        final BigDecimal d = decimal();
        if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(100)) > 0 || d.stripTrailingZeros().scale() > 2)
        {
            throw error("'" + text() + "' must be a percentage from 0 to 100 with at most 2 decimals");
        }
        return d;
    }

    public BigDecimal percent(final String key, final BigDecimal fallback)
    {
        final YamlNode n = opt(key);
        return n == null ? fallback : n.percent();
    }

    public long integer(final long min, final long max)
    {
        final String t = text();
        final long v;
        try
        {
            v = Long.parseLong(t.replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw error("'" + t + "' is not a whole number");
        }
        if (v < min || v > max)
        {
            throw error(v + " is not between " + min + " and " + max);
        }
        return v;
    }

    public long integer(final String key, final long fallback, final long min, final long max)
    {
        final YamlNode n = opt(key);
        return n == null ? fallback : n.integer(min, max);
    }

    public boolean bool()
    {
        final String t = text().toLowerCase(Locale.ROOT);
        return switch (t)
        {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("'" + text() + "' is not true or false");
        };
    }

    public boolean bool(final String key, final boolean fallback)
    {
        final YamlNode n = opt(key);
        return n == null ? fallback : n.bool();
    }

    /** A list of words, given as a YAML list or one value. */
    public List<String> words()
    {
        if (node instanceof ScalarNode)
        {
            return List.of(text());
        }
        final List<String> words = new ArrayList<>();
        for (final YamlNode item : list())
        {
            words.add(item.text());
        }
        return words;
    }
}
