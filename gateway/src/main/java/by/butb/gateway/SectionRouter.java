package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.SectionScope;
import by.butb.engine.model.Catalog;
import org.agrona.collections.Long2LongHashMap;

import java.util.List;

/**
 * Which cluster a command goes to when each section runs on a cluster of its own ({@code serve --section-cluster},
 * docs/cluster.md#a-cluster-per-section); clusters by index in {@link ClusterMirror}'s order:
 * <ul>
 * <li>CLOCK: every cluster ({@link #EVERY});</li>
 * <li>a command naming an instrument (orders, lots, bids): the cluster of the instrument's section;</li>
 * <li>one naming an exchange order or lot id: the cluster of the section the id tells
 * ({@link SectionScope#sectionOfId});</li>
 * <li>a CANCEL or REPLACE by client order id: the cluster its order was sent to, while that order is still on its
 * way; else the cluster whose mirror holds it live;</li>
 * <li>anything else (such as a command the gateway already knows the engine rejects, or a cancel of an order that
 * is live nowhere): the first cluster, which answers it with its reject.</li>
 * </ul>
 * Threading: the mirror's cluster thread (it reads the mirrors).
 */
final class SectionRouter
{
    static final int EVERY = -1;
    private static final long NONE = -1;

    private final Catalog catalog;
    private final int[] clusterOfSection;
    private final List<MatchingEngine> mirrors;
    /** Orders (by client order key) sent and not yet applied to their mirror: the cluster each went to. */
    private final Long2LongHashMap onTheirWay = new Long2LongHashMap(NONE);

    /** @param mirrors per cluster, its mirror engine, each of one section; every section has one. */
    SectionRouter(final Catalog catalog, final List<MatchingEngine> mirrors)
    {
        this.catalog = catalog;
        this.mirrors = mirrors;
        clusterOfSection = new int[catalog.sections().size()];
        java.util.Arrays.fill(clusterOfSection, -1);
        for (int k = 0; k < mirrors.size(); k++)
        {
            clusterOfSection[mirrors.get(k).scope().section()] = k;
        }
        for (int s = 0; s < clusterOfSection.length; s++)
        {
            if (clusterOfSection[s] < 0)
            {
                throw new IllegalArgumentException("no cluster for section " + catalog.sections().get(s));
            }
        }
    }

    /** The cluster {@code c} goes to, or {@link #EVERY}; notes the order it opens as on its way there. */
    int route(final Command c)
    {
        if (c.type == CommandType.CLOCK)
        {
            return EVERY;
        }
        final int cluster;
        if (c.instrument >= 0 && c.instrument < catalog.instruments().size())
        {
            cluster = clusterOfSection[catalog.instrument(c.instrument).sectionIndex()];
        }
        else if (c.exchangeOrderId > 0)
        {
            cluster = clusterOfSection[SectionScope.sectionOfId(c.exchangeOrderId, clusterOfSection.length)];
        }
        else if (c.type == CommandType.CANCEL || c.type == CommandType.REPLACE)
        {
            cluster = holding(c.beneficialOwner(), c.clientOrderId);
        }
        else
        {
            cluster = 0;
        }
        final long opened = opened(c);
        if (valid(c.beneficialOwner(), opened))
        {
            onTheirWay.put(MatchingEngine.clientOrderKey(c.beneficialOwner(), opened), cluster);
        }
        return cluster;
    }

    /** {@code c}, routed by {@link #route}, is applied to its mirror: its mirror answers for its order from now on. */
    void applied(final Command c)
    {
        final long opened = opened(c);
        if (valid(c.beneficialOwner(), opened))
        {
            onTheirWay.remove(MatchingEngine.clientOrderKey(c.beneficialOwner(), opened));
        }
    }

    /** The client order id of the order {@code c} opens (a new order, lot, bid, or a replace's new id), or 0. */
    private static long opened(final Command c)
    {
        return switch (c.type)
        {
            case NEW_ORDER, LOT_OFFER, LOT_BID -> c.clientOrderId;
            case REPLACE -> c.newClientOrderId;
            default -> 0;
        };
    }

    private int holding(final int owner, final long clientOrderId)
    {
        if (!valid(owner, clientOrderId))
        {
            return 0;
        }
        final long onItsWay = onTheirWay.get(MatchingEngine.clientOrderKey(owner, clientOrderId));
        if (onItsWay != NONE)
        {
            return (int)onItsWay;
        }
        for (int k = 0; k < mirrors.size(); k++)
        {
            if (mirrors.get(k).hasLiveOrder(owner, clientOrderId))
            {
                return k;
            }
        }
        return 0;
    }

    private boolean valid(final int owner, final long clientOrderId)
    {
        return owner >= 0 && owner < catalog.participants().size() && clientOrderId > 0 &&
            clientOrderId < MatchingEngine.MAX_CLIENT_ORDER_ID;
    }
}
