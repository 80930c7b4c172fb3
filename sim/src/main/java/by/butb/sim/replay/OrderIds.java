package by.butb.sim.replay;

import by.butb.engine.core.Command;
import by.butb.engine.model.Side;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The participants' own order ids (strings in the order file) and the engine's {@code long} client order ids.
 *
 * <p>Each beneficial owner (the broker's client, or the participant itself) has its own numbering: the first order
 * id string an owner uses becomes 1, the next new one 2, and so on; a string keeps its number for the whole run,
 * so an id may be used again once its order has ended. Owners are keyed by the id string written in the file, so
 * names the catalog does not know still get numbers (the engine then rejects their orders).
 *
 * <p>Threading: {@link #idOf}, {@link #owner} and the instrument methods are called by the reading thread only;
 * {@link #nameOf} and {@link #ownerIfAny} may be called from the engine's thread at the same time, for ids of
 * commands the reading thread has published to the engine's ring since it assigned them (the ring's publication
 * makes the assignment visible). Ids are kept as UTF-8 ({@link OwnerIds}).
 */
public final class OrderIds implements OrderNames
{
    private final Map<String, OwnerIds> owners = new ConcurrentHashMap<>();

    /** The number of {@code orderId} for {@code owner}, assigned now if the owner never used that string. */
    public long idOf(final String owner, final String orderId)
    {
        return owner(owner).idOf(orderId);
    }

    /** The order id string behind {@code id} for {@code owner}, or null when there is none. */
    @Override
    public String nameOf(final String owner, final long id)
    {
        final OwnerIds o = owners.get(owner);
        return o == null ? null : o.nameOf(id);
    }

    /** Remembers the instrument an order id was last used with (to read the prices of a later REPLACE). */
    public void setInstrument(final String owner, final long id, final int instrument)
    {
        owner(owner).setInstrument(id, instrument);
    }

    /** Remembers that an order id was last used for a lot offered on {@code side} (after {@link #setInstrument}). */
    public void setLotSide(final String owner, final long id, final Side side)
    {
        owner(owner).setLotSide(id, side);
    }

    /** The side of the lot an order id was last used for, or null when it was last used for something else. */
    public Side lotSideOf(final String owner, final long id)
    {
        final OwnerIds o = owners.get(owner);
        return o == null ? null : o.lotSideOf(id);
    }

    /** The instrument an order id was last used with, or {@link Command#UNKNOWN}. */
    public int instrumentOf(final String owner, final long id)
    {
        final OwnerIds o = owners.get(owner);
        return o == null ? Command.UNKNOWN : o.instrumentOf(id);
    }

    /** The ids of {@code owner}, created when it has none yet: for the thread that assigns ids. */
    public OwnerIds owner(final String owner)
    {
        final OwnerIds known = owners.get(owner);
        return known != null ? known : owners.computeIfAbsent(owner, k -> new OwnerIds());
    }

    /** The ids of {@code owner}, or null when it has none yet: for any thread. */
    public OwnerIds ownerIfAny(final String owner)
    {
        return owners.get(owner);
    }
}
