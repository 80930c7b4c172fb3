package by.butb.gateway;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundQueueTest
{
    private static final int PRODUCERS = 8;
    private static final int ITEMS_PER_PRODUCER = 100_000;

    @Test
    void itemsComeOutInOrderThroughTheRingAndTheOverflow()
    {
        final OutboundQueue<Integer> queue = new OutboundQueue<>(4);
        for (int i = 0; i < 10; i++)
        {
            queue.add(i);
        }
        queue.add(10);
        final List<Integer> out = new ArrayList<>();
        assertEquals(3, queue.drainTo(out, 3));
        for (int i = 11; i < 20; i++)
        {
            queue.add(i); // the overflow still holds items: these go after them
        }
        Integer item;
        while ((item = queue.poll()) != null)
        {
            out.add(item);
        }
        for (int i = 0; i < 20; i++)
        {
            assertEquals(i, out.get(i));
        }
        assertTrue(queue.isEmpty());
        queue.add(20); // the overflow is empty again: back in the ring
        assertEquals(20, queue.poll());
        assertNull(queue.poll());
    }

    @Test
    void eachProducersItemsArriveOnceAndInOrderWhileTheRingFillsAndEmpties() throws Exception
    {
        final long seed = System.nanoTime();
        final SplittableRandom seeds = new SplittableRandom(seed);
        final OutboundQueue<long[]> queue = new OutboundQueue<>(2); // more producers than slots and than cores
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++)
        {
            final int producer = p;
            final SplittableRandom random = seeds.split();
            final Thread t = new Thread(() ->
            {
                awaitQuietly(start);
                for (int i = 0; i < ITEMS_PER_PRODUCER; i++)
                {
                    queue.add(new long[] {producer, i});
                    if (random.nextInt(64) == 0)
                    {
                        Thread.yield(); // bursts and gaps, so the overflow fills and drains many times
                    }
                }
            }, "test-producer-" + p);
            producers.add(t);
            t.start();
        }
        final int[] next = new int[PRODUCERS];
        final SplittableRandom consumer = seeds.split();
        final List<long[]> batch = new ArrayList<>();
        start.countDown();
        int received = 0;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received < PRODUCERS * ITEMS_PER_PRODUCER)
        {
            assertTrue(System.nanoTime() < deadline, "every item within 60 s (seed " + seed + ")");
            batch.clear();
            queue.drainTo(batch, 1 + consumer.nextInt(16));
            for (final long[] item : batch)
            {
                final int producer = (int)item[0];
                assertEquals(next[producer], item[1], "producer " + producer + "'s next item (seed " + seed + ")");
                next[producer]++;
                received++;
            }
            if (consumer.nextInt(8) == 0)
            {
                Thread.yield(); // a slow consumer now and then, so the ring fills
            }
        }
        for (final Thread t : producers)
        {
            t.join(10_000);
        }
        assertNull(queue.poll(), "nothing more (seed " + seed + ")");
        assertTrue(queue.isEmpty());
    }

    @Test
    void everyAddWakesTheConsumerWhetherItIsParkingOrParked() throws Exception
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final OutboundQueue<Integer> queue = new OutboundQueue<>(16);
        final int items = 2_000;
        final Thread consumer = new Thread(() ->
        {
            for (int taken = 0; taken < items; )
            {
                if (queue.poll() == null)
                {
                    queue.await(Long.MAX_VALUE); // only an add wakes it: a lost wake-up leaves it parked
                }
                else
                {
                    taken++;
                }
            }
        }, "test-consumer");
        consumer.setDaemon(true);
        consumer.start();
        for (int i = 0; i < items; i++)
        {
            java.util.concurrent.locks.LockSupport.parkNanos(random.nextInt(50_000)); // lands anywhere in its wait
            queue.add(i);
        }
        consumer.join(TimeUnit.SECONDS.toMillis(60));
        assertTrue(!consumer.isAlive(), "every item taken, no wake-up lost (seed " + seed + ")");
    }

    @Test
    void awaitReturnsAtOnceWhenAnItemIsQueued() throws Exception
    {
        final OutboundQueue<String> queue = new OutboundQueue<>(16);
        queue.add("x");
        final Thread waiter = new Thread(() -> queue.await(Long.MAX_VALUE), "test-waiter");
        waiter.setDaemon(true);
        waiter.start();
        waiter.join(TimeUnit.SECONDS.toMillis(60));
        assertTrue(!waiter.isAlive(), "an item is queued: no park");
        assertEquals("x", queue.poll());
    }

    @Test
    void addingAndTakingBelowTheRingsCapacityCreatesNoObject()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        final OutboundQueue<Object> queue = new OutboundQueue<>(64);
        final Object item = new Object();
        final List<Object> batch = new ArrayList<>(64);
        for (int round = 0; round < 20_000; round++) // warm up, so the loop is compiled
        {
            cycle(queue, item, batch);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 20_000; round++)
        {
            cycle(queue, item, batch);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1_000, "bytes allocated by 20,000 rounds of 32 items: " + allocated);
    }

    private static void cycle(final OutboundQueue<Object> queue, final Object item, final List<Object> batch)
    {
        for (int i = 0; i < 32; i++)
        {
            queue.add(item);
        }
        batch.clear();
        queue.drainTo(batch, 32);
        queue.await(0); // an item-less wait: no node either
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
