package by.butb.engine.journal;

/**
 * A journal document that cannot be decoded: unknown format version, an entry cut short by the end of its
 * document, a varint longer than 10 bytes, or a code outside its enum. The message names the journal, the
 * document and the byte offset. Recovery stops with this error rather than guess at the rest of the journal.
 */
public final class JournalFormatException extends IllegalStateException
{
    public JournalFormatException(final String message)
    {
        super(message);
    }
}
