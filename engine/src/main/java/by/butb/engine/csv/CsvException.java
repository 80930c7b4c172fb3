package by.butb.engine.csv;

/** A problem in a CSV input, located by file, line (1-based, the header is line 1) and field when known. */
public final class CsvException extends RuntimeException
{
    private final String file;
    private final int line;
    private final String field;
    private final String problem;

    public CsvException(final String file, final int line, final String field, final String problem)
    {
        super(file + (line > 0 ? ":" + line : "") + (field != null ? " field '" + field + "'" : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.field = field;
        this.problem = problem;
    }

    public String file()
    {
        return file;
    }

    public int line()
    {
        return line;
    }

    public String field()
    {
        return field;
    }

    public String problem()
    {
        return problem;
    }
}
