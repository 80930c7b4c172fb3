package by.butb.sim.replay;

/** A problem with the replay's input or output files; the message is one line for the user. */
public final class ReplayException extends RuntimeException
{
    public ReplayException(final String message)
    {
        super(message);
    }

    public ReplayException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
