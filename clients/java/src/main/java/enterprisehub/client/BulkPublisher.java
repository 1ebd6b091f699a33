package enterprisehub.client;

import enterprisehub.v1.Exchange.PublishFactStreamRequest;
import enterprisehub.v1.Exchange.PublishFactStreamResponse;
import enterprisehub.v1.FactExchangeGrpc;
import enterprisehub.v1.Facts.FactDraft;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/** Bulk loading over {@code PublishFactStream}: chunks, a window of unacknowledged chunks, resends. */
final class BulkPublisher {
    private final FactExchangeGrpc.FactExchangeStub stub;
    private final int window;
    private final int maxAttempts;

    BulkPublisher(FactExchangeGrpc.FactExchangeStub stub, int window, int maxAttempts) {
        this.stub = stub;
        this.window = window;
        this.maxAttempts = maxAttempts;
    }

    private sealed interface Event permits Ack, Failed, Completed {}
    private record Ack(PublishFactStreamResponse response) implements Event {}
    private record Failed(Throwable error) implements Event {}
    private record Completed() implements Event {}

    BulkProgress publish(List<FactDraft> facts, int chunkSize, Consumer<BulkProgress> progress) {
        if (chunkSize < 1 || chunkSize > 5000) {
            throw new IllegalArgumentException("chunkSize must be 1 to 5,000");
        }
        List<PublishFactStreamRequest> chunks = new ArrayList<>();
        for (int i = 0; i < facts.size(); i += chunkSize) {
            chunks.add(PublishFactStreamRequest.newBuilder()
                    .addAllFacts(facts.subList(i, Math.min(facts.size(), i + chunkSize))).build());
        }
        int acked = 0;
        long stored = 0;
        long duplicates = 0;
        long lastSequence = 0;
        int resends = 0;
        int failures = 0;
        Duration backoff = Duration.ofMillis(100);
        BulkProgress state = new BulkProgress(0, chunks.size(), 0, 0, 0, 0);
        while (acked < chunks.size()) {
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            java.util.concurrent.atomic.AtomicReference<ClientCallStreamObserver<PublishFactStreamRequest>> ref = new java.util.concurrent.atomic.AtomicReference<>();
            stub.publishFactStream(new ClientResponseObserver<PublishFactStreamRequest, PublishFactStreamResponse>() {
                @Override public void beforeStart(ClientCallStreamObserver<PublishFactStreamRequest> requestStream) {
                    ref.set(requestStream);
                }
                @Override public void onNext(PublishFactStreamResponse value) { events.add(new Ack(value)); }
                @Override public void onError(Throwable t) { events.add(new Failed(t)); }
                @Override public void onCompleted() { events.add(new Completed()); }
            });
            ClientCallStreamObserver<PublishFactStreamRequest> call = ref.get();
            int streamStart = acked;
            int sent = acked;
            boolean halfClosed = false;
            try {
                while (acked < chunks.size()) {
                    while (sent < chunks.size() && sent - acked < window) {
                        call.onNext(chunks.get(sent++));
                    }
                    if (sent == chunks.size() && !halfClosed) {
                        call.onCompleted();
                        halfClosed = true;
                    }
                    Event event = events.take();
                    if (event instanceof Ack ack) {
                        PublishFactStreamResponse r = ack.response();
                        int index = streamStart + (int) r.getChunk() - 1;
                        if (index != acked) {
                            throw HubException.from(Status.INTERNAL.withDescription(
                                    "chunk " + r.getChunk() + " acknowledged out of order").asRuntimeException());
                        }
                        acked++;
                        stored += r.getStored();
                        duplicates += r.getDuplicates();
                        lastSequence = Math.max(lastSequence, r.getLastSequence());
                        failures = 0;
                        backoff = Duration.ofMillis(100);
                        state = new BulkProgress(acked, chunks.size(), stored, duplicates, lastSequence, resends);
                        if (progress != null) {
                            progress.accept(state);
                        }
                    } else if (event instanceof Failed failed) {
                        throw HubException.from(failed.error());
                    } else if (acked < chunks.size()) {
                        throw HubException.from(Status.UNAVAILABLE.withDescription(
                                "the hub ended the stream before acknowledging every chunk").asRuntimeException());
                    }
                }
            } catch (InterruptedException e) {
                call.cancel("interrupted", e);
                Thread.currentThread().interrupt();
                throw HubException.from(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
            } catch (HubException error) {
                call.cancel("resending", null);
                // UNAVAILABLE: a broken stream. RESOURCE_EXHAUSTED only with the hub's RetryInfo, after its delay.
                boolean quota = error.code() == Status.Code.RESOURCE_EXHAUSTED && error.retryDelay().isPresent();
                if ((error.code() != Status.Code.UNAVAILABLE && !quota) || ++failures > maxAttempts) {
                    throw error;
                }
                resends++;
                try {
                    Thread.sleep(quota ? error.retryDelay().get().toMillis() : backoff.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw error;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
        return state;
    }
}
