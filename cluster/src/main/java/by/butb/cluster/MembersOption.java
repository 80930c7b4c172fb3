package by.butb.cluster;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --members LIST} or {@code --members-file FILE}: an exclusive picocli argument group, one of them required. */
final class MembersOption
{
    @Option(names = "--members", paramLabel = "LIST",
        description = "The cluster's members: host:port,host:port,... (ids 0, 1, 2, ... in order) or " +
            "id=host:port,...; each member uses 5 UDP ports from its port.")
    String list;

    @Option(names = "--members-file", paramLabel = "FILE",
        description = "The members, one host:port or id=host:port per line (# starts a comment).")
    Path file;

    ClusterMembers members()
    {
        return list != null ? ClusterMembers.parse(list) : ClusterMembers.read(file);
    }
}
