package by.butb.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Runs password verifications (PBKDF2) on a few threads of its own, never on the network threads, in an order no
 * sender can jump:
 * <ul>
 * <li>oldest first, and a verification never overtakes an older one for the same CompID or from the same source
 * address, so a logon waits only for those submitted before it;</li>
 * <li>at most one verification at a time per CompID and per address, and after a wrong password the next for that
 * CompID or that address starts no sooner than {@code failureCooldown} later: failures cost at most one PBKDF2 per
 * cooldown per CompID and per address, whoever sends them, while the threads serve other senders meanwhile;</li>
 * <li>at most {@code maxPendingPerCompId} verifications wait per CompID. When they are all taken, a logon from an
 * address that holds at least two fewer of them than another address takes the place of that address's newest
 * waiting one (which {@link Job#evict} refuses); otherwise {@link #submit} refuses it. A few addresses can then not
 * fill a CompID's places and keep its owner out: that takes as many addresses as there are places.</li>
 * <li>a logon from an address that logged on as its CompID before (one of the {@link KnownAddresses#PER_COMP_ID}
 * latest to do so, kept across restarts when the gateway has a data directory) is <em>known</em>: known logons
 * wait in a lane of their own, with places of their own, and run before the CompID's other logons and regardless
 * of the CompID's cooldown (their address's cooldown still applies). Addresses that never logged on as a CompID,
 * however many, can therefore not refuse its owner's logon from an address it used before, and delay it by at most
 * one verification per known logon ahead of it;</li>
 * <li>when both lanes hold a logon that may run, they take turns, so that participants logging on again and again
 * from their known addresses (with the right passwords) cannot keep the other lane's logons from running.</li>
 * </ul>
 * A logon with the right password therefore gets through after at most the logons queued before it for its CompID
 * or address, each taking one verification plus the cooldown: a storm of wrong passwords delays its owner, it
 * cannot lock it out. Jobs whose connection is gone are dropped unverified.
 */
final class LogonScheduler implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(LogonScheduler.class);
    private static final int COOLDOWN_CLEANUP_SIZE = 1_024;

    /** One verification. */
    interface Job
    {
        String compId();

        String address();

        /** True when the connection is gone: the job is dropped without running. */
        boolean abandoned();

        /**
         * Verifies and acts on the outcome, and returns it: {@code WRONG_CREDENTIALS} (a wrong password or an unknown
         * CompID) starts the cooldowns, {@code ACCEPTED} makes the address known for the CompID, {@code REFUSED}
         * (also for a job not verified) does neither.
         */
        Authenticator.Outcome run();

        /**
         * The job lost its place to a logon from an address holding fewer places (it will not run): refuse its
         * connection. Called outside the scheduler's lock, possibly while the submitting connection's own lock is
         * held: it must not block or take locks of its own there (hand the refusal to another thread).
         */
        void evict();
    }

    private final int maxPendingPerCompId;
    private final long failureCooldownNanos;
    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    /** Jobs of known addresses, run before those of {@link #queue}. */
    private final ArrayDeque<Job> knownQueue = new ArrayDeque<>();
    private final Set<Job> knownJobs = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Integer> pendingByCompId = new HashMap<>();
    private final Map<String, Integer> knownPendingByCompId = new HashMap<>();
    private final KnownAddresses knownAddresses;
    private final Set<String> running = new HashSet<>();
    /** "c:" + CompID or "a:" + address to the time its cooldown ends. */
    private final Map<String, Long> readyAt = new HashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    /** Whether the other lane goes first the next time both lanes have a logon that may run. */
    private boolean othersTurn;
    private boolean closed;

    LogonScheduler(final int threads, final int maxPendingPerCompId, final long failureCooldownNanos,
        final LongSupplier nanoClock, final KnownAddresses knownAddresses)
    {
        if (threads < 1 || maxPendingPerCompId < 1 || failureCooldownNanos < 0)
        {
            throw new IllegalArgumentException("threads and maxPendingPerCompId must be positive, the cooldown not " +
                "negative: " + threads + ", " + maxPendingPerCompId + ", " + failureCooldownNanos);
        }
        this.maxPendingPerCompId = maxPendingPerCompId;
        this.failureCooldownNanos = failureCooldownNanos;
        this.nanoClock = nanoClock;
        this.knownAddresses = knownAddresses;
        for (int i = 0; i < threads; i++)
        {
            final Thread t = new Thread(this::work, "butb-gateway-auth-" + i);
            t.setDaemon(true);
            this.threads.add(t);
        }
        this.threads.forEach(Thread::start);
    }

    /** The answer to a Logon that {@link #submit} did not queue (false). */
    static Authenticator.Verdict notQueued(final String compId)
    {
        return Authenticator.Verdict.refused("too many logons for SenderCompID " + Authenticator.printable(compId) +
            " are waiting; try again later");
    }

    /** The answer to a Logon whose job was {@link Job#evict evicted}. */
    static Authenticator.Verdict evicted(final String compId)
    {
        return Authenticator.Verdict.refused("its place among the logons waiting for SenderCompID " +
            Authenticator.printable(compId) + " went to another address; try again later");
    }

    /**
     * Queues the job; false (and nothing queued) when its CompID already has the most jobs waiting and no address
     * holds two more of them than the job's own address (counting known and other logons apart).
     */
    boolean submit(final Job job)
    {
        Job evicted = null;
        lock.lock();
        try
        {
            if (closed)
            {
                return false;
            }
            if (knownAddresses.contains(job.compId(), job.address()))
            {
                final int pending = knownPendingByCompId.getOrDefault(job.compId(), 0);
                if (pending >= maxPendingPerCompId)
                {
                    return false;
                }
                knownPendingByCompId.put(job.compId(), pending + 1);
                knownJobs.add(job);
                knownQueue.addLast(job);
                changed.signalAll();
                return true;
            }
            if (pendingByCompId.getOrDefault(job.compId(), 0) >= maxPendingPerCompId)
            {
                dropAbandoned();
            }
            final int pending = pendingByCompId.getOrDefault(job.compId(), 0);
            if (pending >= maxPendingPerCompId)
            {
                evicted = placeFor(job);
                if (evicted == null)
                {
                    return false;
                }
                queue.removeLastOccurrence(evicted);
            }
            else
            {
                pendingByCompId.put(job.compId(), pending + 1);
            }
            queue.addLast(job);
            changed.signalAll();
        }
        finally
        {
            lock.unlock();
        }
        if (evicted != null)
        {
            evicted.evict();
        }
        return true;
    }

    /**
     * The waiting job whose place {@code job} takes: the newest of the address holding the most waiting jobs of
     * the CompID, if that is at least two more than {@code job}'s address holds; or null. Holds the lock.
     */
    private Job placeFor(final Job job)
    {
        final Map<String, Integer> byAddress = new HashMap<>();
        for (final Job waiting : queue)
        {
            if (waiting.compId().equals(job.compId()))
            {
                byAddress.merge(waiting.address(), 1, Integer::sum);
            }
        }
        String fullest = null;
        int most = 0;
        for (final Map.Entry<String, Integer> e : byAddress.entrySet())
        {
            if (e.getValue() > most)
            {
                most = e.getValue();
                fullest = e.getKey();
            }
        }
        if (fullest == null || most < byAddress.getOrDefault(job.address(), 0) + 2)
        {
            return null;
        }
        for (final Iterator<Job> it = queue.descendingIterator(); it.hasNext(); )
        {
            final Job waiting = it.next();
            if (waiting.compId().equals(job.compId()) && waiting.address().equals(fullest))
            {
                return waiting;
            }
        }
        return null;
    }

    /** Jobs queued or running. */
    int pending()
    {
        lock.lock();
        try
        {
            int n = 0;
            for (final int p : pendingByCompId.values())
            {
                n += p;
            }
            for (final int p : knownPendingByCompId.values())
            {
                n += p;
            }
            return n;
        }
        finally
        {
            lock.unlock();
        }
    }

    private void work()
    {
        while (true)
        {
            final Job job;
            lock.lock();
            try
            {
                job = await();
                if (job == null)
                {
                    return;
                }
                running.add(compIdKey(job));
                running.add(addressKey(job));
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            finally
            {
                lock.unlock();
            }
            Authenticator.Outcome outcome = Authenticator.Outcome.REFUSED;
            try
            {
                outcome = job.run();
            }
            catch (final RuntimeException ex)
            {
                LOG.error("a logon verification failed", ex);
            }
            finished(job, outcome);
        }
    }

    /** The next job that may run, waiting for one; null once closed. Holds the lock. */
    private Job await() throws InterruptedException
    {
        while (!closed)
        {
            final long now = nanoClock.getAsLong();
            final Set<String> blocked = new HashSet<>(running);
            final long[] wakeAt = {Long.MAX_VALUE};
            final Job known = next(knownQueue, blocked, now, wakeAt, false);
            for (final Job waiting : knownQueue)
            {
                blocked.add(compIdKey(waiting)); // a CompID's known logons go before its others
                blocked.add(addressKey(waiting));
            }
            final Job other = next(queue, blocked, now, wakeAt, true);
            final Job next = known == null ? other : other == null || !othersTurn ? known : other;
            if (known != null && other != null)
            {
                othersTurn = !othersTurn;
            }
            if (next != null)
            {
                (next == known ? knownQueue : queue).remove(next);
                return next;
            }
            if (wakeAt[0] == Long.MAX_VALUE)
            {
                changed.await();
            }
            else
            {
                changed.awaitNanos(wakeAt[0] - now);
            }
        }
        return null;
    }

    /**
     * The oldest job of {@code lane} that may run now (left in the lane): not {@code blocked} by a running or older
     * job of its CompID or address, and past its address's cooldown (and its CompID's when {@code compIdCooldown});
     * or null, having added the lane's CompIDs and addresses to {@code blocked} and lowered {@code wakeAt[0]} to the
     * earliest end of a cooldown that holds a job back. Drops abandoned jobs. Holds the lock.
     */
    private Job next(final ArrayDeque<Job> lane, final Set<String> blocked, final long now, final long[] wakeAt,
        final boolean compIdCooldown)
    {
        for (final Iterator<Job> it = lane.iterator(); it.hasNext(); )
        {
            final Job job = it.next();
            if (job.abandoned())
            {
                it.remove();
                release(job);
                continue;
            }
            final String compId = compIdKey(job);
            final String address = addressKey(job);
            if (!blocked.contains(compId) && !blocked.contains(address))
            {
                final long ready = Math.max(compIdCooldown ? readyAt.getOrDefault(compId, now) : now,
                    readyAt.getOrDefault(address, now));
                if (ready <= now)
                {
                    return job;
                }
                wakeAt[0] = Math.min(wakeAt[0], ready);
            }
            // younger jobs for this CompID or address wait behind this one
            blocked.add(compId);
            blocked.add(address);
        }
        return null;
    }

    private void dropAbandoned()
    {
        for (final Iterator<Job> it = queue.iterator(); it.hasNext(); )
        {
            final Job job = it.next();
            if (job.abandoned())
            {
                it.remove();
                release(job);
            }
        }
    }

    private void finished(final Job job, final Authenticator.Outcome outcome)
    {
        lock.lock();
        try
        {
            running.remove(compIdKey(job));
            running.remove(addressKey(job));
            release(job);
            if (outcome == Authenticator.Outcome.ACCEPTED)
            {
                knownAddresses.remember(job.compId(), job.address());
            }
            if (outcome == Authenticator.Outcome.WRONG_CREDENTIALS && failureCooldownNanos > 0)
            {
                final long now = nanoClock.getAsLong();
                if (readyAt.size() > COOLDOWN_CLEANUP_SIZE)
                {
                    readyAt.values().removeIf(t -> t <= now);
                }
                readyAt.put(compIdKey(job), now + failureCooldownNanos);
                readyAt.put(addressKey(job), now + failureCooldownNanos);
            }
            changed.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    private void release(final Job job)
    {
        final Map<String, Integer> pending = knownJobs.remove(job) ? knownPendingByCompId : pendingByCompId;
        pending.computeIfPresent(job.compId(), (k, n) -> n > 1 ? n - 1 : null);
    }

    private static String compIdKey(final Job job)
    {
        return "c:" + job.compId();
    }

    private static String addressKey(final Job job)
    {
        return "a:" + job.address();
    }

    /** Stops the threads (a running verification completes); queued jobs are dropped. */
    @Override
    public void close()
    {
        lock.lock();
        try
        {
            closed = true;
            queue.clear();
            knownQueue.clear();
            changed.signalAll();
        }
        finally
        {
            lock.unlock();
        }
        for (final Thread t : threads)
        {
            try
            {
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
