package by.butb.engine.core;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;

import java.util.Locale;

/**
 * What one engine trades: every section of the catalog ({@link #ALL}, the single engine), or one section, when each
 * section runs on an engine of its own (a cluster per section, docs/cluster.md). An engine of one section keeps the
 * whole catalog (the same instrument and participant indexes everywhere) but:
 * <ul>
 * <li>rejects orders and lots of instruments of other sections ({@link ResultCode#SECTION_ELSEWHERE});</li>
 * <li>gives each participant its share of the deposit for that section ({@link Participant#depositShare});</li>
 * <li>numbers exchange order ids (orders, lots, bids) and trade ids {@code i+1, i+1+n, i+1+2n, ...} for section
 * index {@code i} of {@code n} sections, so that no two engines of the exchange hand out the same id and an id
 * tells its section: {@code (id - 1) % n}. The single engine numbers 1, 2, 3, ...</li>
 * </ul>
 * Immutable.
 *
 * @param section  the section's index in the catalog, or -1 for every section.
 * @param sections the catalog's section count (the id stride of a one-section engine).
 */
public record SectionScope(int section, int sections)
{
    /** Every section: the single engine. */
    public static final SectionScope ALL = new SectionScope(-1, 1);

    public SectionScope
    {
        if (sections < 1 || section < -1 || section >= sections)
        {
            throw new IllegalArgumentException("section " + section + " of " + sections);
        }
    }

    /**
     * The scope of the section named {@code name} (case-insensitive) in {@code catalog}; throws
     * {@link IllegalArgumentException} naming the catalog's sections when there is none of that name.
     */
    public static SectionScope of(final Catalog catalog, final String name)
    {
        final int index = catalog.sections().indexOf(name.toUpperCase(Locale.ROOT));
        if (index < 0)
        {
            throw new IllegalArgumentException("'" + name + "' is not a section of the instrument catalog " +
                catalog.sections());
        }
        return new SectionScope(index, catalog.sections().size());
    }

    public boolean isAll()
    {
        return section < 0;
    }

    /** Whether this engine trades instruments of section index {@code sectionIndex}. */
    public boolean serves(final int sectionIndex)
    {
        return section < 0 || section == sectionIndex;
    }

    /** The first exchange order id and trade id. */
    public long firstId()
    {
        return section < 0 ? 1 : section + 1;
    }

    /** The step between consecutive ids. */
    public long idStride()
    {
        return section < 0 ? 1 : sections;
    }

    /** The section index an exchange order id or trade id of a one-section engine was handed out by. */
    public static int sectionOfId(final long id, final int sections)
    {
        return (int)((id - 1) % sections);
    }

    /** What guarantees {@code participant}'s commitments on this engine: its deposit, or its share for the section. */
    public long deposit(final Participant participant)
    {
        return section < 0 ? participant.deposit() : participant.depositShare(section);
    }

    /** The section's name in {@code catalog}, or "all" for every section. */
    public String name(final Catalog catalog)
    {
        return section < 0 ? "all" : catalog.sections().get(section);
    }
}
