package by.butb.sim.classroom;

import by.butb.sim.agents.AgentType;

/**
 * What the instructor chooses for a round: robots per side and their kind, units per trader, the round's length in
 * real seconds, the seed the values are drawn from, and the round's length in simulated seconds (simulated time
 * runs {@code simSeconds / seconds} times as fast as real time; equal lengths: with it).
 */
record RoundSetup(int robotsPerSide, RobotKind robots, int units, int seconds, long seed, int simSeconds)
{
    static final int MAX_ROBOTS = 20;
    static final int MAX_UNITS = 10;
    static final int MAX_SECONDS = 3600;
    /** A trading day of 8 hours; a round starts at 10:00 UTC of its simulated day. */
    static final int MAX_SIM_SECONDS = 28_800;

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
        check("simSeconds", simSeconds, 5, MAX_SIM_SECONDS);
    }

    /** A round whose simulated time runs with real time. */
    RoundSetup(final int robotsPerSide, final RobotKind robots, final int units, final int seconds, final long seed)
    {
        this(robotsPerSide, robots, units, seconds, seed, seconds);
    }

    /**
     * Reads the instructor's form fields; a missing field takes its default (2 robots a side, ZI-C, 3 units, 120 s,
     * seed 1, simulated seconds as many as the real ones).
     */
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
        final int seconds = integer(form, "seconds", 120);
        return new RoundSetup(integer(form, "robots", 2), robots, integer(form, "units", 3), seconds,
            integer(form, "seed", 1), integer(form, "simSeconds", seconds));
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
