package by.butb.sim.replay;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.csv.CsvException;
import by.butb.engine.files.FileProblems;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.ScheduleLoader;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.pipeline.EngineContext;
import by.butb.engine.pipeline.EngineListener;
import by.butb.engine.pipeline.EnginePipeline;
import by.butb.engine.pipeline.PipelineLayout;
import by.butb.engine.pipeline.WaitStrategyName;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Replays an order file through the engine pipeline and writes trades.csv, events.csv and summary.txt.
 *
 * <p>All three files are written into a temporary directory next to the output directory and moved into place
 * only when the whole replay succeeded: a failed replay leaves no partial output (and, when it journaled into a
 * new {@code --data} directory, removes that journal too).
 */
public final class Replay
{
    public static final String TRADES_FILE = "trades.csv";
    public static final String EVENTS_FILE = "events.csv";
    public static final String SUMMARY_FILE = "summary.txt";

    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    /**
     * @param schedule session schedule CSV, or null for continuous trading in every section.
     * @param data     Chronicle journal directory (must be new or empty), or null to replay without a journal.
     * @param until    time (epoch nanoseconds UTC) of a CLOCK command submitted after the last row, or null for
     *                 the default: the latest lot close_time of the file when it is after the rows' latest time (so
     *                 every lot settles), else no CLOCK.
     * @param format   how trades and events are written: CSV (plain, gzip or zstd) or Parquet.
     */
    public record Options(Source orders, Source instruments, Source participants, Source schedule, Path out,
                          Path data, MarketRules rules, Long until, TableFormat format)
    {
        public Options(final Source orders, final Source instruments, final Source participants,
            final Source schedule, final Path out, final Path data, final MarketRules rules)
        {
            this(orders, instruments, participants, schedule, out, data, rules, null);
        }

        public Options(final Source orders, final Source instruments, final Source participants,
            final Source schedule, final Path out, final Path data, final MarketRules rules, final Long until)
        {
            this(orders, instruments, participants, schedule, out, data, rules, until, TableFormat.CSV);
        }

        /** The names of the files the replay writes: trades, events (in the {@link #format}), summary. */
        public List<String> outputFiles()
        {
            return List.of(format.fileName(TRADES_FILE), format.fileName(EVENTS_FILE), SUMMARY_FILE);
        }
    }

    /**
     * Whether {@code input} is (or links to) a file the replay writes in {@code out}, or deletes there (its tables in
     * the other formats, an earlier run's).
     */
    private static boolean isOutput(final Path input, final Path out)
    {
        final List<String> names = new ArrayList<>(List.of(SUMMARY_FILE));
        for (final TableFormat format : TableFormat.values())
        {
            names.add(format.fileName(TRADES_FILE));
            names.add(format.fileName(EVENTS_FILE));
        }
        for (final String name : names)
        {
            final Path output = out.resolve(name);
            try
            {
                if (Files.exists(output) && Files.isSameFile(input, output))
                {
                    return true;
                }
            }
            catch (final IOException ex)
            {
                // an input that cannot be compared is read, and refused there if it cannot be
            }
        }
        return false;
    }

    /** What a successful replay did. */
    public record Result(long commands, long events, long trades, long rejects, long stateHash, String summary,
                         Path out)
    {
    }

    private Replay()
    {
    }

    /**
     * Runs a replay.
     *
     * @param progress receives a line now and then on long replays (never for short ones).
     * @throws ReplayException or {@link CsvException} on unreadable or invalid input, or when output cannot be
     *                         written; nothing is left behind then.
     */
    public static Result run(final Options options, final Consumer<String> progress)
    {
        return run(options, progress, null);
    }

