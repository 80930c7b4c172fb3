package by.butb.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The daily session schedule of every section that has one: for each, the phases in order with the UTC time of
 * day each starts at (nanoseconds since midnight). Before the first start of a day a section is CLOSED. Sections
 * with no entry trade continuously. Immutable.
 */
public final class SessionSchedule
{
    public static final SessionSchedule NONE = new SessionSchedule(new long[0][], new Phase[0][]);

    private final long[][] starts;
    private final Phase[][] phases;

    /**
     * @param starts per section index: ascending start times (ns since midnight UTC), or null for none.
     * @param phases per section index: the phase starting at the matching time.
     */
    public SessionSchedule(final long[][] starts, final Phase[][] phases)
    {
        this.starts = starts.clone();
        this.phases = phases.clone();
        for (int s = 0; s < starts.length; s++)
        {
            if (starts[s] != null)
            {
                for (int i = 1; i < starts[s].length; i++)
                {
                    if (starts[s][i] <= starts[s][i - 1])
                    {
                        throw new IllegalArgumentException("phase starts of section " + s + " are not increasing");
                    }
                }
            }
        }
    }

    public boolean hasSchedule(final int section)
    {
        return section < starts.length && starts[section] != null && starts[section].length > 0;
    }

    /** Number of phase boundaries of a section's day (0 without a schedule). */
    public int boundaries(final int section)
    {
        return hasSchedule(section) ? starts[section].length : 0;
    }

    public long start(final int section, final int boundary)
    {
        return starts[section][boundary];
    }

    public Phase phase(final int section, final int boundary)
    {
        return phases[section][boundary];
    }

    /** Index of the last boundary at or before {@code timeOfDay}, or -1 before the first one. */
    public int boundaryAt(final int section, final long timeOfDay)
    {
        final long[] s = starts[section];
        int found = -1;
        for (int i = 0; i < s.length && s[i] <= timeOfDay; i++)
        {
            found = i;
        }
        return found;
    }

    /** Sections (by index) that have a schedule, for documentation and reports. */
    public List<Integer> scheduledSections()
    {
        final List<Integer> result = new ArrayList<>();
        for (int s = 0; s < starts.length; s++)
        {
            if (hasSchedule(s))
            {
                result.add(s);
            }
        }
        return result;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("SessionSchedule{");
        for (int s = 0; s < starts.length; s++)
        {
            if (hasSchedule(s))
            {
                sb.append(s).append('=').append(Arrays.toString(phases[s])).append(' ');
            }
        }
        return sb.append('}').toString();
    }
}
