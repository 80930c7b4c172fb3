package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogonSchedulerTest
{
    private static final long COOLDOWN = TimeUnit.SECONDS.toNanos(1);

    /** A clock the test moves; the scheduler waits for it in real time, so the test wakes it by submitting. */
    private final AtomicLong clock = new AtomicLong();
    private final List<String> ran = new ArrayList<>();
    private LogonScheduler scheduler;

    @AfterEach
    void close()
    {
        if (scheduler != null)
        {
            scheduler.close();
        }
    }

    private class Job implements LogonScheduler.Job
    {
        final String name;
        final String compId;
        final String address;
        final boolean wrong;
        final CountDownLatch done = new CountDownLatch(1);
        volatile boolean gone;
        volatile boolean evicted;

        Job(final String name, final String compId, final String address, final boolean wrong)
        {
            this.name = name;
            this.compId = compId;
            this.address = address;
            this.wrong = wrong;
        }

        @Override
        public String compId()
        {
            return compId;
        }

        @Override
        public String address()
        {
            return address;
        }

        @Override
        public boolean abandoned()
        {
            return gone;
        }

        @Override
        public Authenticator.Outcome run()
        {
            synchronized (ran)
            {
                ran.add(name);
            }
            done.countDown();
            return wrong ? Authenticator.Outcome.WRONG_CREDENTIALS : Authenticator.Outcome.ACCEPTED;
        }

        @Override
        public void evict()
        {
            evicted = true;
        }

        void await() throws InterruptedException
        {
            assertTrue(done.await(10, TimeUnit.SECONDS), name + " did not run");
        }
    }

    @Test
    void aWrongPasswordDelaysTheNextForItsCompIdAndAddressButNotOthers() throws Exception
    {
        scheduler = new LogonScheduler(1, 8, COOLDOWN, clock::get, KnownAddresses.inMemory());
        final Job attacker = new Job("attacker", "A", "10.0.0.1", true);
        assertTrue(scheduler.submit(attacker));
        attacker.await();
        final Job sameCompId = new Job("owner", "A", "10.0.0.2", false);
        final Job sameAddress = new Job("neighbour", "B", "10.0.0.1", false);
        final Job other = new Job("other", "C", "10.0.0.3", false);
        scheduler.submit(sameCompId);
        scheduler.submit(sameAddress);
        scheduler.submit(other);
        other.await();
        assertFalse(sameCompId.done.await(100, TimeUnit.MILLISECONDS), "cooling down");
        clock.addAndGet(COOLDOWN);
        final Job nudge = new Job("nudge", "D", "10.0.0.4", false);
        scheduler.submit(nudge); // wakes the scheduler to see the new time
        nudge.await();
        assertEquals(List.of("attacker", "other", "owner", "neighbour", "nudge"), ran);
    }

    @Test
    void aLogonNeverOvertakesAnOlderOneOfItsCompIdOrAddress() throws Exception
    {
        scheduler = new LogonScheduler(1, 8, COOLDOWN, clock::get, KnownAddresses.inMemory());
        final Job first = new Job("first", "X", "10.0.0.1", true);
        scheduler.submit(first);
        first.await();
        final Job older = new Job("older", "A", "10.0.0.1", false); // its address cools down
        final Job younger = new Job("younger", "A", "10.0.0.3", false); // free itself, but behind "older" on A
        final Job unrelated = new Job("unrelated", "B", "10.0.0.4", false);
        scheduler.submit(older);
        scheduler.submit(younger);
        scheduler.submit(unrelated);
        unrelated.await();
        assertFalse(younger.done.await(100, TimeUnit.MILLISECONDS), "waits for the older logon of its CompID");
        clock.addAndGet(COOLDOWN);
        final Job nudge = new Job("nudge", "Z", "10.0.0.9", false);
        scheduler.submit(nudge);
        nudge.await();
        assertEquals(List.of("first", "unrelated", "older", "younger", "nudge"), ran);
    }

    @Test
    void boundsTheLogonsWaitingPerCompIdAndDropsThoseWhoseConnectionIsGone() throws Exception
    {
        scheduler = new LogonScheduler(1, 2, COOLDOWN, clock::get, KnownAddresses.inMemory());
        final Job first = new Job("first", "A", "10.0.0.1", true);
        scheduler.submit(first);
        first.await();
        awaitNonePending();
        final Job waiting = new Job("waiting", "A", "10.0.0.1", false);
        final Job gone = new Job("gone", "A", "10.0.0.1", false);
        assertTrue(scheduler.submit(waiting));
        assertTrue(scheduler.submit(gone));
        assertFalse(scheduler.submit(new Job("third", "A", "10.0.0.1", false)), "two wait already");
        assertTrue(scheduler.submit(new Job("elsewhere", "B", "10.0.0.2", false)), "another CompID");
        gone.gone = true;
        final Job again = new Job("again", "A", "10.0.0.1", false);
        assertTrue(scheduler.submit(again), "the gone connection's place is free");
        clock.addAndGet(COOLDOWN);
        final Job nudge = new Job("nudge", "Z", "10.0.0.9", false);
        scheduler.submit(nudge);
        nudge.await();
        again.await();
        awaitNonePending();
        assertTrue(ran.contains("waiting"));
        assertFalse(ran.contains("gone"), "never verified");
    }

    @Test
    void anAddressHoldingFewerPlacesTakesOneFromTheFullestSoAFewAddressesCannotKeepTheOwnerOut() throws Exception
    {
        scheduler = new LogonScheduler(1, 4, COOLDOWN, clock::get, KnownAddresses.inMemory());
        final Job first = new Job("first", "A", "10.0.0.1", true);
        scheduler.submit(first);
        first.await();
        awaitNonePending();
        final List<Job> attacks = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            attacks.add(new Job("attack" + i, "A", "10.0.0.1", true));
            assertTrue(scheduler.submit(attacks.get(i)));
        }
        final Job owner = new Job("owner", "A", "10.0.0.2", false);
        assertTrue(scheduler.submit(owner), "four places held by one address: the owner takes one");
        assertTrue(attacks.get(3).evicted, "the fullest address's newest logon gives its place");
        assertFalse(attacks.get(0).evicted || attacks.get(1).evicted || attacks.get(2).evicted);
        assertFalse(scheduler.submit(new Job("again", "A", "10.0.0.1", true)), "the fullest address gets no more");
        final Job third = new Job("third", "A", "10.0.0.3", true);
        assertTrue(scheduler.submit(third), "three against one: a new address takes a place");
        assertTrue(attacks.get(2).evicted);
        final Job fourth = new Job("fourth", "A", "10.0.0.4", true);
        assertTrue(scheduler.submit(fourth), "two against none");
        assertTrue(attacks.get(1).evicted);
        assertFalse(scheduler.submit(new Job("fifth", "A", "10.0.0.5", true)), "one place each: none is taken");
        assertFalse(owner.evicted, "the owner keeps its place throughout");
        // each failed attack ahead of the owner cools its CompID down again: move the clock on until the owner ran
        final long deadline = System.currentTimeMillis() + 10_000;
        for (int nudge = 0; owner.done.getCount() > 0 && System.currentTimeMillis() < deadline; nudge++)
        {
            clock.addAndGet(COOLDOWN);
            scheduler.submit(new Job("nudge" + nudge, "Z", "10.0.0.9", false));
            owner.done.await(50, TimeUnit.MILLISECONDS);
        }
        owner.await();
        assertFalse(ran.contains("attack1") || ran.contains("attack2") || ran.contains("attack3"),
            "evicted logons never run");
    }

    @Test
    void anAddressThatLoggedOnBeforeGetsThroughAStormFromAsManyAddressesAsThereArePlaces() throws Exception
    {
        scheduler = new LogonScheduler(1, 4, COOLDOWN, clock::get, KnownAddresses.inMemory());
        final Job earlier = new Job("earlier", "A", "10.0.0.2", false);
        scheduler.submit(earlier);
        earlier.await();
        final Job probe = new Job("probe", "A", "10.0.0.10", true);
        scheduler.submit(probe);
        probe.await();
        awaitNonePending();
        final List<Job> attacks = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            attacks.add(new Job("attack" + i, "A", "10.0.0.1" + i, true));
            assertTrue(scheduler.submit(attacks.get(i)));
        }
        assertFalse(scheduler.submit(new Job("new place", "A", "10.0.0.3", false)),
            "an address that never logged on as A finds the places taken");
        final Job owner = new Job("owner", "A", "10.0.0.2", false);
        assertTrue(scheduler.submit(owner), "a known address has places of its own");
        owner.await();
        assertEquals(List.of("earlier", "probe", "owner"), ran, "ahead of the storm, in A's cooldown");
        assertFalse(attacks.stream().anyMatch(a -> a.evicted));

        final Job typo = new Job("typo", "A", "10.0.0.2", true);
        scheduler.submit(typo);
        typo.await();
        final Job retry = new Job("retry", "A", "10.0.0.2", false);
        scheduler.submit(retry);
        assertFalse(retry.done.await(100, TimeUnit.MILLISECONDS), "a known address's own cooldown still holds");
        clock.addAndGet(COOLDOWN);
        scheduler.submit(new Job("nudge", "Z", "10.0.0.9", false));
        retry.await();
        assertEquals("retry", ran.get(ran.indexOf("typo") + 1), "the known lane goes first once cooled down");
    }

    @Test
    void logonsFromKnownAddressesOverAndOverTakeTurnsWithTheOtherLaneInsteadOfStarvingIt() throws Exception
    {
        scheduler = new LogonScheduler(1, 8, COOLDOWN, clock::get, KnownAddresses.inMemory());
        final Job first = new Job("first", "LIDA", "10.0.5.1", false);
        scheduler.submit(first);
        first.await(); // 10.0.5.1 is now a known address of LIDA
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Job gate = new Job("gate", "G", "10.0.0.50", false)
        {
            @Override
            public Authenticator.Outcome run()
            {
                running.countDown();
                try
                {
                    release.await(10, TimeUnit.SECONDS); // holds the only thread while the others queue
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                return super.run();
            }
        };
        scheduler.submit(gate);
        assertTrue(running.await(10, TimeUnit.SECONDS));
        final List<Job> again = new ArrayList<>();
        for (int i = 1; i <= 4; i++)
        {
            again.add(new Job("lida" + i, "LIDA", "10.0.5.1", false));
            assertTrue(scheduler.submit(again.get(i - 1)));
        }
        final Job newcomer = new Job("newcomer", "CN", "10.0.0.7", false);
        assertTrue(scheduler.submit(newcomer));
        release.countDown();
        newcomer.await();
        again.get(3).await();
        assertEquals(List.of("first", "gate", "lida1", "newcomer", "lida2", "lida3", "lida4"), ran,
            "the lanes alternate while both have a logon that may run");
    }

    private void awaitNonePending() throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (scheduler.pending() > 0 && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(1);
        }
        assertEquals(0, scheduler.pending());
    }
}
