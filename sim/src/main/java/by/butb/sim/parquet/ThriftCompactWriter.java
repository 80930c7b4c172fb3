package by.butb.sim.parquet;

import java.nio.charset.StandardCharsets;

/**
 * Writes Thrift structs in the compact protocol, as Parquet's page headers and file metadata are encoded: a field
 * header is the delta from the previous field id with the type in one byte (or the type, then the id as a zigzag
 * varint), integers are zigzag varints, strings a varint length and UTF-8, a struct ends with a stop byte.
 *
 * <p>Fields of a struct must be written in increasing id order. One thread.
 */
final class ThriftCompactWriter
{
    static final int BOOLEAN_TRUE = 1;
    static final int BOOLEAN_FALSE = 2;
    static final int I32 = 5;
    static final int I64 = 6;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int STRUCT = 12;
    private static final int MAX_DEPTH = 16;

    private final ByteSink out;
    /** The last field id of each open struct; {@code depth} is the innermost. */
    private final int[] lastFieldIds = new int[MAX_DEPTH];
    private int depth;

    ThriftCompactWriter(final ByteSink out)
    {
        this.out = out;
    }

    /** Starts a struct that is not a field: the top-level one, or an element of a list. */
    ThriftCompactWriter beginStruct()
    {
        lastFieldIds[++depth] = 0;
        return this;
    }

    ThriftCompactWriter endStruct()
    {
        out.writeByte(0);
        depth--;
        return this;
    }

    ThriftCompactWriter structField(final int id)
    {
        fieldHeader(id, STRUCT);
        return beginStruct();
    }

    ThriftCompactWriter i32Field(final int id, final int value)
    {
        fieldHeader(id, I32);
        return i32(value);
    }

    ThriftCompactWriter i64Field(final int id, final long value)
    {
        fieldHeader(id, I64);
        out.writeVarint(zigzag(value));
        return this;
    }

    ThriftCompactWriter boolField(final int id, final boolean value)
    {
        fieldHeader(id, value ? BOOLEAN_TRUE : BOOLEAN_FALSE);
        return this;
    }

    ThriftCompactWriter stringField(final int id, final String value)
    {
        fieldHeader(id, BINARY);
        return string(value);
    }

    /** A list field's header; then write its {@code size} elements ({@link #i32}, {@link #string}, structs). */
    ThriftCompactWriter listField(final int id, final int elementType, final int size)
    {
        fieldHeader(id, LIST);
        if (size < 15)
        {
            out.writeByte(size << 4 | elementType);
        }
        else
        {
            out.writeByte(0xF0 | elementType);
            out.writeVarint(size);
        }
        return this;
    }

    ThriftCompactWriter i32(final int value)
    {
        out.writeVarint(zigzag(value) & 0xFFFF_FFFFL);
        return this;
    }

    ThriftCompactWriter string(final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeVarint(bytes.length);
        out.write(bytes, 0, bytes.length);
        return this;
    }

    private void fieldHeader(final int id, final int type)
    {
        final int delta = id - lastFieldIds[depth];
        if (delta > 0 && delta <= 15)
        {
            out.writeByte(delta << 4 | type);
        }
        else
        {
            out.writeByte(type);
            out.writeVarint(zigzag((short)id) & 0xFFFF_FFFFL);
        }
        lastFieldIds[depth] = id;
    }

    private static long zigzag(final long value)
    {
        return value << 1 ^ value >> 63;
    }

    private static int zigzag(final int value)
    {
        return value << 1 ^ value >> 31;
    }
}
