package by.butb.bench.cluster;

import by.butb.engine.core.Command;

/**
 * An exchange the round trip measures: takes commands and reports each one's answer to the
 * {@link by.butb.harness.CompletionRecorder} it was built with, with the command's intended send time.
 *
 * <p>Threading: {@link #submit} and {@link #poll} from the measuring thread only.
 */
interface RoundTripTarget extends AutoCloseable
{
    /** Sends {@code command} (read during the call only); {@code intendedNanos} is a {@link System#nanoTime} value. */
    void submit(Command command, long intendedNanos);

    /** Does the target's work on the measuring thread (receiving answers), if any; returns the work done. */
    int poll();

    /** One line: what runs where. */
    String describe();

    @Override
    void close();
}
