package by.butb.cluster;

import by.butb.engine.files.FileProblems;
import io.aeron.archive.ArchiveMarkFile;
import io.aeron.cluster.service.ClusterMarkFile;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A node's data directory and its identity: {@value #IDENTITY_FILE} records, at the first start, the cluster name,
 * the member id, the members, the catalog's fingerprint, the rules and the schedule; every later start must match
 * them, so that a node never runs on another node's or another cluster's log (a cluster of another section's
 * included: {@code section}, "all" without one), nor on a log whose messages were sealed under another secret, or
 * none ({@code secret}, a {@link ClusterSecret#fingerprint}; {@link ClusterSecret#NO_FINGERPRINT} when the file has
 * no such line).
 * {@value #LOCK_FILE} is held locked
 * while the node runs. A check that fails throws {@link ClusterConfigException} and changes nothing in the directory.
 */
final class NodeDirectory implements AutoCloseable
{
    static final String IDENTITY_FILE = "node.properties";
    static final String LOCK_FILE = "node.lock";

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private NodeDirectory(final Path directory, final FileChannel lockChannel, final FileLock lock)
    {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** The node's identity as recorded in its data directory. */
    record Identity(String clusterName, int memberId, String members, long catalogFingerprint, String rules,
        String section, String secret)
    {
        Properties toProperties()
        {
            final Properties p = new Properties();
            p.setProperty("cluster", clusterName);
            p.setProperty("member-id", String.valueOf(memberId));
            p.setProperty("members", members);
            p.setProperty("catalog-fingerprint", Long.toHexString(catalogFingerprint));
            p.setProperty("rules", rules);
            p.setProperty("section", section);
            p.setProperty("secret", secret);
            return p;
        }
    }

    /**
     * Checks {@code directory} against {@code expected} (recording it when the directory is new or empty) and locks
     * it. Refuses a directory that is not a node's, another node's or cluster's, or one in use by a running node.
     */
    static NodeDirectory open(final Path directory, final Identity expected)
    {
        final Path identityFile = directory.resolve(IDENTITY_FILE);
        try
        {
            final String notDirectory = notADirectory(directory);
            if (notDirectory != null)
            {
                throw new ClusterConfigException(notDirectory);
            }
            final boolean known = Files.exists(identityFile);
            if (!known && Files.isDirectory(directory) && !isEmpty(directory))
            {
                throw new ClusterConfigException("--dir " + directory + " is not empty and has no " + IDENTITY_FILE +
                    ", so it is not a cluster node's data directory; give a new or empty directory");
            }
            if (known)
            {
                check(identityFile, read(identityFile), expected);
            }
            Files.createDirectories(directory);
            final FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
            final FileLock lock = tryLock(channel);
            if (lock == null)
            {
                channel.close();
                throw new ClusterConfigException("--dir " + directory + " is in use by another running node");
            }
            setAsideMarkFiles(directory);
            if (!known)
            {
                try (Writer out = Files.newBufferedWriter(identityFile, StandardCharsets.UTF_8))
                {
                    expected.toProperties().store(out, "BUTB cluster node: the data directory's identity");
                }
            }
            return new NodeDirectory(directory, channel, lock);
        }
        catch (final IOException ex)
        {
            throw new ClusterConfigException("cannot use --dir " + directory + ": " +
                FileProblems.reason(ex));
        }
    }

    /**
     * Why {@code directory} cannot be a data directory because it, or the nearest of its parents that exists, is not
     * a directory; null when it can.
     */
    static String notADirectory(final Path directory)
    {
        if (Files.exists(directory))
        {
            return Files.isDirectory(directory) ? null : "--dir " + directory + " is a file, not a directory";
        }
        for (Path parent = directory.toAbsolutePath().getParent(); parent != null; parent = parent.getParent())
        {
            if (Files.exists(parent))
            {
                return Files.isDirectory(parent) ? null : "--dir " + directory + ": " + parent + " is a file, not a " +
                    "directory";
            }
        }
        return null;
    }

    /**
     * Aeron's mark files (liveness markers with an error log) of a node that was killed look active for a few seconds
     * and would stop this start; the node lock proves that no process uses them, so they are moved aside (to
     * {@code NAME.previous}, for their error logs).
     */
    private static void setAsideMarkFiles(final Path directory) throws IOException
    {
        for (final Path mark : List.of(directory.resolve("archive").resolve(ArchiveMarkFile.FILENAME),
            directory.resolve("cluster").resolve(ClusterMarkFile.FILENAME),
            directory.resolve("cluster").resolve(ClusterMarkFile.SERVICE_FILENAME_PREFIX + "0" +
                ClusterMarkFile.FILE_EXTENSION)))
        {
            if (Files.exists(mark))
            {
                Files.move(mark, mark.resolveSibling(mark.getFileName() + ".previous"),
                    StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static FileLock tryLock(final FileChannel channel) throws IOException
    {
        try
        {
            return channel.tryLock();
        }
        catch (final OverlappingFileLockException ex)
        {
            return null;
        }
    }

    private static boolean isEmpty(final Path directory) throws IOException
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            return entries.findAny().isEmpty();
        }
    }

    private static Properties read(final Path identityFile) throws IOException
    {
        final Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(identityFile, StandardCharsets.UTF_8))
        {
            p.load(in);
        }
        return p;
    }

    private static void check(final Path file, final Properties found, final Identity expected)
    {
        final Properties wanted = expected.toProperties();
        if (!wanted.getProperty("cluster").equals(found.getProperty("cluster")))
        {
            throw new ClusterConfigException(file + ": this directory belongs to cluster '" +
                found.getProperty("cluster") + "', not '" + expected.clusterName() + "'; give that --cluster-name " +
                "or another --dir");
        }
        if (!wanted.getProperty("member-id").equals(found.getProperty("member-id")))
        {
            throw new ClusterConfigException(file + ": this directory belongs to member " +
                found.getProperty("member-id") + ", not to --id " + expected.memberId() + "; start it with --id " +
                found.getProperty("member-id") + " or give another --dir");
        }
        if (!wanted.getProperty("members").equals(found.getProperty("members")))
        {
            throw new ClusterConfigException(file + ": this node was started with members " +
                found.getProperty("members") + ", not " + expected.members() + "; give the same members (after a " +
                "deliberate change of members, edit members= in that file on every node, see docs/cluster.md)");
        }
        final String section = found.getProperty("section", "all");
        if (!section.equals(expected.section()))
        {
            throw new ClusterConfigException(file + ": this node's log is of " + sectionText(section) + ", not of " +
                sectionText(expected.section()) + "; start it with " +
                (section.equals("all") ? "no --section" : "--section " + section) + " or give another --dir");
        }
        if (!wanted.getProperty("catalog-fingerprint").equals(found.getProperty("catalog-fingerprint")))
        {
            throw new ClusterConfigException(file + ": this node's log was made with another instruments or " +
                "participants file; start it with the files the cluster was started with");
        }
        if (!wanted.getProperty("rules").equals(found.getProperty("rules")))
        {
            throw new ClusterConfigException(file + ": this node's log was made with the rules " +
                found.getProperty("rules") + ", not " + expected.rules() +
                "; give the same --guarantee-bps, --fee-bps and --schedule");
        }
        final String secret = found.getProperty("secret", ClusterSecret.NO_FINGERPRINT);
        if (!secret.equals(expected.secret()))
        {
            final boolean none = secret.equals(ClusterSecret.NO_FINGERPRINT);
            final boolean noneGiven = expected.secret().equals(ClusterSecret.NO_FINGERPRINT);
            throw new ClusterConfigException(file + ": this node's log was written " + (none ? "without a secret" :
                noneGiven ? "with a secret (this start gives none)" : "with another secret") +
                ", and its commands are checked against the secret when the node replays them; start it " +
                (none ? "without --secret" : "with the --secret FILE it was started with") +
                " (a new secret needs a new cluster)");
        }
    }

    private static String sectionText(final String section)
    {
        return section.equals("all") ? "every section" : "section " + section;
    }

    Path path()
    {
        return directory;
    }

    @Override
    public void close()
    {
        try
        {
            lock.release();
            lockChannel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