    /** As above, with {@code also} (or null) called after the replay's own listener for every event and command. */
    public static Result run(final Options options, final Consumer<String> progress, final EngineListener also)
    {
        final Path out = options.out().toAbsolutePath().normalize();
        final String outNotADirectory = FileProblems.notADirectory(options.out(), "--out");
        if (outNotADirectory != null)
        {
            throw new ReplayException(outNotADirectory);
        }
        for (final Source input : Arrays.asList(options.orders(), options.instruments(), options.participants(),
            options.schedule()))
        {
            if (input != null && input.path() != null && isOutput(input.path(), out))
            {
                throw new ReplayException(input.name() + " is one of the files the replay writes or replaces in " +
                    options.out() + ": it would be lost; write into another --out");
            }
        }
        final Path data = options.data() == null ? null : options.data().toAbsolutePath().normalize();
        if (data != null)
        {
            checkEmptyDirectory(options.data(), data);
        }
        final Catalog catalog = loadCatalog(options.instruments(), options.participants());
        final SessionSchedule schedule = options.schedule() == null ? SessionSchedule.NONE :
            loadSchedule(options.schedule(), catalog);

        final InputStream orders = options.orders().openBytes();
        final Cleanup cleanup = new Cleanup(data);
        try (orders)
        {
            final Path temp = cleanup.createTemp(out);
            final Result result = replay(options, catalog, schedule, orders, temp, progress, also);
            cleanup.moveIntoPlace(temp, out, options.outputFiles());
            options.format().deleteOtherFormats(out, TRADES_FILE); // an earlier run's, in another format
            options.format().deleteOtherFormats(out, EVENTS_FILE);
            return new Result(result.commands(), result.events(), result.trades(), result.rejects(),
                result.stateHash(), result.summary(), out);
        }
        catch (final IOException ex)
        {
            cleanup.undo();
            throw new ReplayException("cannot write " + options.out() + ": " + FileProblems.reason(ex), ex);
        }
        catch (final RuntimeException ex)
        {
            cleanup.undo();
            if (ex instanceof UncheckedIOException u && u.getCause() instanceof CharacterCodingException)
            {
                throw new CsvException(options.orders().name(), 0, null, "is not UTF-8 text");
            }
            throw ex;
        }
    }

