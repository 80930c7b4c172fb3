package by.butb.gateway;

import by.butb.engine.csv.CsvException;
import by.butb.engine.csv.CsvReader;
import by.butb.engine.csv.CsvRow;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's side of the participants CSV file: reads the {@code password_hash} column into {@link Credentials}
 * (the engine's catalog loader ignores that column), and rewrites the {@code password_hash} field of one
 * participant's row leaving every other byte of the file as it was (comments, quoting, line endings, other rows).
 * When the header has no {@code password_hash} column, it is appended to the header row and the field to that one
 * row only (the CSV reader treats the missing trailing fields of the other rows as empty).
 */
public final class ParticipantsFile
{
    public static final String PASSWORD_COLUMN = "password_hash";
    private static final List<String> REQUIRED_COLUMNS = List.of("id");

    private ParticipantsFile()
    {
    }

    /** The password hashes of a participants file; a file without the column gives {@link Credentials#NONE}. */
    public static Credentials readCredentials(final Path file)
    {
        final Map<String, String> hashes = new HashMap<>();
        CsvReader.read(file, REQUIRED_COLUMNS, row -> add(row, hashes));
        return new Credentials(hashes);
    }

    /** As {@link #readCredentials(Path)}, from a reader; {@code name} names the file in errors. */
    public static Credentials readCredentials(final String name, final Reader reader)
    {
        final Map<String, String> hashes = new HashMap<>();
        CsvReader.read(name, reader, REQUIRED_COLUMNS, row -> add(row, hashes));
        return new Credentials(hashes);
    }

    /** As {@link #readCredentials(Path)}, from the file's text (tests and examples). */
    public static Credentials credentialsFromText(final String participantsCsv)
    {
        return readCredentials("participants.csv", new StringReader(participantsCsv));
    }

    private static void add(final CsvRow row, final Map<String, String> hashes)
    {
        final String hash = row.get(PASSWORD_COLUMN).trim();
        if (!hash.isEmpty() && hashes.putIfAbsent(row.get("id").trim(), hash) != null)
        {
            throw new CsvException(row.file(), row.line(), "id", "'" + row.get("id") + "' appears twice");
        }
    }

    /** Sets the hash in place (written to a temporary file, then moved over the original). */
    public static void setPasswordHash(final Path file, final String participantId, final String hash)
        throws IOException
    {
        final String text = Files.readString(file, StandardCharsets.UTF_8);
        final String updated = withPasswordHash(text, file.toString(), participantId, hash);
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, updated, StandardCharsets.UTF_8);
        try
        {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The file text with the participant's password hash set; throws IllegalArgumentException naming the problem. */
    public static String withPasswordHash(final String text, final String name, final String participantId,
        final String hash)
    {
        if (hash.indexOf(',') >= 0 || hash.indexOf('"') >= 0 || hash.indexOf('\n') >= 0 || hash.indexOf('\r') >= 0)
        {
            throw new IllegalArgumentException("a password hash cannot contain commas, quotes or line breaks");
        }
        final List<Record> records = parse(text, name);
        Record header = null;
        int idColumn = -1;
        int passwordColumn = -1;
        for (final Record record : records)
        {
            if (record.skippable(text))
            {
                continue;
            }
            if (header == null)
            {
                header = record;
                for (int i = 0; i < record.fields.size(); i++)
                {
                    final String column = record.value(text, i).trim().replace("\uFEFF", "");
                    if (column.equals("id"))
                    {
                        idColumn = i;
                    }
                    else if (column.equals(PASSWORD_COLUMN))
                    {
                        passwordColumn = i;
                    }
                }
                if (idColumn < 0)
                {
                    throw new IllegalArgumentException(name + ": the header has no 'id' column");
                }
                continue;
            }
            if (record.fields.size() <= idColumn || !record.value(text, idColumn).trim().equals(participantId))
            {
                continue;
            }
            final Record twice = sameId(records, record, text, idColumn, participantId);
            if (twice != null)
            {
                throw new IllegalArgumentException(name + ": line " + twice.line + ": '" + participantId +
                    "' is used twice (also on line " + record.line + "); the participants file is refused as it is");
            }
            final StringBuilder out = new StringBuilder(text.length() + hash.length() + 16);
            if (passwordColumn >= 0)
            {
                if (passwordColumn < record.fields.size())
                {
                    final int[] span = record.fields.get(passwordColumn);
                    out.append(text, 0, span[0]).append(hash).append(text, span[1], text.length());
                }
                else
                {
                    out.append(text, 0, record.end)
                        .append(",".repeat(passwordColumn - record.fields.size() + 1)).append(hash)
                        .append(text, record.end, text.length());
                }
                return out.toString();
            }
            final int headerColumns = header.fields.size();
            if (record.fields.size() > headerColumns)
            {
                throw new IllegalArgumentException(name + ": line " + record.line + " has more fields than the header");
            }
            out.append(text, 0, header.end).append(',').append(PASSWORD_COLUMN)
                .append(text, header.end, record.end)
                .append(",".repeat(headerColumns - record.fields.size() + 1)).append(hash)
                .append(text, record.end, text.length());
            return out.toString();
        }
        if (header == null)
        {
            throw new IllegalArgumentException(name + ": is empty: a header row is expected");
        }
        throw new IllegalArgumentException(name + ": no participant with id '" + participantId + "'");
    }

    /** One CSV record: field spans (raw, including quotes) and the end of its content before the line break. */
    private static final class Record
    {
        final int line;
        final List<int[]> fields = new ArrayList<>();
        int end;

        Record(final int line)
        {
            this.line = line;
        }

        String value(final String text, final int i)
        {
            final int[] span = fields.get(i);
            String raw = text.substring(span[0], span[1]);
            final String trimmed = raw.trim();
            if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\""))
            {
                raw = trimmed.substring(1, trimmed.length() - 1).replace("\"\"", "\"");
            }
            return raw;
        }

        boolean skippable(final String text)
        {
            if (fields.size() == 1 && value(text, 0).isBlank())
            {
                return true;
            }
            return !fields.isEmpty() && value(text, 0).replace("\uFEFF", "").startsWith("#"); // a BOM first
        }
    }

    /** A record after {@code first} whose id is {@code participantId} too, or null. */
    private static Record sameId(final List<Record> records, final Record first, final String text,
        final int idColumn, final String participantId)
    {
        for (int i = records.indexOf(first) + 1; i < records.size(); i++)
        {
            final Record r = records.get(i);
            if (!r.skippable(text) && r.fields.size() > idColumn && r.value(text, idColumn).trim()
                .equals(participantId))
            {
                return r;
            }
        }
        return null;
    }

    private static List<Record> parse(final String text, final String name)
    {
        final List<Record> records = new ArrayList<>();
        int pos = 0;
        int line = 1;
        final int n = text.length();
        while (pos < n)
        {
            final Record record = new Record(line);
            int fieldStart = pos;
            boolean quoted = false;
            boolean fieldHasContent = false;
            while (true)
            {
                if (pos >= n)
                {
                    if (quoted)
                    {
                        throw new IllegalArgumentException(
                            name + ": line " + record.line + ": a quoted field is not closed");
                    }
                    record.fields.add(new int[] {fieldStart, pos});
                    record.end = pos;
                    break;
                }
                final char c = text.charAt(pos);
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (pos + 1 < n && text.charAt(pos + 1) == '"')
                        {
                            pos += 2;
                            continue;
                        }
                        quoted = false;
                    }
                    else if (c == '\n')
                    {
                        line++;
                    }
                    pos++;
                    continue;
                }
                if (c == '"' && !fieldHasContent)
                {
                    quoted = true;
                    fieldHasContent = true;
                    pos++;
                }
                else if (c == ',')
                {
                    record.fields.add(new int[] {fieldStart, pos});
                    pos++;
                    fieldStart = pos;
                    fieldHasContent = false;
                }
                else if (c == '\n' || c == '\r')
                {
                    record.fields.add(new int[] {fieldStart, pos});
                    record.end = pos;
                    pos += c == '\r' && pos + 1 < n && text.charAt(pos + 1) == '\n' ? 2 : 1;
                    line++;
                    break;
                }
                else
                {
                    if (!Character.isWhitespace(c))
                    {
                        fieldHasContent = true;
                    }
                    pos++;
                }
            }
            records.add(record);
        }
        return records;
    }
}
