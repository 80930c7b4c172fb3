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

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the QuickFIX/J file stores ({@code *.senderseqnums}, {@code *.body}, ...) that an earlier version of the
 * gateway left in a {@code --fix-store} directory into {@link QfjSessionStore}s, once, at the start of a gateway on
 * QuickFIX/J: the sequence numbers and the latest {@value NativeSessionStore#MAX_INDEXED} messages of each
 * participant's session move over (older ones could be resent only as gap fills anyway), then the old files are
 * deleted. The new store is written to {@code <store>.converting}, forced to the disk and renamed over the store's
 * name before the old files go: a kill -9 at any point leaves the old files whole (converted again at the next start)
 * or the new store whole (the old files then deleted without being read).
 */
final class QfjFileStoreConversion
{
    private static final Logger LOG = LoggerFactory.getLogger(QfjFileStoreConversion.class);
    private static final String[] OLD_SUFFIXES = {".senderseqnums", ".targetseqnums", ".body", ".header", ".session"};
    static final String CONVERTING = ".converting";

    private QfjFileStoreConversion()
    {
    }

    /**
     * Converts the old stores in {@code directory} of the participants of {@code catalog} (sessions of
     * {@code exchangeCompId}); returns how many. An IllegalArgumentException, one line naming the file, when one cannot
     * be read or written (the old files are then left as they were).
     */
    static int convert(final Path directory, final String exchangeCompId, final Catalog catalog)
    {
        int converted = 0;
        for (final Participant p : catalog.participants())
        {
            final SessionID id = Outbound.sessionId(exchangeCompId, p.id());
            final Path old = directory.resolve(FileUtil.sessionIdFileName(id) + ".senderseqnums");
            if (Files.exists(old))
            {
                convert(directory, id, QfjSessionStores.file(directory, exchangeCompId, p.id()));
                converted++;
            }
        }
        return converted;
    }

    private static void convert(final Path directory, final SessionID id, final Path store)
    {
        try
        {
            if (!Files.exists(store))
            {
                copy(directory, id, store);
            }
            for (final String suffix : OLD_SUFFIXES)
            {
                Files.deleteIfExists(directory.resolve(FileUtil.sessionIdFileName(id) + suffix));
            }
            StoreFiles.forceDirectoryOf(store);
        }
        catch (final IOException | RuntimeException ex)
        {
            if (ex instanceof IllegalArgumentException bad)
            {
                throw bad;
            }
            throw new IllegalArgumentException("cannot convert QuickFIX/J's file store of " + id.getTargetCompID() +
                " in " + directory + " to " + store.getFileName() + ": " + ex.getMessage(), ex);
        }
    }

    private static void copy(final Path directory, final SessionID id, final Path store) throws IOException
    {
        final SessionSettings settings = new SessionSettings();
        settings.setString(FileStoreFactory.SETTING_FILE_STORE_PATH, directory.toString());
        settings.setLong(FileStoreFactory.SETTING_FILE_STORE_MAX_CACHED_MSGS, 0);
        final FileStore old = (FileStore)new FileStoreFactory(settings).create(id);
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
                if (seq > last && seq < nextSender)
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
        final int at = message.indexOf("\u000134=");
        if (at < 0)
        {
            return -1;
        }
        int seq = 0;
        for (int i = at + 4; i < message.length() && message.charAt(i) != '\u0001'; i++)
        {
            final char c = message.charAt(i);
            if (c < '0' || c > '9' || seq > (Integer.MAX_VALUE - 9) / 10)
            {
                return -1;
            }
            seq = seq * 10 + c - '0';
        }
        return seq;
    }
}
