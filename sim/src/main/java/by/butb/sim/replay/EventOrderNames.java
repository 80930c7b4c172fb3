package by.butb.sim.replay;

import by.butb.engine.model.Catalog;

import java.nio.charset.StandardCharsets;

/**
 * The order id strings behind the client order ids of events, as the event writer needs them: written into a table
 * or appended to a reason. From an {@link OrderIds} they are copied from its UTF-8 table without making strings;
 * from any other {@link OrderNames} they are asked for. A client order id without a name is written {@code #id},
 * and 0 (no order) as nothing.
 *
 * <p>Threading: the thread that writes the events (the engine's logic thread); see {@link OrderIds} for why it may
 * read names the reading thread assigns.
 */
final class EventOrderNames
{
    private final Catalog catalog;
    private final OrderNames names;
    /** {@link #names} when it is an {@link OrderIds}, else null. */
    private final OrderIds ids;
    /** Per catalog participant, its order ids once it has some. */
    private final OwnerIds[] owners;
    /** The order the current command's row named, and the UTF-8 bytes it named it with ({@link #currentRow}). */
    private int rowOwner;
    private long rowClientOrderId;
    private byte[] rowBytes;
    private int rowFrom;
    private int rowLength = -1;
    /** Where {@link #locate} found a name's bytes. */
    private byte[] found;
    private int foundFrom;
    private int foundLength;

    EventOrderNames(final Catalog catalog, final OrderNames names)
    {
        this.catalog = catalog;
        this.names = names;
        this.ids = names instanceof OrderIds table ? table : null;
        this.owners = new OwnerIds[catalog.participants().size()];
    }

    /**
     * Names the order of the owner with catalog index {@code owner} and {@code clientOrderId} by
     * {@code utf8[from, from + length)} until the next call: the bytes the current command's row wrote it with, at
     * hand where the table's may not be in the cache. A length of -1 names nothing.
     */
    void currentRow(final int owner, final long clientOrderId, final byte[] utf8, final int from, final int length)
    {
        rowOwner = owner;
        rowClientOrderId = clientOrderId;
        rowBytes = utf8;
        rowFrom = from;
        rowLength = length;
    }

    /**
     * Writes the name of {@code clientOrderId} of the owner with catalog index {@code owner} (or, when the catalog
     * has no such index, of the owner id {@code asWritten}) as one field.
     */
    void write(final TableOut out, final int owner, final String asWritten, final long clientOrderId)
    {
        if (locate(owner, asWritten, clientOrderId))
        {
            out.text(found, foundFrom, foundLength);
        }
        else
        {
            out.field(name(owner, asWritten, clientOrderId));
        }
    }

    /** Appends what {@link #write} writes to {@code text}. */
    TextBytes append(final TextBytes text, final int owner, final String asWritten, final long clientOrderId)
    {
        return locate(owner, asWritten, clientOrderId) ? text.append(found, foundFrom, foundLength) :
            text.append(name(owner, asWritten, clientOrderId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Points {@link #found} at the UTF-8 bytes of the name when they are at hand (the current row's, or the
     * {@link OrderIds} table's); false when the name must be asked for ({@link #name}), as for no order (0).
     */
    private boolean locate(final int owner, final String asWritten, final long clientOrderId)
    {
        if (clientOrderId == 0)
        {
            return false;
        }
        if (rowLength >= 0 && clientOrderId == rowClientOrderId && owner == rowOwner)
        {
            found = rowBytes;
            foundFrom = rowFrom;
            foundLength = rowLength;
            return true;
        }
        final OwnerIds o = ids == null ? null : ownerIds(owner, asWritten);
        final long span = o == null ? 0 : o.span(clientOrderId);
        if (span == 0)
        {
            return false;
        }
        found = o.arena();
        foundFrom = (int)(span >>> 32);
        foundLength = (int)span - 1;
        return true;
    }

    /** What {@link #write} writes, as a string. */
    String name(final int owner, final String asWritten, final long clientOrderId)
    {
        if (clientOrderId == 0)
        {
            return "";
        }
        final String name = names.nameOf(owner >= 0 && owner < owners.length ?
            catalog.participant(owner).id() : asWritten, clientOrderId);
        return name != null ? name : "#" + clientOrderId;
    }

    private OwnerIds ownerIds(final int owner, final String asWritten)
    {
        if (owner < 0 || owner >= owners.length)
        {
            return ids.ownerIfAny(asWritten);
        }
        OwnerIds o = owners[owner];
        if (o == null)
        {
            o = ids.ownerIfAny(catalog.participant(owner).id());
            owners[owner] = o;
        }
        return o;
    }
}
