package by.butb.cluster;

import by.butb.engine.files.FileProblems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The static members of a cluster: an id and a {@code host:port} each. The port is a base: a member uses five
 * consecutive UDP ports from it, client ingress ({@code port}), consensus ({@code +1}), log ({@code +2}), catch-up
 * ({@code +3}) and its archive's control channel ({@code +4}).
 *
 * <p>Written as {@code host:port,host:port,...} (ids 0, 1, 2, ... in order) or {@code id=host:port,...}; a members
 * file holds the same, one member per line ({@code #} starts a comment).
 */
public record ClusterMembers(List<Member> members)
{
    /** Ports a member uses from its base port. */
    public static final int PORTS_PER_MEMBER = 5;

    /** One member: its id, host and base port. */
    public record Member(int id, String host, int port)
    {
        String endpoint(final int offset)
        {
            return host + ':' + (port + offset);
        }
    }

    /** Parses the {@code --members} form; throws {@link ClusterConfigException} naming the bad entry. */
    public static ClusterMembers parse(final String spec)
    {
        return parse(spec, "--members");
    }

    /** As {@link #parse(String)}, for a list given with {@code option} (named in the error). */
    public static ClusterMembers parse(final String spec, final String option)
    {
        return parse(List.of(spec.split(",", -1)), option);
    }

    /** Reads a members file; throws {@link ClusterConfigException} naming the file, line and problem. */
    public static ClusterMembers read(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new ClusterConfigException("cannot read members file " + file + ": " +
                FileProblems.reason(ex));
        }
        final List<String> entries = new ArrayList<>();
        final List<String> where = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).replaceFirst("#.*", "").trim();
            if (!line.isEmpty())
            {
                entries.add(line);
                where.add(file + " line " + (i + 1));
            }
        }
        if (entries.isEmpty())
        {
            throw new ClusterConfigException(file + ": no members (one host:port or id=host:port per line)");
        }
        return parse(entries, where);
    }

    private static ClusterMembers parse(final List<String> entries, final String option)
    {
        final List<String> where = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++)
        {
            where.add(option + " entry " + (i + 1));
        }
        return parse(entries, where);
    }

    private static ClusterMembers parse(final List<String> entries, final List<String> where)
    {
        final List<Member> members = new ArrayList<>();
        final Map<Integer, String> ids = new HashMap<>();
        final Map<String, String> endpoints = new HashMap<>();
        final boolean explicitIds = entries.get(0).contains("=");
        for (int i = 0; i < entries.size(); i++)
        {
            final String entry = entries.get(i).trim();
            final String at = where.get(i) + " '" + entry + "'";
            if (entry.contains("=") != explicitIds)
            {
                throw new ClusterConfigException(at + ": give every member as host:port, or every one as " +
                    "id=host:port, not a mix");
            }
            final int id = explicitIds ? parseId(entry.substring(0, entry.indexOf('=')).trim(), at) : i;
            final Member member = parseEndpoint(id, explicitIds ? entry.substring(entry.indexOf('=') + 1) : entry, at);
            final String previous = ids.putIfAbsent(id, at);
            if (previous != null)
            {
                throw new ClusterConfigException(at + ": duplicate member id " + id + " (also " + previous + ")");
            }
            for (int p = 0; p < PORTS_PER_MEMBER; p++)
            {
                final String other = endpoints.putIfAbsent(member.endpoint(p), at);
                if (other != null)
                {
                    throw new ClusterConfigException(at + ": port " + (member.port() + p) + " on " + member.host() +
                        " is also used by " + other + " (each member uses " + PORTS_PER_MEMBER +
                        " ports from its base port)");
                }
            }
            members.add(member);
        }
        return new ClusterMembers(List.copyOf(members));
    }

    private static int parseId(final String text, final String at)
    {
        try
        {
            final int id = Integer.parseInt(text);
            if (id >= 0)
            {
                return id;
            }
        }
        catch (final NumberFormatException ex)
        {
            // reported below
        }
        throw new ClusterConfigException(at + ": the member id '" + text + "' is not a number 0 or above");
    }

    private static Member parseEndpoint(final int id, final String text, final String at)
    {
        final int colon = text.lastIndexOf(':');
        final String host = colon < 0 ? "" : text.substring(0, colon).trim();
        if (host.isEmpty())
        {
            throw new ClusterConfigException(at + ": expected host:port, e.g. 10.0.0.1:9100");
        }
        final int port;
        try
        {
            port = Integer.parseInt(text.substring(colon + 1).trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new ClusterConfigException(at + ": the port '" + text.substring(colon + 1).trim() +
                "' is not a number");
        }
        if (port < 1 || port > 65535 - (PORTS_PER_MEMBER - 1))
        {
            throw new ClusterConfigException(at + ": the port " + port + " is not between 1 and " +
                (65535 - (PORTS_PER_MEMBER - 1)));
        }
        return new Member(id, host, port);
    }

    /** The member of id {@code id}; throws {@link ClusterConfigException} when there is none. */
    public Member member(final int id)
    {
        for (final Member m : members)
        {
            if (m.id() == id)
            {
                return m;
            }
        }
        final StringJoiner ids = new StringJoiner(", ");
        members.forEach(m -> ids.add(String.valueOf(m.id())));
        throw new ClusterConfigException("--id " + id + " is not a member (the members' ids are " + ids + ")");
    }

    /** Aeron's {@code aeron.cluster.members} form: {@code id,ingress,consensus,log,catchup,archive|...}. */
    public String aeronClusterMembers()
    {
        final StringJoiner all = new StringJoiner("|");
        for (final Member m : members)
        {
            all.add(m.id() + "," + m.endpoint(0) + ',' + m.endpoint(1) + ',' + m.endpoint(2) + ',' +
                m.endpoint(3) + ',' + m.endpoint(4));
        }
        return all.toString();
    }

    /** The client's ingress endpoints: {@code id=host:port,...}. */
    public String ingressEndpoints()
    {
        final StringJoiner all = new StringJoiner(",");
        members.forEach(m -> all.add(m.id() + "=" + m.endpoint(0)));
        return all.toString();
    }

    /** The canonical form, {@code id=host:port,...} in the given order. */
    @Override
    public String toString()
    {
        return ingressEndpoints();
    }
}
