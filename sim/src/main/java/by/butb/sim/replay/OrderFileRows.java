package by.butb.sim.replay;

import by.butb.engine.core.Command;
import by.butb.engine.csv.CsvException;
import by.butb.engine.csv.CsvRow;
import by.butb.engine.model.Catalog;

import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An order file read row by row into commands, from its UTF-8 bytes: the header and the records as
 * {@link by.butb.engine.csv.CsvReader#readAllowingExtraValues} reads them (the same rows, lines and errors), each
 * row as {@link OrderFileReader#read} reads it. Plain rows ({@link PlainOrderRows}) are read from their bytes; any
 * other goes to the {@link OrderFileReader} as a {@link CsvRow}. Not thread-safe: one reading thread.
 */
public final class OrderFileRows
{
    private final String name;
    private final CsvRecordBytes records;
    private final OrderFileReader reader;
    private final Map<String, Integer> columns;
    private final PlainOrderRows plain;
    private final PendingOrderIds pendingIds;
    /** Whether the row last read was read from its bytes ({@link PlainOrderRows}). */
    private boolean lastPlain;

    /**
     * Reads the header.
     *
     * @param reader     reads the rows that are not plain, with the same catalog and ids.
     * @param pendingIds where the order ids of plain rows wait to be numbered: {@link PendingOrderIds#number} them
     *                   before the commands {@link #read} gave are used.
     * @throws CsvException when the file has no header or the header lacks a required column or repeats one.
     */
    OrderFileRows(final String name, final InputStream in, final Catalog catalog, final OrderIds ids,
        final OrderFileReader reader, final PendingOrderIds pendingIds)
    {
        this.name = name;
        this.records = new CsvRecordBytes(name, in);
        this.reader = reader;
        this.pendingIds = pendingIds;
        this.columns = header();
        this.plain = new PlainOrderRows(catalog, ids, reader, pendingIds, columns);
    }

    /** Whether the header has this column. */
    public boolean hasColumn(final String column)
    {
        return columns.containsKey(column);
    }

    /** Moves to the next row; false at the end of the file. */
    public boolean next()
    {
        while (records.next())
        {
            if (!records.skippable())
            {
                return true;
            }
        }
        return false;
    }

    /** The line the current row starts on. */
    public int line()
    {
        return records.line();
    }

    /**
     * Fills {@code cmd} from the current row and returns the row's text and reason, as {@link OrderFileReader}; the
     * client order id of a plain row once the pending ids are numbered.
     */
    public RowInfo read(final Command cmd)
    {
        final RowInfo info = plain.read(records, columns.size(), cmd);
        lastPlain = info != null;
        if (lastPlain)
        {
            return info;
        }
        pendingIds.number();
        return reader.read(CsvRow.of(name, records.line(), columns, records.texts()), cmd);
    }

    /**
     * Adds the row just {@link #read}, whose command has the line {@code line}, to {@code rows}: with the bytes of its
     * order id when it was read from its bytes, so that its events name the order without looking it up.
     */
    public void pend(final PendingRows rows, final long line, final RowInfo info)
    {
        if (lastPlain)
        {
            rows.add(line, info, records.bytes(), plain.orderIdFrom(), plain.orderIdLength());
        }
        else
        {
            rows.add(line, info);
        }
    }

    private Map<String, Integer> header()
    {
        if (!next())
        {
            throw new CsvException(name, 0, null, "is empty: a header row is expected");
        }
        final List<String> header = records.texts();
        final Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++)
        {
            // Interned as CsvReader does: lookups by literal column names then match by identity.
            final String column = header.get(i).trim().intern();
            if (map.putIfAbsent(column, i) != null)
            {
                throw new CsvException(name, records.line(), column, "column appears twice in the header");
            }
        }
        for (final String required : OrderFileReader.REQUIRED_COLUMNS)
        {
            if (!map.containsKey(required))
            {
                throw new CsvException(name, records.line(), required, "required column is missing from the header");
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