    private static Result replay(final Options options, final Catalog catalog, final SessionSchedule schedule,
        final InputStream orders, final Path temp, final Consumer<String> progress, final EngineListener also)
        throws IOException
    {
        final OrderIds ids = new OrderIds();
        final EngineContext context = new EngineContext();
        final PendingRows rows = new PendingRows(context.ringSize());
        final EnginePipeline[] pipeline = new EnginePipeline[1];
        final PendingOrderIds pendingIds = new PendingOrderIds();
        final CommandBatch batch = new CommandBatch(pendingIds);
        // Written by the engine's thread, read by this one only after draining the pipeline (nothing in flight); kept
        // only when rows can name orders by exchange_order_id.
        final Map<Long, Integer> liveOrderInstruments = new Long2ObjectHashMap<>();
        final OrderFileReader reader = new OrderFileReader(catalog, ids, exchangeOrderId ->
        {
            batch.flush(pipeline[0]);
            pipeline[0].drain();
            return liveOrderInstruments.getOrDefault(exchangeOrderId, Command.UNKNOWN);
        });
        final OrderFileRows file = new OrderFileRows(options.orders().name(), orders, catalog, ids, reader,
            pendingIds);
        final ReplayStats stats = new ReplayStats(catalog.instruments().size());
        try (TableOut events = options.format().create(temp, EVENTS_FILE, ReplayListener.eventColumns(catalog));
             TableOut trades = options.format().create(temp, TRADES_FILE, ReplayListener.tradeColumns(catalog)))
        {
            final ReplayListener listener = new ReplayListener(catalog, options.rules(), ids, rows,
                file.hasColumn("exchange_order_id") ? liveOrderInstruments : null, events, trades, stats);
            context.catalog(catalog)
                .rules(options.rules())
                .schedule(schedule)
                .waitStrategy(WaitStrategyName.BLOCKING)
                .dataDirectory(options.data() == null ? null : options.data().toAbsolutePath().normalize())
                .layout(PipelineLayout.ONE_THREAD)
                .listener(listener);
            if (also != null)
            {
                context.listener(also);
            }

            try
            {
                long count = 0;
                long latestRowTime = Long.MIN_VALUE;
                long lastCloseTime = Long.MIN_VALUE;
                long lastProgress = System.nanoTime();
                while (file.next())
                {
                    if (pipeline[0] == null)
                    {
                        pipeline[0] = EnginePipeline.start(context);
                    }
                    final Command command = batch.next();
                    final RowInfo info = file.read(command);
                    file.pend(rows, command.userRef, info);
                    latestRowTime = Math.max(latestRowTime, command.timeNanos);
                    if (command.type == CommandType.LOT_OFFER)
                    {
                        lastCloseTime = Math.max(lastCloseTime, command.closeTimeNanos);
                    }
                    batch.add(pipeline[0]);
                    if ((++count & 0xFFFF) == 0 && System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS)
                    {
                        lastProgress = System.nanoTime();
                        progress.accept("replayed " + count + " rows (line " + file.line() + ")");
                    }
                }
                if (pipeline[0] == null)
                {
                    pipeline[0] = EnginePipeline.start(context);
                }
                batch.flush(pipeline[0]);
                final long clockTime = options.until() != null ? options.until() :
                    lastCloseTime > latestRowTime ? lastCloseTime : Long.MIN_VALUE;
                if (clockTime != Long.MIN_VALUE)
                {
                    if (options.until() != null && latestRowTime != Long.MIN_VALUE && clockTime < latestRowTime)
                    {
                        throw new ReplayException("--until " + ReplayListener.time(clockTime) +
                            " is before the rows' latest time " + ReplayListener.time(latestRowTime));
                    }
                    // The CLOCK's events (lots closing, phases, expiries) are reported on the line after the last.
                    pipeline[0].submit(new Command().clock(clockTime));
                }
                pipeline[0].drain();
                if (listener.error() != null)
                {
                    throw listener.error();
                }
                final long commands = pipeline[0].submittedCommands();
                final long hash = pipeline[0].engine().stateHash();
                final String summary = Summary.render(options, catalog, stats, pipeline[0].engine(), commands,
                    hash);
                try (Writer w = writer(temp.resolve(SUMMARY_FILE)))
                {
                    w.write(summary);
                }
                return new Result(commands, stats.events, stats.totalTrades, stats.rejects(), hash, summary, null);
            }
            finally
            {
                if (pipeline[0] != null)
                {
                    pipeline[0].close();
                }
            }
        }
    }

