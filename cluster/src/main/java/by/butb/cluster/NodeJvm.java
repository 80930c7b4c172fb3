package by.butb.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs one node as a JVM of its own ({@code cluster node}) from this JVM's installation, and
 * the collection of its output.
 */
public final class NodeJvm
{
    private NodeJvm()
    {
    }

    /**
     * This JVM's {@code java}, its {@code --add-} flags (Agrona's and Chronicle's) and -XX:[+-]ExitOnOutOfMemoryError
     * as given to it ({@code ./butb cluster} sets it; the last one given wins), {@code jvmOptions}, its class path,
     * then
     * {@code cluster node --id ID --members MEMBERS --dir DIR} and {@code nodeOptions}.
     */
    public static List<String> command(final List<String> jvmOptions, final int id, final String members,
        final Path dir, final List<String> nodeOptions)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-") || a.matches("-XX:[+-]ExitOnOutOfMemoryError")).toList());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterCommand.class.getName(), "node",
            "--id", String.valueOf(id), "--members", members, "--dir", dir.toString()));
        command.addAll(nodeOptions);
        return command;
    }

    /**
     * Starts a daemon thread named {@code threadName} that adds each line the node prints to {@code lines} (a
     * thread-safe list), and a last line saying why the output closed when reading fails.
     */
    public static Thread collectOutput(final Process node, final List<String> lines, final String threadName)
    {
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(),
                StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    lines.add(line);
                }
            }
            catch (final IOException ex)
            {
                lines.add("(output closed: " + ex + ")");
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
