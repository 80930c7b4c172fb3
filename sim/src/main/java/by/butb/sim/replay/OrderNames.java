package by.butb.sim.replay;

/**
 * Gives back the order id string behind an engine client order id, for the event writer ({@link ReplayListener}).
 * {@link OrderIds} is one (a table of every id it numbered); a source that makes its ids by a rule can compute the
 * name instead. Implementations say from which threads they may be called.
 */
@FunctionalInterface
public interface OrderNames
{
    /** The order id string behind {@code clientOrderId} for {@code owner} (a participant id), or null when none. */
    String nameOf(String owner, long clientOrderId);
}
