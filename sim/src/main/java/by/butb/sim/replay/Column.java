package by.butb.sim.replay;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;

import java.util.List;

/**
 * A column of an output table: its name (the CSV header), the type of its values and whether every row has one.
 *
 * @param scale decimal places of a {@link Type#DECIMAL} column (0 otherwise).
 */
public record Column(String name, Type type, int scale, boolean required)
{
    /** What a column holds; Parquet stores each in its own type (docs/formats.md#parquet-files). */
    public enum Type
    {
        /** A whole number (64 bits). */
        INTEGER,
        /** A decimal of {@link Column#scale} places, at most 18 digits. */
        DECIMAL,
        /** An instant, nanoseconds since the epoch, UTC. */
        TIME,
        /** UTF-8 text. */
        TEXT
    }

    public static Column integer(final String name)
    {
        return new Column(name, Type.INTEGER, 0, true);
    }

    public static Column optionalInteger(final String name)
    {
        return new Column(name, Type.INTEGER, 0, false);
    }

    public static Column decimal(final String name, final int scale)
    {
        return new Column(name, Type.DECIMAL, scale, true);
    }

    public static Column optionalDecimal(final String name, final int scale)
    {
        return new Column(name, Type.DECIMAL, scale, false);
    }

    public static Column time(final String name)
    {
        return new Column(name, Type.TIME, 0, true);
    }

    public static Column text(final String name)
    {
        return new Column(name, Type.TEXT, 0, true);
    }

    public static Column optionalText(final String name)
    {
        return new Column(name, Type.TEXT, 0, false);
    }

    /** The largest price scale of the catalog's instruments: a price column holds every instrument's prices. */
    public static int priceScale(final Catalog catalog)
    {
        int scale = 0;
        for (final Instrument instrument : catalog.instruments())
        {
            scale = Math.max(scale, instrument.priceScale());
        }
        return scale;
    }

    /** The largest quantity scale of the catalog's instruments. */
    public static int quantityScale(final Catalog catalog)
    {
        int scale = 0;
        for (final Instrument instrument : catalog.instruments())
        {
            scale = Math.max(scale, instrument.quantityScale());
        }
        return scale;
    }

    /** The columns' names, in order: the CSV header. */
    public static String[] names(final List<Column> columns)
    {
        return columns.stream().map(Column::name).toArray(String[]::new);
    }
}
