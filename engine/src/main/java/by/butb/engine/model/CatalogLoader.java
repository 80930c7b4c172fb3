package by.butb.engine.model;

import by.butb.engine.csv.CsvException;
import by.butb.engine.csv.CsvReader;
import by.butb.engine.csv.CsvRow;

import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the instrument catalog and the participants file (formats in docs/formats.md). Every problem is a
 * {@link CsvException} naming file, line and field; nothing is half-loaded. Columns other than those read here
 * (such as the gateway's {@code password_hash}) are allowed and ignored.
 */
public final class CatalogLoader
{
    public static final List<String> INSTRUMENT_COLUMNS = List.of("symbol", "name", "section", "unit", "currency",
        "price_scale", "quantity_scale", "price_step", "lot_size", "reference_price", "band_pct");
    public static final List<String> PARTICIPANT_COLUMNS = List.of("id", "name", "country", "resident", "role",
        "clients", "sections", "status", "deposit", "currency");

    /** Optional participants column: each section's share of the deposit ({@link DepositShares}). */
    public static final String DEPOSIT_SHARES = "deposit_shares";

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9_.-]{0,31}");
    private static final Pattern PARTICIPANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private CatalogLoader()
    {
    }

    public static Catalog load(final Path instruments, final Path participants)
    {
        final List<CsvRow> instrumentRows = CsvReader.readAll(instruments, INSTRUMENT_COLUMNS);
        final List<CsvRow> participantRows = CsvReader.readAll(participants, PARTICIPANT_COLUMNS);
        return build(instruments.toString(), instrumentRows, participants.toString(), participantRows);
    }

    public static Catalog load(final String instrumentsName, final Reader instruments, final String participantsName,
        final Reader participants)
    {
        final List<CsvRow> instrumentRows = new ArrayList<>();
        CsvReader.read(instrumentsName, instruments, INSTRUMENT_COLUMNS, instrumentRows::add);
        final List<CsvRow> participantRows = new ArrayList<>();
        CsvReader.read(participantsName, participants, PARTICIPANT_COLUMNS, participantRows::add);
        return build(instrumentsName, instrumentRows, participantsName, participantRows);
    }

    /** Convenience for tests and examples: both files as text. */
    public static Catalog fromText(final String instrumentsCsv, final String participantsCsv)
    {
        return load("instruments.csv", new StringReader(instrumentsCsv), "participants.csv",
            new StringReader(participantsCsv));
    }

    private static Catalog build(final String instrumentsName, final List<CsvRow> instrumentRows,
        final String participantsName, final List<CsvRow> participantRows)
    {
        if (instrumentRows.isEmpty())
        {
            throw new CsvException(instrumentsName, 0, null, "defines no instrument");
        }
        final Map<String, Integer> sections = new LinkedHashMap<>();
        final List<Instrument> instruments = new ArrayList<>();
        final Map<String, Integer> symbols = new HashMap<>();
        for (final CsvRow row : instrumentRows)
        {
            final Instrument instrument = instrument(row, instruments.size(), sections);
            if (symbols.putIfAbsent(instrument.symbol(), row.line()) != null)
            {
                throw row.error("symbol", "'" + instrument.symbol() + "' is already defined on line " +
                    symbols.get(instrument.symbol()));
            }
            instruments.add(instrument);
        }

        final Map<String, Integer> ids = new HashMap<>();
        for (final CsvRow row : participantRows)
        {
            final String id = row.required("id");
            if (!PARTICIPANT_ID.matcher(id).matches())
            {
                throw row.error("id", "'" + id + "' must be 1 to 32 letters, digits, '_', '.' or '-'");
            }
            if (ids.putIfAbsent(id, ids.size()) != null)
            {
                throw row.error("id", "'" + id + "' appears twice");
            }
        }
        final List<Participant> participants = new ArrayList<>();
        for (final CsvRow row : participantRows)
        {
            participants.add(participant(row, participants.size(), ids, sections));
        }
        if (sections.size() > 64)
        {
            throw new CsvException(instrumentsName, 0, "section", "at most 64 sections are supported");
        }
        return new Catalog(new ArrayList<>(sections.keySet()), instruments, participants);
    }

    private static Instrument instrument(final CsvRow row, final int index, final Map<String, Integer> sections)
    {
        final String symbol = row.required("symbol");
        if (!SYMBOL.matcher(symbol).matches())
        {
            throw row.error("symbol", "'" + symbol + "' must be 1 to 32 upper-case letters, digits, '_', '.' or '-'");
        }
        final String section = row.required("section").toUpperCase(Locale.ROOT);
        final int sectionIndex = sections.computeIfAbsent(section, s -> sections.size());
        final String currency = row.required("currency");
        if (!CURRENCY.matcher(currency).matches())
        {
            throw row.error("currency", "'" + currency + "' is not an ISO 4217 code such as USD");
        }
        final int priceScale = intIn(row, "price_scale", 0, 8);
        final int quantityScale = intIn(row, "quantity_scale", 0, 8);
        if (priceScale + quantityScale < Instrument.MONEY_SCALE)
        {
            throw row.error("quantity_scale",
                "price_scale + quantity_scale must be at least " + Instrument.MONEY_SCALE);
        }
        final long priceStep = positive(row, "price_step", priceScale);
        final long lotSize = positive(row, "lot_size", quantityScale);
        final long reference = positive(row, "reference_price", priceScale);
        if (reference % priceStep != 0)
        {
            throw row.error("reference_price", "is not a multiple of the price step");
        }
        final long bandBasisPoints = decimal(row, "band_pct", 2);
        if (bandBasisPoints <= 0 || bandBasisPoints > 100_00)
        {
            throw row.error("band_pct", "must be above 0 and at most 100");
        }
        final long bandWidth = Math.multiplyExact(reference, bandBasisPoints) / 100_00;
        long low = ceilToStep(Math.max(priceStep, reference - bandWidth), priceStep);
        long high = floorToStep(reference + bandWidth, priceStep);
        final String floor = row.get("floor_price");
        if (!floor.isEmpty())
        {
            low = Math.max(low, ceilToStep(positive(row, "floor_price", priceScale), priceStep));
        }
        final String cap = row.get("cap_price");
        if (!cap.isEmpty())
        {
            high = Math.min(high, floorToStep(positive(row, "cap_price", priceScale), priceStep));
        }
        if (low > high)
        {
            throw row.error(cap.isEmpty() ? "floor_price" : "cap_price", "leaves no price inside the band");
        }
        return new Instrument(index, symbol, orDefault(row.get("name"), symbol), section, sectionIndex,
            row.required("unit"), currency, priceScale, quantityScale, priceStep, lotSize, reference, low, high);
    }

    private static Participant participant(final CsvRow row, final int index, final Map<String, Integer> ids,
        final Map<String, Integer> sections)
    {
        final String id = row.required("id");
        final String country = row.required("country").toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(country).matches())
        {
            throw row.error("country", "'" + country + "' is not an ISO 3166 alpha-2 code such as BY");
        }
        final boolean resident = bool(row, "resident");
        final ParticipantRole role = enumValue(row, "role", ParticipantRole.class);
        final List<Integer> clients = new ArrayList<>();
        for (final String client : list(row.get("clients")))
        {
            final Integer clientIndex = ids.get(client);
            if (clientIndex == null)
            {
                throw row.error("clients", "'" + client + "' is not a participant of this file");
            }
            if (clientIndex == index)
            {
                throw row.error("clients", "a broker cannot be its own client");
            }
            clients.add(clientIndex);
        }
        if (!clients.isEmpty() && role != ParticipantRole.BROKER)
        {
            throw row.error("clients", "only a BROKER has clients");
        }
        long sectionMask = 0;
        for (final String section : list(row.get("sections")))
        {
            final Integer sectionIndex = sections.get(section.toUpperCase(Locale.ROOT));
            if (sectionIndex == null)
            {
                throw row.error("sections", "'" + section + "' is not a section of the instrument catalog " +
                    sections.keySet());
            }
            sectionMask |= 1L << sectionIndex;
        }
        final ParticipantStatus status = enumValue(row, "status", ParticipantStatus.class);
        final long deposit = decimal(row, "deposit", Instrument.MONEY_SCALE);
        if (deposit < 0)
        {
            throw row.error("deposit", "must not be negative");
        }
        final String currency = row.required("currency");
        if (!CURRENCY.matcher(currency).matches())
        {
            throw row.error("currency", "'" + currency + "' is not an ISO 4217 code such as USD");
        }
        final long[] given = depositShares(row, sections, sectionMask, deposit);
        boolean sharesGiven = false;
        for (final long share : given)
        {
            sharesGiven |= share != DepositShares.NOT_GIVEN;
        }
        return new Participant(index, id, orDefault(row.get("name"), id), country, resident, role,
            clients.stream().mapToInt(Integer::intValue).toArray(), sectionMask, status, deposit,
            DepositShares.split(deposit, sectionMask, given), sharesGiven, currency);
    }

    /**
     * The optional {@code deposit_shares} column: {@code SECTION=AMOUNT} items separated by {@code ;}, each a section
     * the participant is admitted to, once, adding up to at most the deposit.
     *
     * @return per section index, the share given or {@link DepositShares#NOT_GIVEN}.
     */
    private static long[] depositShares(final CsvRow row, final Map<String, Integer> sections, final long sectionMask,
        final long deposit)
    {
        final long[] given = new long[sections.size()];
        Arrays.fill(given, DepositShares.NOT_GIVEN);
        long total = 0;
        for (final String item : list(row.get(DEPOSIT_SHARES)))
        {
            final int equals = item.indexOf('=');
            if (equals <= 0)
            {
                throw row.error(DEPOSIT_SHARES, "'" + item + "' is not SECTION=AMOUNT");
            }
            final String section = item.substring(0, equals).trim().toUpperCase(Locale.ROOT);
            final Integer sectionIndex = sections.get(section);
            if (sectionIndex == null)
            {
                throw row.error(DEPOSIT_SHARES, "'" + section + "' is not a section of the instrument catalog " +
                    sections.keySet());
            }
            if ((sectionMask & (1L << sectionIndex)) == 0)
            {
                throw row.error(DEPOSIT_SHARES, "the participant is not admitted to section " + section +
                    " (column sections)");
            }
            if (given[sectionIndex] != DepositShares.NOT_GIVEN)
            {
                throw row.error(DEPOSIT_SHARES, "section " + section + " appears twice");
            }
            final long share;
            try
            {
                share = FixedPoint.parse(item.substring(equals + 1).trim(), Instrument.MONEY_SCALE);
            }
            catch (final NumberFormatException ex)
            {
                throw row.error(DEPOSIT_SHARES, "section " + section + ": " + ex.getMessage());
            }
            if (share < 0)
            {
                throw row.error(DEPOSIT_SHARES, "section " + section + ": the share must not be negative");
            }
            given[sectionIndex] = share;
            total += share;
            if (total > deposit || total < 0)
            {
                throw row.error(DEPOSIT_SHARES, "the shares add up to more than the deposit " +
                    FixedPoint.format(deposit, Instrument.MONEY_SCALE));
            }
        }
        return given;
    }

    private static List<String> list(final String text)
    {
        final List<String> items = new ArrayList<>();
        for (final String part : text.split(";"))
        {
            if (!part.isBlank())
            {
                items.add(part.trim());
            }
        }
        return items;
    }

    private static String orDefault(final String value, final String fallback)
    {
        return value.isEmpty() ? fallback : value;
    }

    private static int intIn(final CsvRow row, final String column, final int min, final int max)
    {
        final String text = row.required(column);
        try
        {
            final int value = Integer.parseInt(text);
            if (value < min || value > max)
            {
                throw row.error(column, "must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw row.error(column, "'" + text + "' is not a whole number");
        }
    }

    private static long decimal(final CsvRow row, final String column, final int scale)
    {
        try
        {
            return FixedPoint.parse(row.required(column), scale);
        }
        catch (final NumberFormatException ex)
        {
            throw row.error(column, ex.getMessage());
        }
    }

    private static long positive(final CsvRow row, final String column, final int scale)
    {
        final long value = decimal(row, column, scale);
        if (value <= 0)
        {
            throw row.error(column, "must be positive");
        }
        return value;
    }

    private static boolean bool(final CsvRow row, final String column)
    {
        final String text = row.required(column).toLowerCase(Locale.ROOT);
        return switch (text)
        {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw row.error(column, "'" + text + "' is not true or false");
        };
    }

    private static <E extends Enum<E>> E enumValue(final CsvRow row, final String column, final Class<E> type)
    {
        final String text = row.required(column);
        try
        {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw row.error(column,
                "'" + text + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static long ceilToStep(final long price, final long step)
    {
        return Math.floorDiv(price + step - 1, step) * step;
    }

    private static long floorToStep(final long price, final long step)
    {
        return Math.floorDiv(price, step) * step;
    }
}
