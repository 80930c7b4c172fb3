package by.butb.engine.journal;

/**
 * Reads varints and codes from one journal document (a byte array and its length), checking that nothing is read
 * past the document's end: a cut-short entry or a malformed value throws {@link JournalFormatException} naming the
 * journal, the document's index and the offset. Reused across documents; allocates only to report an error.
 */
final class EntryReader
{
    /** Error messages start with this, then the document's index. */
    private final String documentLabel;
    private byte[] buffer;
    private int position;
    private int limit;
    private long document;

    /** @param documentLabel what error messages start with, followed by the document's index. */
    EntryReader(final String documentLabel)
    {
        this.documentLabel = documentLabel;
    }

    /** Starts reading {@code length} bytes of {@code buffer}, the document of Chronicle index {@code document}. */
    void start(final byte[] buffer, final int length, final long document)
    {
        this.buffer = buffer;
        this.position = 0;
        this.limit = length;
        this.document = document;
    }

    boolean hasMore()
    {
        return position < limit;
    }

    int position()
    {
        return position;
    }

    int readByte()
    {
        if (position >= limit)
        {
            throw error("entry cut short by the end of the document");
        }
        return buffer[position++] & 0xFF;
    }

    long readUnsigned()
    {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            final int b = readByte();
            value |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw error("varint longer than " + VarInts.MAX_LONG_LENGTH + " bytes");
    }

    long readSigned()
    {
        return VarInts.unzigzag(readUnsigned());
    }

    int readInt()
    {
        final long value = readSigned();
        if (value != (int)value)
        {
            throw error("value " + value + " does not fit an int field");
        }
        return (int)value;
    }

    /** A code in {@code [0, count)}, e.g. an enum's code. */
    int readCode(final int count, final String what)
    {
        final long code = readUnsigned();
        if (code >= count)
        {
            throw error("unknown " + what + " code " + code);
        }
        return (int)code;
    }

    JournalFormatException error(final String problem)
    {
        return new JournalFormatException(documentLabel + document + ", byte " +
            position + " of " + limit + ": " + problem);
    }
}
