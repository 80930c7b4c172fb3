package by.butb.sim.classroom;

/** A request the classroom refuses (bad field, unknown scenario, wrong PIN); the message says what is wrong. */
public final class ClassroomException extends RuntimeException
{
    private final int status;

    public ClassroomException(final String message)
    {
        this(400, message);
    }

    public ClassroomException(final int status, final String message)
    {
        super(message);
        this.status = status;
    }

    /** The HTTP status the server answers with: 400 bad input, 401 not logged in, 403 wrong PIN. */
    public int status()
    {
        return status;
    }
}
