package by.butb.sim.replay;

import by.butb.engine.core.ResultCode;

import java.util.ArrayList;
import java.util.List;

/** What is wrong with one row: hard problems make it MALFORMED_INPUT; scale-only problems keep their code. */
final class RowProblems
{
    private final long line;
    /** Null until the first problem: most rows have none. */
    private List<String> messages;
    private boolean malformed;
    private ResultCode scaleCode;

    RowProblems(final long line)
    {
        this.line = line;
    }

    void add(final String field, final String message)
    {
        messages().add("field '" + field + "': " + message);
        malformed = true;
    }

    /** A problem of the row as a whole. */
    void addRow(final String message)
    {
        messages().add(message);
        malformed = true;
    }

    void addScale(final String field, final String message, final ResultCode code)
    {
        messages().add("field '" + field + "': " + message);
        if (scaleCode == null)
        {
            scaleCode = code;
        }
    }

    boolean isEmpty()
    {
        return messages == null;
    }

    private List<String> messages()
    {
        if (messages == null)
        {
            messages = new ArrayList<>();
        }
        return messages;
    }

    ResultCode code()
    {
        return malformed || scaleCode == null ? ResultCode.MALFORMED_INPUT : scaleCode;
    }

    String reason()
    {
        return "line " + line + " " + String.join("; ", messages);
    }
}
