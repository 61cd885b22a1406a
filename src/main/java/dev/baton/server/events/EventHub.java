package dev.baton.server.events;

import dev.baton.core.Event;
import dev.baton.tasks.TaskService;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the event log out to live clients. One thread follows the store ({@link TaskService#eventsAfter})
 * and hands each new batch to every subscriber. It reads when woken by an event stored in this
 * process and otherwise every {@code poll}, which brings in events written by other processes on
 * the same home. Reading the store rather than forwarding in-process events keeps one order, with
 * no gaps and no duplicates, for every client, and lets a client resume from any id.
 *
 * <p>After a read that found events the hub waits {@code window} before reading again, so under a
 * stream of events it reads (and wakes every subscriber) at most once per window with everything
 * stored meanwhile, instead of once per event; the first event after a quiet spell still goes out
 * at once. Each subscriber then writes all it has pending as one write (see {@link EventSink}).
 * Thread-safe.
 */
public final class EventHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventHub.class);
    private static final int PAGE = 1000;
    /** Batches a subscriber may fall behind before it is dropped (it can resume from its last id). */
    private static final int BACKLOG = 2048;

    private final TaskService store;
    private final Duration poll;
    private final Duration heartbeat;
    private final long windowNanos;
    private final Semaphore wake = new Semaphore(0);
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<Event>>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final EventJson json = new EventJson();
    private volatile long lastId;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param poll how often to read the store when nothing wakes the hub (events of other processes)
     * @param heartbeat how long a client may go without a write before it gets a keep-alive
     * @param window the least time between two reads that found events: the most a live event waits
     *     to be batched with the ones after it (zero reads at every wake)
     */
    public EventHub(TaskService store, Duration poll, Duration heartbeat, Duration window) {
        if (window.isNegative()) throw new IllegalArgumentException("the batching window must not be negative");
        this.store = store;
        this.poll = poll;
        this.heartbeat = heartbeat;
        this.windowNanos = window.toNanos();
    }

    /** Starts following the log after {@code fromId} (the newest id at start); wakes on the events stored in this process. */
    public synchronized void start(long fromId, Consumer<Consumer<dev.baton.core.Event>> subscribe) {
        if (running) return;
        lastId = fromId;
        running = true;
        subscribe.accept(e -> wake());
        thread = Thread.ofPlatform().name("baton-event-hub").daemon(true).start(this::loop);
    }

    /** Reads the store now instead of at the next poll. */
    public void wake() {
        if (wake.availablePermits() == 0) wake.release();
    }

    /** Called with every new batch, on the hub's thread (metrics); must be quick. */
    public void listen(Consumer<List<Event>> listener) {
        listeners.add(listener);
    }

    /** The JSON text of an event of this log (written once for all clients). */
    public String text(Event e) {
        return json.text(e);
    }

    /** The Server-Sent Events record of an event of this log (written once for all clients). */
    byte[] sseRecord(Event e) {
        return json.sse(e);
    }

    public long lastId() {
        return lastId;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    public long publishedCount() {
        return published.get();
    }

    private void loop() {
        while (running) {
            try {
                if (wake.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS)) wake.drainPermits();
                long readAt = System.nanoTime();
                boolean found = false;
                List<Event> batch;
                do {
                    batch = store.eventsAfter(lastId, PAGE);
                    if (batch.isEmpty()) break;
                    found = true;
                    lastId = batch.getLast().id();
                    published.addAndGet(batch.size());
                    for (Subscriber s : subscribers) s.offer(batch);
                    for (Consumer<List<Event>> l : listeners) l.accept(batch);
                } while (batch.size() == PAGE);
                // Let the events stored meanwhile gather (their wakes leave a permit) into the next read.
                long rest = readAt + windowNanos - System.nanoTime();
                if (found && rest > 0) Thread.sleep(Duration.ofNanos(rest));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("reading new events failed; trying again", e);
                sleep(poll);
            }
        }
    }

    /**
     * Sends the events after {@code afterId} that match the filter, then every new one, until the
     * sink fails (the client went away), the client falls too far behind, or the hub closes. Blocks
     * the calling thread (a virtual thread per client).
     */
    public void stream(long afterId, EventFilter filter, EventSink sink) throws IOException, InterruptedException {
        Subscriber subscriber = new Subscriber();
        subscribers.add(subscriber); // before catching up, so nothing published meanwhile is missed
        try {
            long cursor = catchUp(afterId, filter, sink);
            while (running && !subscriber.overflowed) {
                List<Event> batch = subscriber.queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (batch == null) {
                    sink.heartbeat();
                    continue;
                }
                List<Event> out = new ArrayList<>();
                do {
                    for (Event e : batch) {
                        if (e.id() > cursor) {
                            cursor = e.id();
                            if (filter.matches(e)) out.add(e);
                        }
                    }
                } while (out.size() < PAGE && (batch = subscriber.queue.poll()) != null);
                if (!out.isEmpty()) sink.send(out);
            }
        } finally {
            subscribers.remove(subscriber);
        }
    }

    private long catchUp(long afterId, EventFilter filter, EventSink sink) throws IOException {
        long cursor = afterId;
        while (true) {
            List<Event> page =
                    filter.task() != null ? store.events(filter.task(), cursor, PAGE) : store.eventsAfter(cursor, PAGE);
            if (page.isEmpty()) return cursor;
            cursor = page.getLast().id();
            List<Event> out = page.stream().filter(filter::matches).toList();
            if (!out.isEmpty()) sink.send(out);
            if (page.size() < PAGE) return cursor;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) thread.interrupt();
    }

    private static final class Subscriber {
        final BlockingQueue<List<Event>> queue = new ArrayBlockingQueue<>(BACKLOG);
        volatile boolean overflowed;

        void offer(List<Event> batch) {
            if (!queue.offer(batch)) overflowed = true;
        }
    }
}
