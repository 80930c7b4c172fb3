package by.butb.sim.study;

/** A scenario that cannot be run: the message names the file, the line and the field, then the problem. */
public final class ScenarioException extends RuntimeException
{
    public ScenarioException(final String message)
    {
        super(message);
    }

    public ScenarioException(final String file, final int line, final String field, final String problem)
    {
        super(file + ":" + line + (field == null ? "" : " field '" + field + "'") + ": " + problem);
    }
}
