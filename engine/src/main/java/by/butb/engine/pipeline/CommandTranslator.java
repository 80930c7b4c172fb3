package by.butb.engine.pipeline;

import by.butb.engine.core.Command;

/**
 * Fills a claimed ring slot in place (as a Disruptor translator does). The command arrives cleared; do not keep
 * a reference to it. Use a stateless translator and pass the data as {@code arg} to stay allocation-free.
 */
@FunctionalInterface
public interface CommandTranslator<A>
{
    void translateTo(Command command, A arg);
}