    private static Writer writer(final Path file) throws IOException
    {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    private static Catalog loadCatalog(final Source instruments, final Source participants)
    {
        try (Reader i = instruments.open(); Reader p = participants.open())
        {
            return CatalogLoader.load(instruments.name(), i, participants.name(), p);
        }
        catch (final IOException ex)
        {
            throw new ReplayException("cannot read the catalog: " + ex.getMessage(), ex);
        }
        catch (final UncheckedIOException ex)
        {
            final String message = ex.getMessage();
            throw new ReplayException(ex.getCause() instanceof CharacterCodingException ?
                message.replaceFirst(": cannot read: .*$", ": is not UTF-8 text") : message, ex);
        }
    }

    private static SessionSchedule loadSchedule(final Source source, final Catalog catalog)
    {
        try (Reader reader = source.open())
        {
            return ScheduleLoader.load(source.name(), reader, catalog);
        }
        catch (final IOException ex)
        {
            throw new ReplayException("cannot read " + source.name() + ": " + ex.getMessage(), ex);
        }
        catch (final UncheckedIOException ex)
        {
            throw new ReplayException(ex.getCause() instanceof CharacterCodingException ?
                source.name() + ": is not UTF-8 text" : ex.getMessage(), ex);
        }
    }

    private static void checkEmptyDirectory(final Path asGiven, final Path directory)
    {
        if (!Files.exists(directory))
        {
            return;
        }
        final String notADirectory = FileProblems.notADirectory(asGiven, "--data");
        if (notADirectory != null)
        {
            throw new ReplayException(notADirectory);
        }
        try (Stream<Path> entries = Files.list(directory))
        {
            if (entries.findAny().isPresent())
            {
                throw new ReplayException(asGiven + " is not empty: --data needs a new or empty directory, " +
                    "the replay starts the exchange from nothing");
            }
        }
        catch (final IOException ex)
        {
            throw new ReplayException("cannot read " + asGiven + ": " + ex.getMessage(), ex);
        }
    }

    /** Tracks what a run created so that a failed run can remove it. */
    private static final class Cleanup
    {
        private final Path data;
        private final boolean dataExisted;
        private Path createdAncestor;
        private Path temp;

        Cleanup(final Path data)
        {
            this.data = data;
            this.dataExisted = data != null && Files.exists(data);
        }

        /**
         * A new directory on the same file system as {@code out}: inside it when it exists (so that "--out ." works
         * anywhere), else next to it (then it is renamed into {@code out} at the end).
         */
        Path createTemp(final Path out) throws IOException
        {
            final Path parent;
            final String prefix;
            if (Files.isDirectory(out))
            {
                parent = out;
                prefix = ".butb-replay.tmp-";
            }
            else
            {
                parent = out.getParent();
                prefix = "." + out.getFileName() + ".tmp-";
                Path missing = null;
                for (Path p = parent; p != null && !Files.exists(p); p = p.getParent())
                {
                    missing = p;
                }
                Files.createDirectories(parent);
                createdAncestor = missing;
            }
            // Not Files.createTempDirectory: its owner-only permissions would stay with the output directory.
            for (int attempt = 0; ; attempt++)
            {
                final Path candidate = parent.resolve(prefix + ProcessHandle.current().pid() + "-" + attempt);
                try
                {
                    temp = Files.createDirectory(candidate);
                    return temp;
                }
                catch (final FileAlreadyExistsException ex)
                {
                    if (attempt > 100)
                    {
                        throw ex;
                    }
                }
            }
        }

        /** Moves the finished files into {@code out}: the whole directory when it is new, else file by file. */
        void moveIntoPlace(final Path finished, final Path out, final List<String> names) throws IOException
        {
            if (!Files.exists(out))
            {
                try
                {
                    Files.move(finished, out, StandardCopyOption.ATOMIC_MOVE);
                    temp = null;
                    return;
                }
                catch (final IOException ex)
                {
                    Files.createDirectories(out);
                }
            }
            for (final String name : names)
            {
                // Checked for all three before the first is replaced, so that a failure leaves out as it was.
                if (Files.isDirectory(out.resolve(name)))
                {
                    throw new IOException(out.resolve(name) + " is a directory");
                }
            }
            for (final String name : names)
            {
                try
                {
                    Files.move(finished.resolve(name), out.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                }
                catch (final AtomicMoveNotSupportedException ex)
                {
                    Files.move(finished.resolve(name), out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.delete(finished);
            temp = null;
        }

        void undo()
        {
            deleteTree(temp);
            deleteTree(createdAncestor);
            if (data != null)
            {
                if (dataExisted)
                {
                    try (Stream<Path> entries = Files.list(data))
                    {
                        entries.forEach(Cleanup::deleteTree);
                    }
                    catch (final IOException ignored)
                    {
                        // best effort
                    }
                }
                else
                {
                    deleteTree(data);
                }
            }
        }

        private static void deleteTree(final Path root)
        {
            if (root == null || !Files.exists(root))
            {
                return;
            }
            try (Stream<Path> files = Files.walk(root))
            {
                files.sorted(Comparator.reverseOrder()).forEach(p ->
                {
                    try
                    {
                        Files.delete(p);
                    }
                    catch (final DirectoryNotEmptyException ignored)
                    {
                        // something else wrote here meanwhile; leave it
                    }
                    catch (final IOException ignored)
                    {
                        // best effort
                    }
                });
            }
            catch (final IOException ignored)
            {
                // best effort
            }
        }
    }
}
