package enterprisehub.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RetryInfo;
import enterprisehub.v1.CatalogGrpc;
import enterprisehub.v1.CatalogOuterClass.ListFactTypesRequest;
import enterprisehub.v1.CatalogOuterClass.ListFactTypesResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Contexts;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The SDK's parts without a hub. */
class UnitTest {

    @Test
    void anErrorIsDecodedFromTheStatusDetailsTrailer() {
        com.google.rpc.Status rich = com.google.rpc.Status.newBuilder().setCode(8).setMessage("over quota")
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("QUOTA_EXCEEDED").setDomain("enterprisehub.v1")
                        .putMetadata("request_id", "r-1").build()))
                .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField("purpose").setDescription("required")).build()))
                .addDetails(Any.pack(QuotaFailure.newBuilder().addViolations(QuotaFailure.Violation.newBuilder()
                        .setSubject("tax").setDescription("read calls: 2000 per second")).build()))
                .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder()
                        .setNanos(250_000_000)).build()))
                .build();
        Metadata trailers = new Metadata();
        trailers.put(HubException.STATUS_DETAILS, rich.toByteArray());
        HubException e = HubException.from(new StatusRuntimeException(Status.RESOURCE_EXHAUSTED.withDescription("over quota"), trailers));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.code());
        assertEquals("QUOTA_EXCEEDED", e.reason());
        assertEquals("enterprisehub.v1", e.domain());
        assertEquals("r-1", e.requestId());
        assertEquals(List.of(new HubException.FieldViolation("purpose", "required")), e.fieldViolations());
        assertEquals(List.of(new HubException.QuotaViolation("tax", "read calls: 2000 per second")), e.quotaViolations());
        assertEquals(Duration.ofMillis(250), e.retryDelay().orElseThrow());
        assertTrue(e.getMessage().contains("QUOTA_EXCEEDED") && e.getMessage().contains("r-1"), e.getMessage());
    }

    @Test
    void anErrorWithoutDetailsKeepsItsCode() {
        HubException e = HubException.from(Status.UNAVAILABLE.withDescription("down").asRuntimeException());
        assertEquals(Status.Code.UNAVAILABLE, e.code());
        assertEquals("", e.reason());
        assertTrue(e.fieldViolations().isEmpty());
        assertTrue(e.retryDelay().isEmpty());
    }

    @Test
    void theServiceConfigRetriesOnlyUnavailableForTheSafeCalls() {
        Map<String, Object> config = HubClient.serviceConfig(4);
        String text = config.toString();
        assertTrue(text.contains("retryableStatusCodes=[UNAVAILABLE]"), text);
        assertTrue(text.contains("service=enterprisehub.v1.EnterpriseDirectory"), text);
        assertTrue(text.contains("method=PublishFacts"), text);
        assertFalse(text.contains("RequestGrant") || text.contains("DecideGrant") || text.contains("PublishFactStream"), text);
    }

    @Test
    void aKeyThatIsNotPkcs8IsRefusedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pem.pkcs8("-----BEGIN EC PRIVATE KEY-----\nAA==\n-----END EC PRIVATE KEY-----\n".getBytes()));
        assertTrue(e.getMessage().contains("openssl pkcs8"));
    }

    @Test
    void aResumableStreamReconnectsFromItsPositionAndSkipsWhatItSaw() {
        List<Long> opens = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HubStream<String> stream = new HubStream<>(after -> {
            opens.add(after);
            int call = calls.incrementAndGet();
            List<HubStream.Message<String>> messages = new ArrayList<>();
            if (call == 1) {
                messages.add(HubStream.Message.event("e1", 1));
                messages.add(HubStream.Message.event("e2", 2));
                messages.add(HubStream.Message.heartbeat(4));
                return failingAfter(messages, Status.UNAVAILABLE);
            }
            if (call == 2) {
                return failingAfter(messages, Status.UNAVAILABLE); // the hub is still down
            }
            messages.add(HubStream.Message.event("e3-again", 3)); // at least once: replayed, skipped
            messages.add(HubStream.Message.event("e5", 5));
            messages.add(HubStream.Message.event("e6", 6));
            return messages.iterator();
        }, 0, Duration.ofMillis(1), Duration.ofMillis(2), 5);
        List<String> seen = stream.stream().toList();
        assertEquals(List.of("e1", "e2", "e5", "e6"), seen);
        assertEquals(List.of(0L, 4L, 4L), opens);
        assertEquals(2, stream.reconnects());
        assertEquals(6, stream.position());
    }

    @Test
    void aResumableStreamGivesUpOnARefusal() {
        HubStream<String> stream = new HubStream<>(after -> failingAfter(List.of(), Status.PERMISSION_DENIED),
                0, Duration.ofMillis(1), Duration.ofMillis(2), 5);
        HubException e = assertThrows(HubException.class, stream::hasNext);
        assertEquals(Status.Code.PERMISSION_DENIED, e.code());
    }

    @Test
    void everyCallCarriesARequestIdAndAUnaryDeadline() throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        List<Boolean> deadlines = new CopyOnWriteArrayList<>();
        String name = InProcessServerBuilder.generateName();
        CatalogGrpc.CatalogImplBase impl = new CatalogGrpc.CatalogImplBase() {
            @Override
            public void listFactTypes(ListFactTypesRequest request, StreamObserver<ListFactTypesResponse> reply) {
                deadlines.add(io.grpc.Context.current().getDeadline() != null);
                reply.onNext(ListFactTypesResponse.getDefaultInstance());
                reply.onCompleted();
            }
        };
        Server server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(impl, new io.grpc.ServerInterceptor() {
                    @Override
                    public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call, Metadata headers,
                            io.grpc.ServerCallHandler<Q, R> next) {
                        ids.add(headers.get(HubClient.REQUEST_ID_HEADER));
                        return Contexts.interceptCall(io.grpc.Context.current(), call, headers, next);
                    }
                })).build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            Channel intercepted = ClientInterceptors.intercept(channel, new HubClient.Interceptor(Duration.ofSeconds(7)));
            CatalogGrpc.CatalogBlockingStub stub = CatalogGrpc.newBlockingStub(intercepted);
            stub.listFactTypes(ListFactTypesRequest.getDefaultInstance());
            stub.withOption(HubClient.REQUEST_ID, "mine-42").listFactTypes(ListFactTypesRequest.getDefaultInstance());
            assertEquals(2, ids.size());
            assertEquals(36, ids.get(0).length(), "a generated UUID: " + ids.get(0));
            assertEquals("mine-42", ids.get(1));
            assertEquals(List.of(true, true), deadlines);
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }

    private static <T> Iterator<HubStream.Message<T>> failingAfter(List<HubStream.Message<T>> messages, Status status) {
        Iterator<HubStream.Message<T>> inner = messages.iterator();
        return new Iterator<>() {
            @Override public boolean hasNext() {
                if (inner.hasNext()) {
                    return true;
                }
                throw status.asRuntimeException();
            }
            @Override public HubStream.Message<T> next() { return inner.next(); }
        };
    }
}
