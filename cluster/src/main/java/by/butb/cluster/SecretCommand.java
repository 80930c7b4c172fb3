package by.butb.cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code butb cluster secret FILE}: writes a new random secret for a cluster's nodes and clients. */
@Command(name = "secret", mixinStandardHelpOptions = true,
    description = "Writes a new random secret to FILE (readable by its owner only). Start every node with " +
        "--secret FILE and give its clients --cluster-secret FILE ('cluster probe': --secret FILE); the nodes then " +
        "admit no client or archive connection without it (docs/cluster.md#the-secret).",
    footer = {"", "Exit codes: 0 written, 1 FILE exists or cannot be written, 2 usage error."})
final class SecretCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The file to write; an existing file is left as it was.")
    private Path file;

    @Override
    public Integer call()
    {
        try
        {
            ClusterSecret.create(file);
        }
        catch (final ClusterConfigException ex)
        {
            spec.commandLine().getErr().println("butb cluster secret: error: " + ex.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        spec.commandLine().getOut().println("cluster secret: written to " + file + "; copy it to every node " +
            "(--secret " + file + ") and client (--cluster-secret " + file + ") over a channel you trust");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
