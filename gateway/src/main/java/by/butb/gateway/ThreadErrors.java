package by.butb.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * The end of a gateway thread by an {@link Error} (out of memory, a stack overflow) is told
 * ({@link GatewayOptions#onFailure}), not left silent: a FIX I/O thread or the sending thread that is gone leaves
 * sessions that are neither read nor answered, so the server is to be closed.
 */
final class ThreadErrors
{
    private static final Logger LOG = LoggerFactory.getLogger(ThreadErrors.class);

    private ThreadErrors()
    {
    }

    /**
     * Runs {@code body} on the calling thread; an Error ending it is told to {@code onFailure}, then logged, and the
     * thread ends normally (an UncaughtExceptionHandler is not called). When telling or logging fails in turn (out
     * of memory again), the first Error is thrown, so that it reaches the thread's UncaughtExceptionHandler rather
     * than nothing ({@code ./butb serve} also exits on any OutOfMemoryError: -XX:+ExitOnOutOfMemoryError).
     */
    static void runTelling(final Runnable body, final Consumer<String> onFailure)
    {
        try
        {
            body.run();
        }
        catch (final Error ex)
        {
            try
            {
                final String thread = Thread.currentThread().getName();
                onFailure.accept("the gateway's thread " + thread + " ended: " + ex);
                LOG.error("the gateway's thread {} ended", thread, ex);
            }
            catch (final Throwable again)
            {
                throw ex;
            }
        }
    }
}
