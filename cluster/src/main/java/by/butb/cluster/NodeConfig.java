package by.butb.cluster;

import by.butb.engine.core.MarketRules;
import by.butb.engine.core.SectionScope;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.SessionSchedule;

import java.nio.file.Path;

/**
 * What one node runs with. Every node of a cluster must have the same catalog, rules and schedule (the catalog is
 * checked, see {@link NodeDirectory}), so that all build the same engine.
 *
 * @param clusterName        the cluster's name, recorded in the data directory.
 * @param memberId           this node's id among {@code members}.
 * @param dataDirectory      the node's own directory: archive, cluster log and snapshots, probe file.
 * @param scope              the sections the node's engine trades: all, or one (a cluster per section).
 * @param heartbeatTimeoutMs how long followers wait without hearing from the leader before electing a new one.
 * @param lowCpu             sleep 1 ms when idle instead of spinning then parking (for several nodes on few cores).
 * @param secret             what a client or another node's archive must prove it holds; {@link ClusterSecret#NONE}
 *                           admits every connection.
 */
public record NodeConfig(String clusterName, int memberId, ClusterMembers members, Path dataDirectory,
    Catalog catalog, MarketRules rules, SessionSchedule schedule, SectionScope scope,
    long heartbeatTimeoutMs, boolean lowCpu, ClusterSecret secret)
{
    /** Live orders the engine pre-allocates room for. */
    public static final int EXPECTED_ORDERS = 1 << 16;
}
