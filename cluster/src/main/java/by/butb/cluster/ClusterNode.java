package by.butb.cluster;

import by.butb.engine.core.EngineSnapshot;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.SectionScope;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.SessionSchedule;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpLock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.File;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One running cluster node: a media driver, an archive and a consensus module ({@link ClusteredMediaDriver}) and a
 * service container running {@link ExchangeService}, all in this process, with their files under the node's data
 * directory ({@code driver/}, {@code archive/}, {@code cluster/}). The driver's files are recreated at every start;
 * the archive and cluster directories hold the replicated log and snapshots and are never deleted. With a secret,
 * the archive and the consensus module admit only connections that prove they hold it ({@link SecretAuthenticator}),
 * and the service takes only sealed ingress messages ({@link MessageSeal}).
 */
public final class ClusterNode implements AutoCloseable
{
    private static final String LOG_CHANNEL = "aeron:udp?term-length=16m";
    private static final String SECTION = " section=";
    /** Aeron's errors (which a host sending garbage to a port can cause) printed a minute; the rest are counted. */
    private static final int ERROR_LINES_PER_MINUTE = 60;

    private final NodeDirectory directory;
    private final ClusteredMediaDriver driver;
    private final ClusteredServiceContainer container;

    private ClusterNode(final NodeDirectory directory, final ClusteredMediaDriver driver,
        final ClusteredServiceContainer container)
    {
        this.directory = directory;
        this.driver = driver;
        this.container = container;
    }

    /**
     * Checks the data directory ({@link NodeDirectory}) and starts the node. {@code log} receives the node's lines
     * (role changes, errors); {@code onTermination} runs when the cluster is shut down from outside (ClusterTool).
     * Throws {@link ClusterConfigException} for bad input: before anything starts, or, for ports already in use, once
     * what had started is stopped again.
     */
    public static ClusterNode launch(final NodeConfig config, final Consumer<String> log, final Runnable onTermination)
    {
        final ClusterMembers.Member self = config.members().member(config.memberId());
        final NodeDirectory directory = NodeDirectory.open(config.dataDirectory(), new NodeDirectory.Identity(
            config.clusterName(), config.memberId(), config.members().toString(),
            EngineSnapshot.fingerprint(config.catalog()), rules(config.rules(), config.schedule()),
            config.scope().name(config.catalog()), config.secret().fingerprint()));
        ClusteredMediaDriver driver = null;
        try
        {
            final File base = config.dataDirectory().toFile();
            final String aeronDir = new File(base, "driver").getAbsolutePath();
            final RateLimitedLog errorLines = new RateLimitedLog(log, ERROR_LINES_PER_MINUTE,
                TimeUnit.MINUTES.toNanos(1), System::nanoTime, "Aeron errors");
            final ErrorHandler errors = ex -> errorLines.log(() -> "aeron: " + ex);
            final Supplier<IdleStrategy> idle = config.lowCpu() ?
                () -> new SleepingMillisIdleStrategy(1) : BackoffIdleStrategy::new;
            final MediaDriver.Context driverContext = new MediaDriver.Context()
                .aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(idle.get())
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .errorHandler(errors);
            final String host = self.host();
            final Archive.Context archiveContext = new Archive.Context()
                .aeronDirectoryName(aeronDir)
                .archiveDir(new File(base, "archive"))
                .controlChannel("aeron:udp?endpoint=" + self.endpoint(4))
                .archiveClientContext(new AeronArchive.Context().controlResponseChannel(
                    "aeron:udp?endpoint=" + host + ":0").credentialsSupplier(config.secret().credentials()))
                .authenticatorSupplier(config.secret().authenticator())
                .localControlChannel("aeron:ipc?term-length=64k")
                .replicationChannel("aeron:udp?endpoint=" + host + ":0")
                .recordingEventsEnabled(false)
                .threadingMode(ArchiveThreadingMode.SHARED)
                .idleStrategySupplier(idle)
                .errorHandler(errors);
            final AeronArchive.Context archiveClient = new AeronArchive.Context()
                .lock(NoOpLock.INSTANCE)
                .controlRequestChannel(archiveContext.localControlChannel())
                .controlResponseChannel(archiveContext.localControlChannel())
                .credentialsSupplier(config.secret().credentials())
                .aeronDirectoryName(aeronDir);
            final File clusterDir = new File(base, "cluster");
            final ConsensusModule.Context consensus = new ConsensusModule.Context()
                .clusterMemberId(config.memberId())
                .clusterMembers(config.members().aeronClusterMembers())
                .clusterDir(clusterDir)
                .ingressChannel("aeron:udp?term-length=64k")
                .logChannel(LOG_CHANNEL)
                .replicationChannel("aeron:udp?endpoint=" + host + ":0")
                .archiveContext(archiveClient.clone())
                .authenticatorSupplier(config.secret().authenticator())
                .leaderHeartbeatTimeoutNs(TimeUnit.MILLISECONDS.toNanos(config.heartbeatTimeoutMs()))
                .idleStrategySupplier(idle)
                .terminationHook(onTermination)
                .errorHandler(errors);
            driver = ClusteredMediaDriver.launch(driverContext, archiveContext, consensus);
            final MatchingEngine engine = new MatchingEngine(config.catalog(), config.rules(), config.schedule(),
                NodeConfig.EXPECTED_ORDERS, config.scope());
            final ClusteredServiceContainer container = ClusteredServiceContainer.launch(
                new ClusteredServiceContainer.Context()
                    .aeronDirectoryName(aeronDir)
                    .archiveContext(archiveClient.clone())
                    .clusterDir(clusterDir)
                    .clusteredService(new ExchangeService(engine, rules(config), config.dataDirectory(), log,
                        config.secret().newSeal(), config.secret().fingerprint()))
                    .idleStrategySupplier(idle)
                    .terminationHook(onTermination)
                    .errorHandler(errors));
            return new ClusterNode(directory, driver, container);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            directory.close();
            if (ex instanceof AeronException && String.valueOf(ex.getMessage()).contains("already in use"))
            {
                throw new ClusterConfigException("a port of member " + config.memberId() + " (" +
                    self.endpoint(0) + " and the next " + (ClusterMembers.PORTS_PER_MEMBER - 1) + ") is in use: " +
                    "is member " + config.memberId() + " already running (a duplicate --id), or another program " +
                    "on those ports?");
            }
            throw ex;
        }
    }

