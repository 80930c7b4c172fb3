package by.butb.sim.cli;

import by.butb.cluster.ClusterMembers;
import by.butb.cluster.NodeProcess;
import by.butb.cluster.StateProbe;
import by.butb.sim.Butb;
import by.butb.sim.study.Scenario;
import by.butb.sim.study.ScenarioSource;
import by.butb.sim.study.StudyPlan;
import by.butb.sim.study.StudyRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code butb study --via-gateway --cluster}: the study's FIX gateway as a client of three nodes (each its own JVM on
 * the loopback) started with the study's catalog writes what the gateway with its engine in process writes, and
 * leaves the cluster in the in-process run's state; a cluster in use, or of another catalog, is refused in one line.
 * The scenario is the study's with its five small flows only (lot auctions, a broker's orders, an address deal,
 * exchange trades), so that every command's round trip through the cluster keeps the test short.
 */
class StudyClusterTest
{
    /** The flows of the study kept: a few dozen commands of every mechanism. */
    private static final Set<String> FLOWS = Set.of("kr-timber-h1", "mn-smp-trial", "vn-milk-address",
        "jo-dairy-trial", "tr-sugar-trial");

    @TempDir
    Path dir;

    @Test
    void shouldRunTheStudyOnAClusterAsInProcessAndRefuseAClusterInUseOrOfAnotherCatalog() throws Exception
    {
        final Path scenario = smallStudy(dir.resolve("scenario"));
        final Path inProcess = dir.resolve("in-process");
        final Butb.Run alone = Butb.run("sim", "--scenario", scenario.toString(), "--via-gateway", "--quiet",
            "--out", inProcess.toString());
        assertEquals(0, alone.exitCode(), alone.err());

        final Path root = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") :
            Path.of("target"), "study-cluster-");
        final List<NodeProcess> nodes = new ArrayList<>();
        try
        {
            final int base = NodeProcess.freePorts(30);
            final String members = "localhost:" + base + ",localhost:" + (base + 10) + ",localhost:" + (base + 20);
            for (int id = 0; id < 3; id++)
            {
                nodes.add(NodeProcess.start(id, members, root.resolve("node-" + id),
                    inProcess.resolve("instruments.csv"), inProcess.resolve("participants.csv")));
            }
            assertTrue(NodeProcess.await(60, () -> nodes.stream().anyMatch(n -> n.printed("role LEADER"))),
                "a leader");

            final Path onCluster = dir.resolve("cluster");
            final Butb.Run run = Butb.run("sim", "--scenario", scenario.toString(), "--via-gateway", "--cluster",
                members, "--out", onCluster.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("; the engine on the cluster " + ClusterMembers.parse(members)), run.out());
            for (final String file : new String[] {StudyRun.TRADES_FILE, StudyRun.EVENTS_FILE,
                StudyRun.FLOW_TRADES_FILE, "summary.csv", "figures.csv", "report.html"})
            {
                final byte[] expected = Files.readAllBytes(inProcess.resolve(file));
                assertArrayEquals(expected, Files.readAllBytes(onCluster.resolve(file)), file);
            }
            final String trades = Files.readString(onCluster.resolve(StudyRun.TRADES_FILE));
            assertTrue(trades.contains(",LOT_AUCTION") && trades.contains(",ADDRESS_DEAL"), trades);

            final StudyRun.Result reference = StudyRun.run(StudyPlan.of(Scenario.load(ScenarioSource.file(scenario))),
                dir.resolve("reference"), 0, null);
            final StateProbe probe = ReplayClusterTest.probe(members);
            assertEquals(reference.commands() - 1, probe.sequence());
            assertEquals(reference.stateHash(), probe.hash(), "the cluster's state is the in-process run's");

            final Butb.Run again = Butb.run("sim", "--scenario", scenario.toString(), "--via-gateway", "--cluster",
                members, "--quiet", "--out", dir.resolve("again").toString());
            assertEquals(1, again.exitCode());
            assertEquals("butb sim: the cluster at " + ClusterMembers.parse(members) + " has applied " +
                reference.commands() + " commands already: the study needs a new cluster (its nodes started on " +
                "empty data directories)" + System.lineSeparator(), again.err());

            // Deposits grow with the scale: the catalog of scale 2 is another one.
            final Path scaled = dir.resolve("scaled");
            final Butb.Run other = Butb.run("sim", "--scenario", scenario.toString(), "--scale", "2",
                "--via-gateway", "--cluster", members, "--quiet", "--out", scaled.toString());
            assertEquals(1, other.exitCode());
            assertEquals("butb sim: the cluster at " + ClusterMembers.parse(members) + " runs another catalog than " +
                "the study's (start its nodes with " + scaled.resolve("instruments.csv") + " and " +
                scaled.resolve("participants.csv") + ")" + System.lineSeparator(), other.err());
            assertTrue(Files.isRegularFile(scaled.resolve("participants.csv")), "the catalog the message names");
        }
        finally
        {
            for (final NodeProcess node : nodes)
            {
                node.close();
            }
            try (Stream<Path> files = Files.walk(root))
            {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shouldRefuseAClusterWithoutTheGatewayAsAUsageError()
    {
        final Butb.Run run = Butb.run("study", "--cluster", "localhost:9100", "--out", dir.toString());
        assertEquals(2, run.exitCode());
        assertEquals("butb study: --cluster needs --via-gateway (the cluster is the engine of the study's FIX " +
            "gateway) (see ./butb study --help)" + System.lineSeparator(), run.err());
        final Butb.Run file = Butb.run("study", "--cluster-file", "members.txt", "--out", dir.toString());
        assertEquals(2, file.exitCode());
        assertTrue(file.err().startsWith("butb study: --cluster-file needs --via-gateway"), file.err());
    }

    @Test
    void aClusterSecretWithoutAClusterIsAUsageErrorForStudyAndReplay()
    {
        final Butb.Run study = Butb.run("study", "--via-gateway", "--cluster-secret", "s.secret", "--out",
            dir.toString());
        assertEquals(2, study.exitCode());
        assertEquals("butb study: --cluster-secret needs --cluster (see ./butb study --help)" + System.lineSeparator(),
            study.err());
        final Butb.Run replay = Butb.run("replay", "--cluster-secret", "s.secret", "--out", dir.toString());
        assertEquals(2, replay.exitCode());
        assertTrue(replay.err().startsWith("butb replay: --cluster-secret needs --cluster"), replay.err());
    }

    @Test
    void shouldRefuseAFixEngineWithoutTheGatewayOrOfAnotherNameAsAUsageError()
    {
        final Butb.Run alone = Butb.run("study", "--fix-engine", "qfj", "--out", dir.toString());
        assertEquals(2, alone.exitCode());
        assertEquals("butb study: --fix-engine needs --via-gateway (it is the FIX session layer of the study's " +
            "gateway) (see ./butb study --help)" + System.lineSeparator(), alone.err());
        final Butb.Run other = Butb.run("study", "--via-gateway", "--fix-engine", "artio", "--out", dir.toString());
        assertEquals(2, other.exitCode());
        assertEquals("butb study: --fix-engine must be native or qfj, got 'artio' (see ./butb study --help)" +
            System.lineSeparator(), other.err());
    }

    /** The bundled study with only {@link #FLOWS} and without the figures (they are about the other flows). */
    private static Path smallStudy(final Path into) throws IOException
    {
        Files.createDirectories(into);
        Files.writeString(into.resolve("accreditations.csv"), bundled("accreditations.csv"));
        final StringBuilder flows = new StringBuilder();
        for (final String line : bundled("flows.csv").split("\n"))
        {
            if (line.startsWith("id,") || FLOWS.contains(line.substring(0, line.indexOf(','))))
            {
                flows.append(line).append('\n');
            }
        }
        Files.writeString(into.resolve("flows.csv"), flows.toString());
        final StringBuilder yaml = new StringBuilder();
        String section = "";
        boolean keepEntry = true;
        for (final String line : bundled("study.yaml").split("\n"))
        {
            if (!line.startsWith(" ") && !line.startsWith("#") && line.contains(":"))
            {
                section = line.substring(0, line.indexOf(':'));
            }
            if (section.equals("flows") && line.matches(" {4}[a-z0-9-]+:.*"))
            {
                keepEntry = FLOWS.contains(line.trim().substring(0, line.trim().indexOf(':')));
            }
            if (!section.equals("figures") && (!section.equals("flows") || keepEntry))
            {
                yaml.append(line).append('\n');
            }
        }
        return Files.writeString(into.resolve("study.yaml"), yaml.toString());
    }

    private static String bundled(final String name) throws IOException
    {
        try (InputStream in = StudyClusterTest.class.getClassLoader().getResourceAsStream("scenarios/study/" + name))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
