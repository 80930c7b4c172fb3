package by.butb.gateway;

/**
 * The gateway does not start on a cluster whose engine is not the gateway's: other rules or schedule, or another
 * catalog (instruments and participants). The message names the difference.
 */
public final class ClusterMismatchException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /** What differs. */
    public enum Kind
    {
        /** Guarantee, fee or session schedule. */
        RULES,
        /** Instruments or participants (the catalog's fingerprint). */
        CATALOG
    }

    private final Kind kind;

    ClusterMismatchException(final Kind kind, final String message)
    {
        super(message);
        this.kind = kind;
    }

    public Kind kind()
    {
        return kind;
    }
}