    /** The rules, schedule and section of the node's engine as it sends them to a client ({@link #rules}). */
    static String rules(final NodeConfig config)
    {
        return rules(config.rules(), config.schedule(), config.catalog(), config.scope());
    }

    /**
     * {@link #rules(MarketRules, SessionSchedule)}, then, for an engine of one section, {@code " section=NAME"}: the
     * text a node sends a client with its state, so that a client can tell a cluster of another section.
     */
    public static String rules(final MarketRules rules, final SessionSchedule schedule, final Catalog catalog,
        final SectionScope scope)
    {
        return rules(rules, schedule) + (scope.isAll() ? "" : SECTION + scope.name(catalog));
    }

    /**
     * The section a node's rules text names ({@link #rules(MarketRules, SessionSchedule, Catalog, SectionScope)}), or
     * null when its engine trades every section.
     */
    public static String sectionOf(final String rulesText)
    {
        final int at = rulesText.indexOf(SECTION);
        if (at < 0)
        {
            return null;
        }
        final int end = rulesText.indexOf(' ', at + SECTION.length());
        return rulesText.substring(at + SECTION.length(), end < 0 ? rulesText.length() : end);
    }

    /**
     * The text that stands for {@code rules} and {@code schedule} in a node's identity and in the state it sends a
     * client ({@link ExchangeClient#requestState}): equal text, equal rules.
     */
    public static String rules(final MarketRules rules, final SessionSchedule schedule)
    {
        long digest = 17;
        for (final int section : schedule.scheduledSections())
        {
            for (int b = 0; b < schedule.boundaries(section); b++)
            {
                digest = 31 * (31 * (31 * digest + section) + schedule.start(section, b)) +
                    schedule.phase(section, b).ordinal();
            }
        }
        return "guarantee-bps=" + rules.guaranteeBps() + " fee-bps=" + rules.feeBps() +
            " schedule=" + (schedule.scheduledSections().isEmpty() ? "none" : Long.toHexString(digest));
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(container, driver);
        directory.close();
    }
}
