package by.butb.cluster;

/** Bad input for a cluster node or client (members, id, data directory); the message is one line naming it. */
public final class ClusterConfigException extends RuntimeException
{
    public ClusterConfigException(final String message)
    {
        super(message);
    }
}
