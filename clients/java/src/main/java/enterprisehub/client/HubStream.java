package enterprisehub.client;

import io.grpc.Context;
import io.grpc.Status;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A resumable server stream ({@code WatchFacts}, {@code ReadSubscription}, {@code WatchRiskAlerts},
 * {@code WatchNotices}) as a blocking {@link Iterator}. When the connection breaks or the hub
 * restarts, it reconnects with exponential backoff from the last position it saw (the last event's
 * sequence or the last heartbeat's position) and skips anything at or below that position, so the
 * caller sees each event once and in order. Heartbeats only move the position; they are not
 * returned. Close it (try-with-resources) to cancel the stream.
 *
 * @param <T> the event type (e.g. {@code Facts.Fact})
 */
public final class HubStream<T> implements Iterator<T>, AutoCloseable {

    /** One message of the underlying stream, decoded: an event, or a heartbeat's position. */
    public record Message<T>(T event, long sequence, boolean heartbeat) {
        /** @return an event with its sequence */
        public static <T> Message<T> event(T event, long sequence) { return new Message<>(event, sequence, false); }
        /** @return a heartbeat at a position */
        public static <T> Message<T> heartbeat(long position) { return new Message<>(null, position, true); }
    }

    private final Function<Long, Iterator<Message<T>>> open;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxAttempts;
    private long position;
    private Context.CancellableContext context;
    private Iterator<Message<T>> current;
    private T next;
    private boolean closed;
    private int reconnects;

    /**
     * @param open opens the stream after a position (the caller's request with the position as
     *     its cursor) and maps its messages
     * @param afterPosition where to start: deliver events after this sequence
     * @param initialBackoff the first wait before reconnecting; doubled each failed attempt
     * @param maxBackoff the longest wait between attempts
     * @param maxAttempts failed attempts in a row (without an event in between) before giving up
     */
    HubStream(Function<Long, Iterator<Message<T>>> open, long afterPosition, Duration initialBackoff,
            Duration maxBackoff, int maxAttempts) {
        this.open = open;
        this.position = afterPosition;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxAttempts = maxAttempts;
    }

    /** @return the last position seen: resume after it (e.g. acknowledge a subscription up to it) */
    public synchronized long position() { return position; }

    /** @return how many times the stream was reopened after a break */
    public synchronized int reconnects() { return reconnects; }

    /**
     * Waits for the next event.
     *
     * @return false only after {@link #close()} or when the hub ended the stream normally
     * @throws HubException when the hub refuses the stream, or reconnecting failed
     *     {@code maxAttempts} times in a row
     */
    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        int failures = 0;
        Duration backoff = initialBackoff;
        while (true) {
            synchronized (this) {
                if (closed) {
                    return false;
                }
                if (current == null) {
                    context = Context.current().withCancellation();
                    long from = position;
                    Context previous = context.attach();
                    try {
                        current = open.apply(from);
                    } finally {
                        context.detach(previous);
                    }
                }
            }
            try {
                while (current.hasNext()) {
                    Message<T> message = current.next();
                    failures = 0;
                    backoff = initialBackoff;
                    synchronized (this) {
                        if (message.sequence() <= position) {
                            continue; // already delivered before a reconnect
                        }
                        position = message.sequence();
                    }
                    if (!message.heartbeat()) {
                        next = message.event();
                        return true;
                    }
                }
                synchronized (this) {
                    current = null;
                    return false;
                }
            } catch (RuntimeException error) {
                HubException hub = HubException.from(error);
                synchronized (this) {
                    current = null;
                    if (closed) {
                        return false;
                    }
                }
                if (!resumable(hub.code()) || ++failures > maxAttempts) {
                    throw hub;
                }
                Duration wait = hub.retryDelay().filter(d -> hub.code() == Status.Code.RESOURCE_EXHAUSTED)
                        .orElse(backoff);
                sleep(wait);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                synchronized (this) {
                    reconnects++;
                }
            }
        }
    }

    private static boolean resumable(Status.Code code) {
        return code == Status.Code.UNAVAILABLE || code == Status.Code.INTERNAL || code == Status.Code.UNKNOWN
                || code == Status.Code.ABORTED || code == Status.Code.CANCELLED
                || code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.RESOURCE_EXHAUSTED;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HubException.from(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
        }
    }

    /** @return the next event, waiting for it */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T event = next;
        next = null;
        return event;
    }

    /** @return the events as a sequential {@link Stream}; closing the stream closes this */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    /** Cancels the stream; a blocked {@link #hasNext()} returns false. */
    @Override
    public void close() {
        Context.CancellableContext toCancel;
        synchronized (this) {
            closed = true;
            toCancel = context;
        }
        if (toCancel != null) {
            toCancel.cancel(null);
        }
    }
}
