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
 * docs/cluster.md#a-cluster-per-section); clusters by index in {@link ClusterMirror}'s order. A CLOCK is not routed
 * here: it goes to every cluster ({@link ClusterMirror}). The others go where the single engine would find what they
 * name, so that each is answered as the single engine answers it:
 * <ul>
 * <li>one naming an exchange order or lot id (a cancel or replace by OrderID, a lot bid): the cluster of the section
 * the id tells ({@link SectionScope#sectionOfId}), whatever instrument it names;</li>
 * <li>a CANCEL or REPLACE by client order id: the cluster its order was sent to, while that order is still on its
 * way; else the cluster whose mirror holds it live;</li>
 * <li>else a command naming an instrument (new orders, lot offers, a cancel of an order live nowhere): the cluster of
 * the instrument's section;</li>
 * <li>anything else: the first cluster, which answers it with its reject.</li>
 * </ul>
 * An order whose parties the gateway already knows the engine refuses (one sent for a participant the submitter
 * does not act for, with a stand-in client order id) is not noted as on its way, so that it cannot stand for that
 * participant's own order of the same id. Threading: the mirror's cluster thread (it reads the mirrors).
 */
final class SectionRouter
{
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

    /** The cluster {@code c} (not a CLOCK) goes to; notes the order it opens as on its way there. */
    int route(final Command c)
    {
        final int cluster = clusterOf(c);
        final long opened = opened(c);
        if (opened != 0)
        {
            onTheirWay.put(MatchingEngine.clientOrderKey(c.beneficialOwner(), opened), cluster);
        }
        return cluster;
    }

    /** {@code c}, routed by {@link #route}, is applied to its mirror: its mirror answers for its order from now on. */
    void applied(final Command c)
    {
        final long opened = opened(c);
        if (opened != 0)
        {
            onTheirWay.remove(MatchingEngine.clientOrderKey(c.beneficialOwner(), opened));
        }
    }

    private int clusterOf(final Command c)
    {
        if (c.exchangeOrderId > 0)
        {
            return clusterOfSection[SectionScope.sectionOfId(c.exchangeOrderId, clusterOfSection.length)];
        }
        if (c.type == CommandType.CANCEL || c.type == CommandType.REPLACE)
        {
            final int holding = holding(c.beneficialOwner(), c.clientOrderId);
            if (holding >= 0)
            {
                return holding;
            }
        }
        if (c.instrument >= 0 && c.instrument < catalog.instruments().size())
        {
            return clusterOfSection[catalog.instrument(c.instrument).sectionIndex()];
        }
        return 0;
    }

    /**
     * The client order id of the order {@code c} opens (a new order, lot, bid, or a replace's new id), or 0: also when
     * its parties are ones the submitter may not use, whose id only stands in for the engine's reject.
     */
    private long opened(final Command c)
    {
        final long id = switch (c.type)
        {
            case NEW_ORDER, LOT_OFFER, LOT_BID -> c.clientOrderId;
            case REPLACE -> c.newClientOrderId;
            default -> 0;
        };
        return valid(c.beneficialOwner(), id) && c.submitter >= 0 && c.submitter < catalog.participants().size() &&
            Parties.actsFor(catalog.participant(c.submitter), c.onBehalfOf) ? id : 0;
    }

    /** The cluster that has, or is about to have, {@code owner}'s order {@code clientOrderId} live; -1 if none. */
    private int holding(final int owner, final long clientOrderId)
    {
        if (!valid(owner, clientOrderId))
        {
            return -1;
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
        return -1;
    }

    private boolean valid(final int owner, final long clientOrderId)
    {
        return owner >= 0 && owner < catalog.participants().size() && clientOrderId > 0 &&
            clientOrderId < MatchingEngine.MAX_CLIENT_ORDER_ID;
    }
}
