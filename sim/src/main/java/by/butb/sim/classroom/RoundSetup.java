package by.butb.sim.classroom;

import by.butb.sim.agents.AgentType;

/**
 * What the instructor chooses for a round: robots per side and their kind, units per trader, the round's length in
 * real seconds, and the seed the values are drawn from.
 */
record RoundSetup(int robotsPerSide, RobotKind robots, int units, int seconds, long seed)
{
    static final int MAX_ROBOTS = 20;
    static final int MAX_UNITS = 10;
    static final int MAX_SECONDS = 3600;

    /**
     * Kinds of robot, each the agents package's trader of that type: zero-intelligence constrained (never trades at
     * a loss) or unconstrained (Gode and Sunder 1993), or zero-intelligence plus, which learns a profit margin from
     * the market's bids, asks and trades (Cliff 1997).
     */
    enum RobotKind
    {
        ZIC(AgentType.ZIC), ZIU(AgentType.ZIU), ZIP(AgentType.ZIP);

        private final AgentType type;

        RobotKind(final AgentType type)
        {
            this.type = type;
        }

        AgentType type()
        {
            return type;
        }
    }

    RoundSetup
    {
        check("robots", robotsPerSide, 0, MAX_ROBOTS);
        check("units", units, 1, MAX_UNITS);
        check("seconds", seconds, 5, MAX_SECONDS);
    }

    /** Reads the instructor's form fields; a missing field takes its default (2 robots a side, ZI-C, 3, 120 s, 1). */
    static RoundSetup parse(final java.util.Map<String, String> form)
    {
        final String kind = form.getOrDefault("robotKind", "ZIC").trim().toUpperCase(java.util.Locale.ROOT);
        final RobotKind robots;
        try
        {
            robots = RobotKind.valueOf(kind.replace("-", ""));
        }
        catch (final IllegalArgumentException e)
        {
            throw new ClassroomException("field 'robotKind': '" + kind + "' is not one of ZIC, ZIU, ZIP");
        }
        return new RoundSetup(integer(form, "robots", 2), robots, integer(form, "units", 3),
            integer(form, "seconds", 120), integer(form, "seed", 1));
    }

    private static int integer(final java.util.Map<String, String> form, final String field, final int fallback)
    {
        final String v = form.getOrDefault(field, "").trim();
        if (v.isEmpty())
        {
            return fallback;
        }
        try
        {
            return Integer.parseInt(v);
        }
        catch (final NumberFormatException e)
        {
            throw new ClassroomException("field '" + field + "': '" + v + "' is not a whole number");
        }
    }

    private static void check(final String field, final int value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            throw new ClassroomException("field '" + field + "': " + value + " is not from " + min + " to " + max);
        }
    }
}
