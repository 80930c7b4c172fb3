package by.butb.cluster;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * A picocli mixin for the commands that can run the engine on a cluster as its client ({@code serve}, {@code study
 * --via-gateway}, {@code replay}): {@code --cluster LIST} or {@code --cluster-file FILE} (one of them, optional),
 * {@code --cluster-host} and {@code --cluster-secret}. What the command does there is its own description's.
 */
public final class ClusterClientOptions
{
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Members members;

    @Option(names = "--cluster-host", paramLabel = "ADDRESS", defaultValue = "localhost",
        description = "With --cluster: this machine's address as the nodes reach it; their replies come back to it" +
            " (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--cluster-secret", paramLabel = "FILE",
        description = "With --cluster: the file the nodes were started with --secret (default: none, for nodes " +
            "without one).")
    private Path secret;

    /** The two ways to name the members. */
    static final class Members
    {
        @Option(names = "--cluster", paramLabel = "MEMBERS",
            description = "The cluster that runs the engine (docs/cluster.md): its members as 'butb cluster node " +
                "--members' takes them, host:port,host:port,... or id=host:port,...")
        String list;

        @Option(names = "--cluster-file", paramLabel = "FILE",
            description = "As --cluster, the members from a file, one host:port or id=host:port per line " +
                "(# starts a comment).")
        Path file;
    }

    /** True when {@code --cluster-secret} was given (a command without a cluster refuses it as a usage error). */
    public boolean secretGiven()
    {
        return secret != null;
    }

    /** True when {@code --cluster} or {@code --cluster-file} was given. */
    public boolean given()
    {
        return members != null;
    }

    /** The option given, for messages: {@code --cluster} or {@code --cluster-file}; null when neither was. */
    public String optionName()
    {
        return members == null ? null : members.list != null ? "--cluster" : "--cluster-file";
    }

    /** The members as given (the list, or the file's name), for messages; null when neither option was given. */
    public String describe()
    {
        return members == null ? null : members.list != null ? members.list : members.file.toString();
    }

    /**
     * The members, or null when neither option was given.
     *
     * @throws ClusterConfigException naming the option (or the file and line) when they cannot be read.
     */
    public ClusterMembers members()
    {
        if (members == null)
        {
            return null;
        }
        return members.list != null ? ClusterMembers.parse(members.list, "--cluster") :
            ClusterMembers.read(members.file);
    }

    /**
     * The nodes' secret ({@code --cluster-secret}), or {@link ClusterSecret#NONE}.
     *
     * @throws ClusterConfigException naming the file when it cannot be read or is not a secret.
     */
    public ClusterSecret secret()
    {
        return ClusterSecret.readOrNone(secret);
    }

    /** This machine's address as the nodes reach it. */
    public String host()
    {
        return host;
    }
}
