package by.butb.sim.classroom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects what a {@link by.butb.sim.replay.CsvOut} writes, so that the rows of each command can be taken as soon as
 * the replay's listener has written them and the CsvOut is flushed ({@link #take}). Logic thread only.
 */
final class CapturingOutput extends ByteArrayOutputStream
{
    CapturingOutput()
    {
        super(4096);
    }

    /** What was written since the last call, as UTF-8 text. */
    String take()
    {
        final String s = toString(StandardCharsets.UTF_8);
        reset();
        return s;
    }
}
