package by.butb.gateway;

import java.io.Closeable;
import java.io.IOException;

/** Closing what holds nothing left to save (a file only read, or whose writes are the kernel's already). */
final class Closing
{
    private Closing()
    {
    }

    /** Closes {@code closeable} (null: nothing); an IOException on closing is ignored: nothing to recover. */
    static void quietly(final Closeable closeable)
    {
        if (closeable == null)
        {
            return;
        }
        try
        {
            closeable.close();
        }
        catch (final IOException ignored)
        {
            // nothing to recover
        }
    }
}
