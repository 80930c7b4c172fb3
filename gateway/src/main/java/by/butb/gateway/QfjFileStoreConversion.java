package by.butb.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
import org.quickfixj.CharsetSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.FileStore;
import quickfix.FileStoreFactory;
import quickfix.FileUtil;
import quickfix.SessionID;
import quickfix.SessionSettings;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Converts the QuickFIX/J file stores ({@code *.senderseqnums}, {@code *.body}, ...) that an earlier version of the
 * gateway left in a {@code --fix-store} directory into {@link QfjSessionStore}s, once, at the start of a gateway on
 * QuickFIX/J: the sequence numbers and the latest {@value NativeSessionStore#MAX_INDEXED} messages of each
 * participant's session move over (older ones could be resent only as gap fills anyway), then the old files are
 * deleted. The new store is written to {@code <store>.converting}, forced to the disk and renamed over the store's
 * name before the old files go, the sender's numbers (whose presence starts a conversion) last: a kill -9 at any point
 * leaves the old files whole (converted again at the next start) or the new store whole (the old files then deleted
 * once the store has been opened and found to hold the same numbers; a store and old files with different numbers are
 * refused, naming both). The application messages among those kept move over (the admin messages QuickFIX/J kept
 * too are gap-filled anyway).
 */
final class QfjFileStoreConversion
{
    private static final Logger LOG = LoggerFactory.getLogger(QfjFileStoreConversion.class);
    private static final String SENDER_NUMBERS = ".senderseqnums";
    private static final String[] OLD_SUFFIXES = {".targetseqnums", ".body", ".header", ".session", SENDER_NUMBERS};
    static final String CONVERTING = ".converting";

    private QfjFileStoreConversion()
    {
    }

    /**
     * Converts the old stores in {@code directory} of the participants of {@code catalog} (sessions of
     * {@code exchangeCompId}. An IllegalArgumentException, one line naming the files, when one
     * cannot be read or written (the old files are then left as they were). Old stores of sessions of no participant
     * of the catalog are left as they are, each with a warning.
     */
    static void convert(final Path directory, final String exchangeCompId, final Catalog catalog)
    {
        final Set<String> ours = new HashSet<>();
        for (final Participant p : catalog.participants())
        {
            final SessionID id = Outbound.sessionId(exchangeCompId, p.id());
            final String numbers = FileUtil.sessionIdFileName(id) + SENDER_NUMBERS;
            ours.add(numbers);
            if (Files.exists(directory.resolve(numbers)))
            {
                convert(directory, id, QfjSessionStores.file(directory, exchangeCompId, p.id()));
            }
        }
        warnOfOthers(directory, ours);
    }

    private static void warnOfOthers(final Path directory, final Set<String> ours)
    {
        try (Stream<Path> files = Files.list(directory))
        {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(SENDER_NUMBERS) && !ours.contains(n))
                .sorted().forEach(n -> LOG.warn("{}: QuickFIX/J's file store of a session of no participant of the " +
                    "catalog: not converted, left as it is", directory.resolve(n)));
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read the FIX store " + directory + ": " + ex.getMessage(), ex);
        }
    }

    private static void convert(final Path directory, final SessionID id, final Path store)
    {
        final String stem = FileUtil.sessionIdFileName(id);
        try
        {
            if (Files.exists(store))
            {
                sameNumbers(directory, id, store); // a kill after the rename left the old files: the same session
            }
            else
            {
                copy(directory, id, store);
            }
            for (final String suffix : OLD_SUFFIXES) // the sender's numbers, which start a conversion, last
            {
                Files.deleteIfExists(directory.resolve(stem + suffix));
            }
            StoreFiles.forceDirectoryOf(store);
        }
        catch (final IOException | RuntimeException ex)
        {
            if (ex instanceof IllegalArgumentException bad && !(ex instanceof NumberFormatException))
            {
                throw bad; // already one line naming the file
            }
            throw new IllegalArgumentException("cannot convert QuickFIX/J's file store of " + id.getTargetCompID() +
                " (" + directory.resolve(stem) + ".*) to " + store.getFileName() + ": " + reason(ex) + "; its files " +
                "are left as they were", ex);
        }
    }

    /** What went wrong reading an old store, in words. */
    private static String reason(final Throwable ex)
    {
        Throwable cause = ex;
        while (cause.getCause() != null && cause.getCause() != cause)
        {
            cause = cause.getCause();
        }
        if (cause instanceof EOFException)
        {
            return "one of its files ends too early";
        }
        if (cause instanceof NumberFormatException)
        {
            return "one of its sequence number files does not hold a number";
        }
        final String message = cause.getMessage();
        return message == null || message.isBlank() || message.startsWith("java.") ?
            "one of its files cannot be read" : message;
    }

    /**
     * Refuses, one line naming both, a store and an old one of the same session whose numbers differ (the old files
     * were written after the store, by an earlier version of the gateway): which is current cannot be told. The old
     * numbers are read from their files (QuickFIX/J's, a string written by {@code writeUTF}) without opening the old
     * store, which would make its missing files again; a missing target number is one the conversion had deleted
     * already.
     */
    private static void sameNumbers(final Path directory, final SessionID id, final Path store) throws IOException
    {
        final Path stem = directory.resolve(FileUtil.sessionIdFileName(id));
        final int oldSender = oldNumber(stem.resolveSibling(stem.getFileName() + SENDER_NUMBERS));
        final Path targetFile = stem.resolveSibling(stem.getFileName() + ".targetseqnums");
        final int oldTarget = Files.exists(targetFile) ? oldNumber(targetFile) : -1;
        try (NativeSessionStore converted = NativeSessionStore.open(store))
        {
            if (oldSender != converted.nextSenderSeq() || oldTarget != -1 && oldTarget != converted.nextTargetSeq())
            {
                throw new IllegalArgumentException("FIX store " + store + " and QuickFIX/J's file store of " +
                    id.getTargetCompID() + " (" + stem + ".*) hold different sequence numbers (next sender " +
                    converted.nextSenderSeq() + " and " + oldSender + (oldTarget == -1 ? "" : ", next target " +
                    converted.nextTargetSeq() + " and " + oldTarget) + "): move away the one that is not current");
            }
        }
    }

    /** The number in one of QuickFIX/J's sequence number files. */
    private static int oldNumber(final Path file) throws IOException
    {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file)))
        {
            return Integer.parseInt(in.readUTF().trim());
        }
    }

    private static SessionSettings settings(final Path directory)
    {
        final SessionSettings settings = new SessionSettings();
        settings.setString(FileStoreFactory.SETTING_FILE_STORE_PATH, directory.toString());
        settings.setLong(FileStoreFactory.SETTING_FILE_STORE_MAX_CACHED_MSGS, 0); // no index of it in memory
        return settings;
    }

    private static void copy(final Path directory, final SessionID id, final Path store) throws IOException
    {
        final FileStore old = (FileStore)new FileStoreFactory(settings(directory)).create(id);
        final Path copy = store.resolveSibling(store.getFileName() + CONVERTING);
        Files.deleteIfExists(copy);
        int kept = 0;
        try (old; NativeSessionStore converted = NativeSessionStore.open(copy))
        {
            final int nextSender = old.getNextSenderMsgSeqNum();
            final List<String> messages = new ArrayList<>();
            old.get(Math.max(1, nextSender - NativeSessionStore.MAX_INDEXED), nextSender - 1, messages); // one pass
            int last = 0;
            for (final String message : messages)
            {
                final int seq = msgSeqNum(message);
                if (seq > last && seq < nextSender && !QfjSessionStore.isAdmin(message))
                {
                    final byte[] bytes = message.getBytes(CharsetSupport.getCharsetInstance());
                    converted.append(seq, bytes, 0, bytes.length);
                    last = seq;
                    kept++;
                }
            }
            converted.senderSeq(nextSender);
            converted.targetSeq(old.getNextTargetMsgSeqNum());
            LOG.warn("converted QuickFIX/J's file store of {} to {}: next sender MsgSeqNum {}, next target {}, {} " +
                "messages kept for resends", id.getTargetCompID(), store, nextSender, old.getNextTargetMsgSeqNum(),
                kept);
        }
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE))
        {
            channel.force(true);
        }
        Files.move(copy, store, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The MsgSeqNum(34) of a stored message, or -1 when it has none that can be read. */
    static int msgSeqNum(final String message)
    {
        final String number = QfjSessionStore.field(message, 34);
        if (number == null)
        {
            return -1;
        }
        int seq = 0;
        for (int i = 0; i < number.length(); i++)
        {
            final char c = number.charAt(i);
            if (c < '0' || c > '9' || seq > (Integer.MAX_VALUE - 9) / 10)
            {
                return -1;
            }
            seq = seq * 10 + c - '0';
        }
        return seq;
    }
}
