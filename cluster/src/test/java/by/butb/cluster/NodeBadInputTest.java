package by.butb.cluster;

import by.butb.engine.core.EngineSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cluster node} stops before starting anything, with exit code 1 and one line naming the problem, on bad
 * members, an id that is not a member, or a data directory that is not this node's; and leaves the directory as it
 * was.
 */
class NodeBadInputTest
{
    private static final String MEMBERS = "localhost:9100,localhost:9110,localhost:9120";

    @TempDir
    Path temp;

    private final StringWriter err = new StringWriter();

    private int node(final String... args)
    {
        final List<String> all = new ArrayList<>(List.of("node", "--instruments", "../config/instruments.csv",
            "--participants", "../config/participants.csv"));
        all.addAll(List.of(args));
        final CommandLine cli = new CommandLine(new ClusterCommand());
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(all.toArray(String[]::new));
    }

    private void assertRefused(final int exit, final String fragment)
    {
        assertEquals(1, exit, err.toString());
        final String message = err.toString().trim();
        assertTrue(message.startsWith("butb cluster node: error: ") && message.contains(fragment), message);
        assertEquals(1, message.lines().count(), message);
        assertFalse(message.contains("Exception"), message);
    }

    @Test
    void shouldRefuseADuplicateMemberId()
    {
        assertRefused(node("--id", "0", "--members", "0=localhost:9100,1=localhost:9110,0=localhost:9120",
            "--dir", temp.resolve("n").toString()), "duplicate member id 0");
    }

    @Test
    void shouldRefuseADuplicateMemberIdInAMembersFileNamingTheLine() throws IOException
    {
        final Path file = Files.writeString(temp.resolve("members.txt"),
            "# three nodes\n0=a:9100\n1=b:9100\n1=c:9100\n");
        assertRefused(node("--id", "0", "--members-file", file.toString(), "--dir", temp.resolve("n").toString()),
            "members.txt line 4 '1=c:9100': duplicate member id 1");
    }

    @Test
    void shouldRefuseAMemberWithoutAPort()
    {
        assertRefused(node("--id", "0", "--members", "localhost:9100,localhost", "--dir",
            temp.resolve("n").toString()), "--members entry 2 'localhost': expected host:port");
    }

    @Test
    void shouldRefuseMembersWhosePortsOverlap()
    {
        assertRefused(node("--id", "0", "--members", "localhost:9100,localhost:9102", "--dir",
            temp.resolve("n").toString()), "port 9102 on localhost is also used by");
    }

    @Test
    void shouldRefuseAnIdThatIsNotAMember()
    {
        assertRefused(node("--id", "3", "--members", MEMBERS, "--dir", temp.resolve("n").toString()),
            "--id 3 is not a member (the members' ids are 0, 1, 2)");
        assertTrue(Files.notExists(temp.resolve("n")), "nothing created");
    }

