package by.butb.sim.classroom;

import by.butb.engine.model.Catalog;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the classroom: the classroom and instructor PINs, the students' tokens (each names a participant of
 * the loaded catalog) and the open class's roster.
 *
 * <p>Threading: any thread. The PINs are final, the tokens a concurrent map, the roster synchronized.
 */
final class Logins
{
    private final String pin;
    private final String instructorPin;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ClassRoster roster = new ClassRoster();

    /**
     * @param pin           the classroom PIN students give with their participant id, or null (or blank) for none.
     * @param instructorPin the PIN the instructor's controls need, or null (or blank) when anyone may use them.
     */
    Logins(final String pin, final String instructorPin)
    {
        this.pin = blankToNull(pin);
        this.instructorPin = blankToNull(instructorPin);
    }

    boolean pinRequired()
    {
        return pin != null;
    }

    boolean instructorPinRequired()
    {
        return instructorPin != null;
    }

    /** Throws when an instructor PIN is set and {@code given} is not it. */
    void checkInstructor(final String given)
    {
        if (instructorPin != null && !instructorPin.equals(given))
        {
            throw new ClassroomException(403,
                "the instructor PIN is wrong (the classroom was started with --instructor-pin)");
        }
    }

    /** Throws when a classroom PIN is set and {@code givenPin} (trimmed) is not it. */
    void checkPin(final String givenPin)
    {
        if (pin != null && !pin.equals(givenPin == null ? "" : givenPin.trim()))
        {
            throw new ClassroomException(403, "wrong classroom PIN: ask your instructor for it");
        }
    }

    /** Throws unless a student may log in by choosing a participant: the PIN is right and no class is open. */
    void checkLogin(final String givenPin)
    {
        checkPin(givenPin);
        if (roster.isOpen())
        {
            throw new ClassroomException(403, "a class is open: join it with the class code and your name");
        }
    }

    /** The seat of {@code name} in the open class (see {@link ClassRoster#join}). */
    ClassRoster.Seat join(final String classCode, final String name, final Catalog catalog)
    {
        return roster.join(classCode, name, catalog);
    }

    /** Opens a class with a code (see {@link ClassRoster#open}). */
    void openClass(final String classCode)
    {
        roster.open(classCode);
    }

    /** Closes the class; tokens already given stay valid. */
    void closeClass()
    {
        roster.close();
    }

    /** A new token for {@code participantId}. */
    String issue(final String participantId)
    {
        final byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        final String token = HexFormat.of().formatHex(bytes);
        tokens.put(token, participantId);
        return token;
    }

    /** Ends {@code token}; false when it was null or unknown. */
    boolean end(final String token)
    {
        return token != null && tokens.remove(token) != null;
    }

    /** The participant id a token was given to, or a 401 refusal. */
    String participantOf(final String token)
    {
        final String id = token == null ? null : tokens.get(token);
        if (id == null)
        {
            throw new ClassroomException(401, "not logged in: choose your participant and log in");
        }
        return id;
    }

    /** The participant of each token (a live view: one entry per token, so a participant may repeat). */
    Collection<String> participants()
    {
        return tokens.values();
    }

    /**
     * The students of a round: the open class's seats; without any, every logged-in participant (in id order),
     * BUYER and SELLER alternately.
     */
    List<ClassRoster.Seat> students()
    {
        final List<ClassRoster.Seat> seats = roster.seats();
        if (!seats.isEmpty())
        {
            return seats;
        }
        final List<ClassRoster.Seat> loggedIn = new ArrayList<>();
        for (final String id : new TreeSet<>(tokens.values()))
        {
            loggedIn.add(new ClassRoster.Seat(id, id, loggedIn.size() % 2 == 0 ? "BUYER" : "SELLER"));
        }
        return loggedIn;
    }

    /**
     * "logins": {participant: how many tokens it holds} (the page warns when a participant is logged in in more than
     * one browser), then the roster's "class" (see {@link ClassRoster#write}).
     */
    void write(final Json j)
    {
        final Map<String, Integer> logins = new TreeMap<>();
        tokens.values().forEach(id -> logins.merge(id, 1, Integer::sum));
        j.key("logins").beginObject();
        logins.forEach((id, n) -> j.field(id, n));
        j.endObject();
        roster.write(j);
    }

    private static String blankToNull(final String s)
    {
        return s == null || s.isBlank() ? null : s;
    }
}
