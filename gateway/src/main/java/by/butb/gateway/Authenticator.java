package by.butb.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
import by.butb.engine.model.ParticipantStatus;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.BeginString;
import quickfix.field.Password;
import quickfix.field.SenderCompID;
import quickfix.field.TargetCompID;
import quickfix.field.Username;

/**
 * Decides whether a Logon may open a session: FIX.4.4, TargetCompID = the exchange, SenderCompID = an active
 * participant with a password hash, Username(553) (when sent) = SenderCompID, and Password(554) matching the hash.
 * Returns the refusal text, or null.
 */
final class Authenticator
{
    private final Catalog catalog;
    private final Credentials credentials;
    private final String exchangeCompId;

    Authenticator(final Catalog catalog, final Credentials credentials, final String exchangeCompId)
    {
        this.catalog = catalog;
        this.credentials = credentials;
        this.exchangeCompId = exchangeCompId;
    }

    String refusal(final Message logon)
    {
        try
        {
            final String begin = logon.getHeader().getString(BeginString.FIELD);
            if (!"FIX.4.4".equals(begin))
            {
                return "BeginString " + begin + " is not supported: use FIX.4.4";
            }
            final String target = logon.getHeader().getString(TargetCompID.FIELD);
            if (!exchangeCompId.equals(target))
            {
                return "TargetCompID must be " + exchangeCompId;
            }
            final String id = logon.getHeader().getString(SenderCompID.FIELD);
            final Participant p = catalog.participant(id);
            if (p == null)
            {
                return "unknown participant " + id;
            }
            if (p.status() == ParticipantStatus.SUSPENDED)
            {
                return "participant " + id + " is suspended";
            }
            if (p.status() == ParticipantStatus.EXPIRED)
            {
                return "the accreditation of participant " + id + " has expired";
            }
            if (credentials.hash(id).isEmpty())
            {
                return "participant " + id + " has no gateway password; set one with 'butb passwd'";
            }
            if (logon.isSetField(Username.FIELD) && !id.equals(logon.getString(Username.FIELD)))
            {
                return "Username(553) must equal SenderCompID " + id;
            }
            if (!logon.isSetField(Password.FIELD))
            {
                return "Password(554) is required";
            }
            if (!PasswordHasher.isWellFormed(credentials.hash(id)))
            {
                return "participant " + id + " has a malformed password hash; set it again with 'butb passwd'";
            }
            if (!PasswordHasher.verify(logon.getString(Password.FIELD).toCharArray(), credentials.hash(id)))
            {
                return "wrong password";
            }
            return null;
        }
        catch (final FieldNotFound ex)
        {
            return "Logon lacks required tag " + ex.field;
        }
    }
}
