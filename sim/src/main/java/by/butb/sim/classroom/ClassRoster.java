package by.butb.sim.classroom;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
import by.butb.engine.model.ParticipantRole;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A class session: the instructor opens it with a class code; each student joins with the code and a name and is
 * given a seat, a participant of the loaded catalog and a role. Roles alternate BUYER, SELLER in the order of
 * joining; a seller gets the next free trader of Belarus (the exchange's producers), a buyer the next free trader
 * of another country; when that kind runs out, any free trader. A name joins again to the same seat.
 *
 * <p>The code is not published; the seats (name, participant, role) are, on the instructor's screen. This is not
 * security: it keeps a class from picking each other's identities by accident. Threading: synchronized.
 */
final class ClassRoster
{
    static final int MAX_NAME = 40;
    private static final String HOME_COUNTRY = "BY";

    /** A student's place in the class. */
    record Seat(String name, String participant, String role)
    {
    }

    private String code;
    private final Map<String, Seat> seats = new LinkedHashMap<>();

    /** Opens a new class with {@code classCode} (1 to 40 characters); the seats of the last class are dropped. */
    synchronized void open(final String classCode)
    {
        final String c = classCode == null ? "" : classCode.trim();
        if (c.isEmpty() || c.length() > MAX_NAME)
        {
            throw new ClassroomException("field 'code': the class code must be 1 to " + MAX_NAME + " characters");
        }
        code = c;
        seats.clear();
    }

    /** Closes the class: students log in by choosing a participant again. */
    synchronized void close()
    {
        code = null;
        seats.clear();
    }

    synchronized boolean isOpen()
    {
        return code != null;
    }

    /**
     * The seat of {@code name} in the open class: the one it had, else a new one on {@code catalog}.
     *
     * @throws ClassroomException 403 for a wrong code, 409 when no trader is free, 400 for a bad name.
     */
    synchronized Seat join(final String classCode, final String name, final Catalog catalog)
    {
        if (code == null)
        {
            throw new ClassroomException(403, "no class is open: your instructor opens one with a class code");
        }
        if (!code.equals(classCode == null ? "" : classCode.trim()))
        {
            throw new ClassroomException(403, "wrong class code: ask your instructor for it");
        }
        final String n = name == null ? "" : name.trim();
        if (n.isEmpty() || n.length() > MAX_NAME)
        {
            throw new ClassroomException("field 'name': your name must be 1 to " + MAX_NAME + " characters");
        }
        final String key = n.toLowerCase(Locale.ROOT);
        final Seat had = seats.get(key);
        if (had != null && catalog.participant(had.participant()) != null)
        {
            return had;
        }
        final String role = seats.size() % 2 == 0 ? "BUYER" : "SELLER";
        final Participant p = free(catalog, role);
        if (p == null)
        {
            throw new ClassroomException(409, "every trader of the loaded scenario has a student already");
        }
        final Seat seat = new Seat(n, p.id(), role);
        seats.put(key, seat);
        return seat;
    }

    private Participant free(final Catalog catalog, final String role)
    {
        final List<String> taken = new ArrayList<>();
        seats.values().forEach(s -> taken.add(s.participant()));
        Participant fallback = null;
        for (final Participant p : catalog.participants())
        {
            if (p.role() != ParticipantRole.TRADER || taken.contains(p.id()))
            {
                continue;
            }
            if (HOME_COUNTRY.equals(p.country()) == role.equals("SELLER"))
            {
                return p;
            }
            fallback = fallback == null ? p : fallback;
        }
        return fallback;
    }

    /** The seats in the order of joining. */
    synchronized List<Seat> seats()
    {
        return List.copyOf(seats.values());
    }

    /** "class": {"open", "seats": [{"name", "participant", "role"}]}, seats in the order of joining. */
    synchronized void write(final Json j)
    {
        j.key("class").beginObject().field("open", code != null).key("seats").beginArray();
        for (final Seat s : seats.values())
        {
            j.beginObject().field("name", s.name()).field("participant", s.participant()).field("role", s.role())
                .endObject();
        }
        j.endArray().endObject();
    }
}
