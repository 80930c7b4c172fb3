package by.butb.gateway;

import by.butb.cluster.ClusterMembers;
import by.butb.engine.model.Catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code serve --section-cluster SECTION=MEMBERS}, once per section of the catalog: the cluster that trades each
 * section (docs/cluster.md#a-cluster-per-section). MEMBERS as {@code --cluster} takes them.
 */
final class SectionClusters
{
    /** A usage error (exit code 2), one line. */
    static final class UsageException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        UsageException(final String message)
        {
            super(message);
        }
    }

    private SectionClusters()
    {
    }

    /**
     * The members of each section's cluster, by section name (upper-case), every section of {@code catalog} once.
     *
     * @throws UsageException naming the option when an item is not SECTION=MEMBERS, names no section of the catalog
     *                        or one twice, or a section has no cluster.
     * @throws by.butb.cluster.ClusterConfigException when a member list cannot be read (bad input, as --cluster's).
     */
    static Map<String, ClusterMembers> parse(final List<String> items, final Catalog catalog)
    {
        final Map<String, ClusterMembers> clusters = new LinkedHashMap<>();
        for (final String item : items)
        {
            final int equals = item.indexOf('=');
            if (equals <= 0)
            {
                throw new UsageException("--section-cluster '" + item + "': expected SECTION=MEMBERS, e.g. " +
                    "TIMBER=localhost:9100,localhost:9110,localhost:9120");
            }
            final String section = item.substring(0, equals).trim().toUpperCase(Locale.ROOT);
            if (!catalog.sections().contains(section))
            {
                throw new UsageException("--section-cluster '" + item + "': " + section + " is not a section of " +
                    "the instrument catalog " + catalog.sections());
            }
            if (clusters.containsKey(section))
            {
                throw new UsageException("--section-cluster: section " + section + " is given twice");
            }
            clusters.put(section, ClusterMembers.parse(item.substring(equals + 1).trim(),
                "--section-cluster " + section));
        }
        for (final String section : catalog.sections())
        {
            if (!clusters.containsKey(section))
            {
                throw new UsageException("--section-cluster: no cluster for section " + section + "; give one " +
                    "--section-cluster SECTION=MEMBERS for each section of the catalog " + catalog.sections());
            }
        }
        return clusters;
    }
}
