package by.butb.sim.classroom;

import java.io.BufferedWriter;
import java.io.Writer;

/**
 * Collects what a {@link by.butb.sim.replay.CsvOut} writes, unbuffered, so that the rows of each command can be
 * taken as soon as the replay's listener has written them ({@link #take}). Logic thread only.
 */
final class CapturingWriter extends BufferedWriter
{
    private final StringBuilder text = new StringBuilder(4096);

    CapturingWriter()
    {
        super(Writer.nullWriter(), 1);
    }

    @Override
    public Writer append(final CharSequence csq)
    {
        text.append(csq);
        return this;
    }

    @Override
    public void write(final String s, final int off, final int len)
    {
        text.append(s, off, off + len);
    }

    @Override
    public void write(final char[] cbuf, final int off, final int len)
    {
        text.append(cbuf, off, len);
    }

    @Override
    public void write(final int c)
    {
        text.append((char)c);
    }

    @Override
    public void flush()
    {
    }

    @Override
    public void close()
    {
    }

    /** What was written since the last call. */
    String take()
    {
        final String s = text.toString();
        text.setLength(0);
        return s;
    }
}
