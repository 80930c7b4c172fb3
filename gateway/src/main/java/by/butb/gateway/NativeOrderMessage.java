package by.butb.gateway;

import by.butb.engine.csv.Latin1Chars;
import by.butb.engine.model.Catalog;
import by.butb.gateway.fix.FixDecoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link OrderMessage} over the native engine's {@link FixDecoder}, reused for every message on the I/O thread:
 * {@link #wrap} finds the Parties group's entries (each starts at its PartyID(448)) without creating objects, and
 * OrderQty and Price are views of the received bytes; Strings are made only for {@link #string}, the party values,
 * OnBehalfOfCompID and a Symbol that is not listed. A plain order (no 115, no 453) creates nothing here.
 */
final class NativeOrderMessage implements OrderMessage
{
    /** The fields of a Parties entry (FIX 4.4 Parties component, with its PartySubIDs). */
    private static final int[] PARTY_TAGS = {448, 447, 452, 802, 523, 803};

    private final Catalog catalog;
    /** The catalog's symbols by instrument index, as bytes. */
    private final byte[][] symbols;
    private final Latin1Chars quantityView = new Latin1Chars();
    private final Latin1Chars priceView = new Latin1Chars();
    private FixDecoder d;
    /** Field index of each Parties entry's PartyID(448). */
    private int[] entryStarts = new int[8];
    private int entries;
    /** Field index of the first field after the Parties group (-1 without one). */
    private int groupEnd;
    private long declaredParties;
    private int misplacedPartyTag;

    NativeOrderMessage(final Catalog catalog)
    {
        this.catalog = catalog;
        this.symbols = new byte[catalog.instruments().size()][];
        for (int k = 0; k < symbols.length; k++)
        {
            symbols[k] = catalog.instrument(k).symbol().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Reads the message in {@code decoder} from now on; returns this. */
    NativeOrderMessage wrap(final FixDecoder decoder)
    {
        d = decoder;
        entries = 0;
        groupEnd = -1;
        misplacedPartyTag = 0;
        final int count = d.indexOf(453);
        declaredParties = count < 0 ? 0 : d.longValue(count);
        if (count < 0)
        {
            return this;
        }
        int i = count + 1;
        misplacedPartyTag = i < d.count() - 1 && isPartyTag(d.tagAt(i)) && d.tagAt(i) != 448 ? d.tagAt(i) : 0;
        for (final int n = d.count() - 1; i < n && isPartyTag(d.tagAt(i)); i++)
        {
            if (d.tagAt(i) == 448)
            {
                if (entries == entryStarts.length)
                {
                    entryStarts = Arrays.copyOf(entryStarts, entries * 2);
                }
                entryStarts[entries++] = i;
            }
        }
        groupEnd = i;
        return this;
    }

    /**
     * The tag of the Parties group's first field when it is not the delimiter PartyID(448), else 0: QuickFIX/J
     * answers it with a session Reject, reason 15, on that tag.
     */
    int misplacedPartyTag()
    {
        return misplacedPartyTag;
    }

    /**
     * Whether NoPartyIDs(453), when present, counts the entries that follow it (each starting at a PartyID(448));
     * QuickFIX/J answers a wrong count with a session Reject, reason 16, on tag 453.
     */
    boolean partyCountMatches()
    {
        return declaredParties == entries;
    }

    private static boolean isPartyTag(final int tag)
    {
        for (final int t : PARTY_TAGS)
        {
            if (t == tag)
            {
                return true;
            }
        }
        return false;
    }

    /** The index of the first field with {@code tag} outside the Parties group, or -1. */
    private int indexOf(final int tag)
    {
        final int i = d.indexOf(tag);
        if (i < 0 || entries == 0 || i < entryStarts[0] || i >= groupEnd)
        {
            return i;
        }
        for (int k = groupEnd, n = d.count(); k < n; k++)
        {
            if (d.tagAt(k) == tag)
            {
                return k;
            }
        }
        return -1;
    }

    @Override
    public boolean has(final int tag)
    {
        return indexOf(tag) >= 0;
    }

    @Override
    public String string(final int tag)
    {
        return text(indexOf(tag));
    }

    private String text(final int i)
    {
        return i < 0 ? null :
            new String(d.buffer(), d.valueStart(i), d.valueEnd(i) - d.valueStart(i), StandardCharsets.ISO_8859_1);
    }

    @Override
    public char charValue(final int tag)
    {
        final int i = indexOf(tag);
        return i < 0 ? 0 : (char)(d.buffer()[d.valueStart(i)] & 0xFF);
    }

    @Override
    public long timestampNanos(final int tag)
    {
        return d.timestampNanos(tag);
    }

    @Override
    public String symbol()
    {
        final int i = indexOf(55);
        if (i < 0)
        {
            return null;
        }
        final int start = d.valueStart(i);
        final int length = d.valueEnd(i) - start;
        for (int k = 0; k < symbols.length; k++)
        {
            if (symbols[k].length == length && Arrays.equals(symbols[k], 0, length, d.buffer(), start, start + length))
            {
                return catalog.instrument(k).symbol();
            }
        }
        return text(i);
    }

    @Override
    public CharSequence orderQty()
    {
        return view(quantityView, 38);
    }

    @Override
    public CharSequence price()
    {
        return view(priceView, 44);
    }

    private CharSequence view(final Latin1Chars view, final int tag)
    {
        final int i = indexOf(tag);
        return i < 0 ? null : view.of(d.buffer(), d.valueStart(i), d.valueEnd(i));
    }

    @Override
    public String onBehalfOfCompId()
    {
        return d.string(115);
    }

    @Override
    public int partyCount()
    {
        return entries;
    }

    @Override
    public String partyId(final int entry)
    {
        return text(entryField(entry, 448));
    }

    @Override
    public int partyRole(final int entry)
    {
        final int i = entryField(entry, 452);
        final long role = i < 0 ? -1 : d.longValue(i);
        return role < 0 || role > Integer.MAX_VALUE ? -1 : (int)role;
    }

    /** The index of {@code tag} among the entry's fields, or -1. */
    private int entryField(final int entry, final int tag)
    {
        final int end = entry + 1 < entries ? entryStarts[entry + 1] : groupEnd;
        for (int i = entryStarts[entry]; i < end; i++)
        {
            if (d.tagAt(i) == tag)
            {
                return i;
            }
        }
        return -1;
    }
}
