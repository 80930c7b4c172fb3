package by.butb.sim.study;

import by.butb.cluster.ClusterMembers;
import by.butb.cluster.ClusterSecret;

import java.util.Objects;

/**
 * The cluster a study's FIX gateway is a client of ({@code butb study --via-gateway --cluster MEMBERS}): its members,
 * the nodes' secret ({@link ClusterSecret#NONE} for none) and this machine's address as the nodes reach it (their
 * replies come back to it over UDP).
 */
public record StudyCluster(ClusterMembers members, ClusterSecret secret, String host)
{
    public StudyCluster
    {
        Objects.requireNonNull(members);
        Objects.requireNonNull(secret);
        Objects.requireNonNull(host);
    }

    /** The cluster cannot run the study: it has other rules or catalog, no leader, or it is not new. One line. */
    public static final class Refused extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Refused(final String message, final Throwable cause)
        {
            super(message, cause);
        }
    }
}