    @Test
    void shouldRefuseADataDirectoryOfAnotherClusterAndLeaveItAsItWas() throws IOException
    {
        final Path dir = nodeDirectory("other", 0);
        final Map<Path, String> before = contents(dir);
        assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", dir.toString()),
            "this directory belongs to cluster 'other', not 'butb'");
        assertEquals(before, contents(dir));
    }

    @Test
    void shouldRefuseADataDirectoryOfAnotherMemberAndLeaveItAsItWas() throws IOException
    {
        final Path dir = nodeDirectory("butb", 1);
        final Map<Path, String> before = contents(dir);
        assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", dir.toString()),
            "this directory belongs to member 1, not to --id 0");
        assertEquals(before, contents(dir));
    }

    @Test
    void shouldRefuseADataDirectoryMadeWithOtherRulesAndLeaveItAsItWas() throws IOException
    {
        final Path dir = nodeDirectory("butb", 0);
        final Map<Path, String> before = contents(dir);
        assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", dir.toString(), "--fee-bps", "20"),
            "this node's log was made with the rules guarantee-bps=1000 fee-bps=10 schedule=none, not " +
            "guarantee-bps=1000 fee-bps=20 schedule=none");
        assertEquals(before, contents(dir));
    }

    @Test
    void aLogWrittenWithoutASecretOrWithAnotherIsRefusedWithAnySecretButItsOwn() throws IOException
    {
        final Path dir = nodeDirectory("butb", 0);
        final Map<Path, String> before = contents(dir);
        final Path secretFile = temp.resolve("a.secret");
        ClusterSecret.create(secretFile);
        assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", dir.toString(), "--secret",
            secretFile.toString()), "this node's log was written without a secret, and its commands are checked " +
            "against the secret when the node replays them; start it without --secret (a new secret needs a new " +
            "cluster)");
        assertEquals(before, contents(dir));

        err.getBuffer().setLength(0);
        final Path sealed = temp.resolve("sealed");
        final NodeDirectory.Identity open = identity("butb", 0);
        NodeDirectory.open(sealed, new NodeDirectory.Identity(open.clusterName(), open.memberId(), open.members(),
            open.catalogFingerprint(), open.rules(), open.section(), ClusterSecret.read(secretFile).fingerprint()))
            .close();
        final Path otherFile = temp.resolve("b.secret");
        ClusterSecret.create(otherFile);
        assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", sealed.toString(), "--secret",
            otherFile.toString()), "this node's log was written with another secret, and its commands are checked " +
            "against the secret when the node replays them; start it with the --secret FILE it was started with");
        err.getBuffer().setLength(0);
        assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", sealed.toString()),
            "this node's log was written with a secret (this start gives none), and its commands are checked " +
            "against the secret when the node replays them; start it with the --secret FILE it was started with");
    }

    @Test
    void aNodeStartedWithASectionOtherThanItsDirectorysStopsNamingBoth() throws IOException
    {
        final Path dir = temp.resolve("agri");
        NodeDirectory.open(dir, identity("butb", 0, "AGRI")).close();
        final Map<Path, String> before = contents(dir);
        assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", dir.toString(), "--section", "TIMBER"),
            "this node's log is of section AGRI, not of section TIMBER; start it with --section AGRI or give " +
            "another --dir");
        assertEquals(before, contents(dir));
        err.getBuffer().setLength(0);
        assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", dir.toString()),
            "this node's log is of section AGRI, not of every section; start it with --section AGRI");
        assertEquals(before, contents(dir));
    }

    @Test
    void aNodeOfOneSectionOnADirectoryOfEverySectionStops() throws IOException
    {
        final Path dir = nodeDirectory("butb", 0);
        assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", dir.toString(), "--section", "AGRI"),
            "this node's log is of every section, not of section AGRI; start it with no --section");
    }

    @Test
    void anUnknownSectionIsRefusedNamingTheCatalogsSections()
    {
        assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", temp.resolve("n").toString(), "--section",
            "WOOD"), "--section: 'WOOD' is not a section of the instrument catalog [TIMBER, AGRI]");
        assertTrue(Files.notExists(temp.resolve("n")), "nothing created");
    }

    @Test
    void shouldRefuseADirectoryThatIsNotANodesAndLeaveItAsItWas() throws IOException
    {
        final Path dir = Files.createDirectories(temp.resolve("journal"));
        Files.writeString(dir.resolve("precious.txt"), "keep me");
        final Map<Path, String> before = contents(dir);
        assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", dir.toString()),
            "is not empty and has no node.properties");
        assertEquals(before, contents(dir));
    }

    @Test
    void shouldRefuseADataDirectoryInUseByARunningNode()
    {
        final Path dir = temp.resolve("busy");
        try (NodeDirectory running = NodeDirectory.open(dir, identity("butb", 0)))
        {
            assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", dir.toString()),
                "is in use by another running node");
        }
    }

    @Test
    void shouldRefuseToStartWhenTheMembersPortsAreTaken() throws IOException
    {
        final int base = NodeProcess.freePorts(ClusterMembers.PORTS_PER_MEMBER);
        try (DatagramSocket taken = new DatagramSocket(base + 4, InetAddress.getLoopbackAddress()))
        {
            assertRefused(node("--id", "0", "--members", "localhost:" + base, "--dir", temp.resolve("n").toString(),
                "--low-cpu"), "a port of member 0 (localhost:" + base + " and the next 4) is in use: is member 0 " +
                "already running (a duplicate --id)");
        }
    }

    @Test
    void aSecretFileThatIsMissingOrTooShortIsRefusedBeforeAnythingIsCreated() throws IOException
    {
        assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", temp.resolve("n").toString(), "--secret",
            temp.resolve("none.secret").toString()), "secret file " + temp.resolve("none.secret") + ": no such file " +
            "(make one with 'butb cluster secret");
        err.getBuffer().setLength(0);
        final Path shortSecret = Files.writeString(temp.resolve("short.secret"), "password\n");
        assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", temp.resolve("n").toString(), "--secret",
            shortSecret.toString()), "holds 8 bytes, needs 16 to 4096");
        assertTrue(Files.notExists(temp.resolve("n")), "nothing created");
    }

    @Test
    void theSecretCommandWritesANewSecretAndLeavesAnExistingFileAsItWas() throws IOException
    {
        final Path file = temp.resolve("cluster.secret");
        final CommandLine cli = new CommandLine(new ClusterCommand());
        final StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertEquals(0, cli.execute("secret", file.toString()), err.toString());
        assertTrue(out.toString().startsWith("cluster secret: written to " + file), out.toString());
        final String secret = Files.readString(file);
        assertEquals(1, cli.execute("secret", file.toString()));
        assertTrue(err.toString().contains("secret file " + file + ": already exists; left as it was"),
            err.toString());
        assertEquals(secret, Files.readString(file));
        assertEquals(2, cli.execute("secret"), "FILE is required");
    }

    @Test
    void aHeartbeatTimeoutAeronCannotRunWithOrBasisPointsOutOfRangeAreAUsageErrorAndCreateNothing()
    {
        final Path dir = temp.resolve("n");
        assertEquals(2, node("--id", "0", "--members", MEMBERS, "--dir", dir.toString(), "--heartbeat-timeout-ms",
            "0"));
        assertTrue(err.toString().contains("--heartbeat-timeout-ms must be between 1000 and 30000, got 0"),
            err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, node("--id", "0", "--members", MEMBERS, "--dir", dir.toString(), "--fee-bps", "-5"));
        assertTrue(err.toString().contains("--fee-bps must be between 0 and 10000 (100 %), got -5"), err.toString());
        assertTrue(Files.notExists(dir), "nothing created");
    }

    @Test
    void aMembersFileThatIsMissingOrNotTextIsRefusedSayingSo() throws IOException
    {
        final Path missing = temp.resolve("nope");
        assertRefused(node("--id", "0", "--members-file", missing.toString(), "--dir", temp.resolve("n").toString()),
            "cannot read members file " + missing + ": no such file");
        err.getBuffer().setLength(0);
        final Path binary = Files.write(temp.resolve("members.bin"), new byte[] {(byte)0xff, (byte)0xfe, 0, 1});
        assertRefused(node("--id", "0", "--members-file", binary.toString(), "--dir", temp.resolve("n").toString()),
            "cannot read members file " + binary + ": not a text file (UTF-8)");
        assertTrue(Files.notExists(temp.resolve("n")), "nothing created");
    }

    @Test
    void aDataDirectoryUnderAFileIsRefusedNamingTheFile() throws IOException
    {
        final Path file = Files.writeString(temp.resolve("file"), "keep me");
        assertRefused(node("--id", "0", "--members", MEMBERS, "--dir", file.resolve("node").toString()),
            "--dir " + file.resolve("node") + ": " + file + " is a file, not a directory");
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void theSecretCommandNamesAMissingDirectoryInWords()
    {
        final Path file = temp.resolve("a").resolve("b").resolve("cluster.secret");
        final CommandLine cli = new CommandLine(new ClusterCommand());
        cli.setErr(new PrintWriter(err, true));
        assertEquals(1, cli.execute("secret", file.toString()));
        assertEquals("butb cluster secret: error: secret file " + file + ": cannot be written: no such directory " +
            file.getParent(), err.toString().trim());
    }

    @Test
    void shouldAnswerAMissingMembersOptionAsAUsageError()
    {
        assertEquals(2, node("--id", "0", "--dir", temp.resolve("n").toString()));
    }

    private Path nodeDirectory(final String cluster, final int id)
    {
        final Path dir = temp.resolve("node");
        NodeDirectory.open(dir, identity(cluster, id)).close();
        return dir;
    }

    private static NodeDirectory.Identity identity(final String cluster, final int id)
    {
        return identity(cluster, id, "all");
    }

    private static NodeDirectory.Identity identity(final String cluster, final int id, final String section)
    {
        return new NodeDirectory.Identity(cluster, id, ClusterMembers.parse(MEMBERS).toString(),
            EngineSnapshot.fingerprint(BundledCatalog.CATALOG), "guarantee-bps=1000 fee-bps=10 schedule=none",
            section, "none");
    }

    private static Map<Path, String> contents(final Path dir) throws IOException
    {
        final Map<Path, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path p : files.filter(Files::isRegularFile).toList())
            {
                all.put(dir.relativize(p), Files.readString(p));
            }
        }
        return all;
    }
}
