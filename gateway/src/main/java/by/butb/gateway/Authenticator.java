package by.butb.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
import by.butb.engine.model.ParticipantStatus;

/**
 * Decides whether a Logon may open a session: FIX.4.4, TargetCompID = the exchange, no sub or location ids,
 * HeartBtInt(108) of {@value #MIN_HEART_BT_INT} to {@value #MAX_HEART_BT_INT} seconds, Username(553) (when sent) =
 * SenderCompID, Password(554) matching the participant's hash, and then an active participant. The answer to a wrong
 * password, an unknown participant and a participant without a usable hash is the same text after the same work (a
 * PBKDF2 verification against a dummy hash when there is no hash); only after a correct password does the answer say
 * more (suspended, expired). {@link Verdict#reason} is the precise reason for the server's log.
 */
final class Authenticator
{
    /** The one answer to a Logon whose participant and password do not match. */
    static final String WRONG_CREDENTIALS = "unknown participant or wrong password";

    /**
     * HeartBtInt(108) in seconds, inclusive: every session has dead-peer detection (a silent connection is closed
     * after 2.4 intervals), so that a connection lost without a FIN frees its participant's logon within minutes.
     */
    static final int MIN_HEART_BT_INT = 1;
    static final int MAX_HEART_BT_INT = 600;

    private final Catalog catalog;
    private final Credentials credentials;
    private final String exchangeCompId;

    Authenticator(final Catalog catalog, final Credentials credentials, final String exchangeCompId)
    {
        this.catalog = catalog;
        this.credentials = credentials;
        this.exchangeCompId = exchangeCompId;
    }

    /** What a Logon may be, before a password check: outcomes, with the text for the peer and for the log. */
    record Verdict(Outcome outcome, String reply, String reason)
    {
        static final Verdict ACCEPTED = new Verdict(Outcome.ACCEPTED, null, null);

        static Verdict refused(final String text)
        {
            return new Verdict(Outcome.REFUSED, text, text);
        }
    }

    enum Outcome
    {
        ACCEPTED,
        /** Refused for what the Logon says or the participant's standing; no password was found wrong. */
        REFUSED,
        /** Unknown participant or wrong password: counts against the sender (see {@link LogonScheduler}). */
        WRONG_CREDENTIALS
    }

    /** The checks that need no password work: a refusal, or null when the password is to be verified. */
    Verdict precheck(final LogonRequest logon)
    {
        if (logon.duplicated())
        {
            return Verdict.refused("the Logon repeats a header, HeartBtInt(108), Username(553) or Password(554) tag");
        }
        if (!"FIX.4.4".equals(logon.beginString()))
        {
            return Verdict.refused("BeginString " + printable(logon.beginString()) + " is not supported: use FIX.4.4");
        }
        if (!exchangeCompId.equals(logon.targetCompId()))
        {
            return Verdict.refused("TargetCompID must be " + exchangeCompId);
        }
        if (logon.subOrLocationIds())
        {
            return Verdict.refused("SenderSubID, TargetSubID and the location ids are not supported on this exchange");
        }
        final String heartBtIntProblem = heartBtIntProblem(logon.heartBtInt());
        if (heartBtIntProblem != null)
        {
            return Verdict.refused(heartBtIntProblem);
        }
        final String id = logon.senderCompId();
        if (id == null || id.isEmpty())
        {
            return Verdict.refused("Logon lacks required tag 49");
        }
        if (logon.username() != null && !id.equals(logon.username()))
        {
            return Verdict.refused("Username(553) must equal SenderCompID " + printable(id));
        }
        if (logon.password() == null || logon.password().isEmpty())
        {
            return Verdict.refused("Password(554) is required");
        }
        return null;
    }

    /** Verifies the password of a Logon that passed {@link #precheck} (PBKDF2: slow, by design). */
    Verdict verify(final LogonRequest logon)
    {
        final String id = logon.senderCompId();
        final Participant p = catalog.participant(id);
        final String hash = p == null ? "" : credentials.hash(id);
        final char[] password = logon.password().toCharArray();
        if (p == null || !PasswordHasher.isWellFormed(hash))
        {
            PasswordHasher.verify(password, credentials.dummyHash()); // the same work as a real verification
            final String why = p == null ? "unknown participant " + printable(id) :
                hash.isEmpty() ? "participant " + id + " has no gateway password; set one with 'butb passwd'" :
                "participant " + id + " has a malformed password hash; set it again with 'butb passwd'";
            return new Verdict(Outcome.WRONG_CREDENTIALS, WRONG_CREDENTIALS, why);
        }
        if (!PasswordHasher.verify(password, hash))
        {
            return new Verdict(Outcome.WRONG_CREDENTIALS, WRONG_CREDENTIALS, "wrong password for " + id);
        }
        if (p.status() == ParticipantStatus.SUSPENDED)
        {
            return Verdict.refused("participant " + id + " is suspended");
        }
        if (p.status() == ParticipantStatus.EXPIRED)
        {
            return Verdict.refused("the accreditation of participant " + id + " has expired");
        }
        return Verdict.ACCEPTED;
    }

    /**
     * What is wrong with a Logon's HeartBtInt(108) {@code value}: null when it is absent (each FIX engine answers
     * that as for any required field) or a whole number of seconds within {@value #MIN_HEART_BT_INT} to
     * {@value #MAX_HEART_BT_INT}, digits only (leading zeros allowed); anything else, a sign ({@code -0} included,
     * which QuickFIX/J reads as 0; {@code +30}) or a character that is not a digit, gets the same text as a number
     * out of range.
     */
    static String heartBtIntProblem(final String value)
    {
        if (value == null)
        {
            return null;
        }
        final boolean signed = value.startsWith("-");
        final String digits = signed ? value.substring(1) : value;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            return heartBtIntProblem(-1);
        }
        final String significant = digits.replaceFirst("^0+(?=.)", "");
        return heartBtIntProblem(signed ? -1 : significant.length() <= 3 ? Integer.parseInt(significant) :
            Long.MAX_VALUE);
    }

    /** What is wrong with a HeartBtInt(108) of {@code seconds}: null when within the bounds. */
    static String heartBtIntProblem(final long seconds)
    {
        return seconds >= MIN_HEART_BT_INT && seconds <= MAX_HEART_BT_INT ? null :
            "HeartBtInt(108) must be " + MIN_HEART_BT_INT + " to " + MAX_HEART_BT_INT + " seconds";
    }

    /** The participant of an accepted Logon's SenderCompID. */
    Participant participant(final String id)
    {
        return catalog.participant(id);
    }

    /** {@code text} when it is a short printable identifier, else a placeholder (it goes into answers and logs). */
    static String printable(final String text)
    {
        return text != null && FixIds.problem(text) == null ? text : "(not printable or too long)";
    }
}
