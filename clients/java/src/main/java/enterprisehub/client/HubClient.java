package enterprisehub.client;

import enterprisehub.v1.AuditGrpc;
import enterprisehub.v1.AuditOuterClass.AccessRecord;
import enterprisehub.v1.AuditOuterClass.ListAccessRequest;
import enterprisehub.v1.CatalogGrpc;
import enterprisehub.v1.CatalogOuterClass.DecideGrantRequest;
import enterprisehub.v1.CatalogOuterClass.Grant;
import enterprisehub.v1.CatalogOuterClass.GrantState;
import enterprisehub.v1.CatalogOuterClass.ListGrantRequestsRequest;
import enterprisehub.v1.CatalogOuterClass.RequestGrantRequest;
import enterprisehub.v1.Credit.ListRiskEnterprisesRequest;
import enterprisehub.v1.Credit.RiskAlert;
import enterprisehub.v1.Credit.RiskEnterprise;
import enterprisehub.v1.Credit.WatchRiskAlertsRequest;
import enterprisehub.v1.CreditMonitorGrpc;
import enterprisehub.v1.Directory.Enterprise;
import enterprisehub.v1.Directory.GetEnterpriseRequest;
import enterprisehub.v1.Directory.GetFactHistoryRequest;
import enterprisehub.v1.Directory.SearchEnterprisesRequest;
import enterprisehub.v1.EnterpriseDirectoryGrpc;
import enterprisehub.v1.Exchange.AckSubscriptionRequest;
import enterprisehub.v1.Exchange.PublishFactsRequest;
import enterprisehub.v1.Exchange.PublishResult;
import enterprisehub.v1.Exchange.ReadSubscriptionRequest;
import enterprisehub.v1.Exchange.Subscription;
import enterprisehub.v1.Exchange.WatchFactsRequest;
import enterprisehub.v1.FactExchangeGrpc;
import enterprisehub.v1.Facts.Fact;
import enterprisehub.v1.Facts.FactDraft;
import enterprisehub.v1.FormsGrpc;
import enterprisehub.v1.Proactive.ListNoticesRequest;
import enterprisehub.v1.Proactive.Notice;
import enterprisehub.v1.Proactive.WatchNoticesRequest;
import enterprisehub.v1.ProactiveServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A client of the EnterpriseHub over mutual TLS. It presents the department's certificate, trusts
 * only the hub's CA, puts a default deadline on every unary call, retries {@code UNAVAILABLE} with
 * backoff for the calls that are safe to repeat (through gRPC's retry policy), and sends an
 * {@code x-request-id} on every call.
 *
 * <pre>{@code
 * try (HubClient hub = HubClient.builder("https://127.0.0.1:7443")
 *         .pemFiles(Path.of("certs/ca.crt"), Path.of("certs/tax.crt"), Path.of("certs/tax.key"))
 *         .build()) {
 *     Enterprise e = hub.getEnterprise("91440115MA5HUB013L", "demo", "tax-0042");
 * }
 * }</pre>
 *
 * <p>The typed methods throw {@link HubException}. The generated stubs ({@link #directory()},
 * {@link #exchange()}, ...) reach every other call through the same channel; decode their errors
 * with {@link HubException#from(Throwable)}; override the deadline per call with
 * {@code withDeadlineAfter} and set the request id with {@code withOption(HubClient.REQUEST_ID, id)}.
 */
public final class HubClient implements AutoCloseable {

    /** The header that carries the request id, both ways. */
    public static final Metadata.Key<String> REQUEST_ID_HEADER =
            Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    /** A call option naming the request id of one call; a random UUID when not set. */
    public static final CallOptions.Key<String> REQUEST_ID = CallOptions.Key.create("enterprisehub-request-id");

    /** The methods that are safe to repeat, which gRPC retries on {@code UNAVAILABLE}. */
    static final List<String> RETRYABLE = List.of(
            "enterprisehub.v1.EnterpriseDirectory",
            "enterprisehub.v1.Audit",
            "enterprisehub.v1.Catalog/ListFactTypes",
            "enterprisehub.v1.Catalog/ListGrantRequests",
            "enterprisehub.v1.Catalog/ListReadableFactTypes",
            "enterprisehub.v1.CreditMonitor/GetCreditProfile",
            "enterprisehub.v1.CreditMonitor/ListRiskEnterprises",
            "enterprisehub.v1.FactExchange/PublishFacts",
            "enterprisehub.v1.FactExchange/CreateSubscription",
            "enterprisehub.v1.FactExchange/AckSubscription",
            "enterprisehub.v1.FactExchange/ListSubscriptions",
            "enterprisehub.v1.ProactiveService/Preview",
            "enterprisehub.v1.ProactiveService/ListPolicies",
            "enterprisehub.v1.ProactiveService/ListNotices",
            "enterprisehub.v1.ProactiveService/GetNotice",
            "enterprisehub.v1.Forms/ListForms",
            "enterprisehub.v1.Forms/Prefill",
            "enterprisehub.v1.Forms/GetSubmission",
            "enterprisehub.v1.Forms/ListSubmissions");

    private final ManagedChannel channel;
    private final Channel intercepted;
    private final Duration deadline;
    private final Duration streamBackoff;
    private final int streamAttempts;

    private HubClient(Builder b) {
        URI uri = URI.create(b.address.contains("://") ? b.address : "https://" + b.address);
        SslContext ssl;
        try {
            ssl = io.netty.handler.ssl.EnterpriseHubJdkAlpn.clientContext(Pem.context(b.ca, b.certificate, b.key));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build the TLS context from the PEM given: " + e.getMessage(), e);
        }
        NettyChannelBuilder ncb = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort() < 0 ? 443 : uri.getPort())
                .sslContext(ssl)
                .defaultServiceConfig(serviceConfig(b.maxAttempts))
                .enableRetry()
                .maxInboundMessageSize(64 * 1024 * 1024);
        if (b.authority != null) {
            ncb.overrideAuthority(b.authority);
        }
        this.channel = ncb.build();
        this.deadline = b.deadline;
        this.streamBackoff = b.streamBackoff;
        this.streamAttempts = b.streamAttempts;
        this.intercepted = ClientInterceptors.intercept(channel, new Interceptor(deadline));
    }

    /**
     * Starts a client.
     *
     * @param address {@code https://host:port} or {@code host:port}
     * @return a builder; give it the PEM files or text, then {@link Builder#build()}
     */
    public static Builder builder(String address) {
        return new Builder(address);
    }

    /** The gRPC service config: the retry policy for the calls that are safe to repeat. */
    static Map<String, Object> serviceConfig(int maxAttempts) {
        List<Object> names = new ArrayList<>();
        for (String name : RETRYABLE) {
            int slash = name.indexOf('/');
            names.add(slash < 0 ? Map.of("service", name)
                    : Map.of("service", name.substring(0, slash), "method", name.substring(slash + 1)));
        }
        Map<String, Object> retry = Map.of(
                "maxAttempts", (double) maxAttempts,
                "initialBackoff", "0.2s",
                "maxBackoff", "5s",
                "backoffMultiplier", 2.0,
                "retryableStatusCodes", List.of("UNAVAILABLE"));
        return Map.of("methodConfig", List.of(Map.of("name", names, "retryPolicy", retry)));
    }

    /** @return the directory's stub: lookups, batch lookups, search, history */
    public EnterpriseDirectoryGrpc.EnterpriseDirectoryBlockingStub directory() { return EnterpriseDirectoryGrpc.newBlockingStub(intercepted); }

    /** @return the fact exchange's stub: publishing, watches, subscriptions */
    public FactExchangeGrpc.FactExchangeBlockingStub exchange() { return FactExchangeGrpc.newBlockingStub(intercepted); }

    /** @return the catalog's stub: fact types and grants */
    public CatalogGrpc.CatalogBlockingStub catalog() { return CatalogGrpc.newBlockingStub(intercepted); }

    /** @return the audit's stub: access logs and the chain check */
    public AuditGrpc.AuditBlockingStub audit() { return AuditGrpc.newBlockingStub(intercepted); }

    /** @return the credit monitor's stub */
    public CreditMonitorGrpc.CreditMonitorBlockingStub credit() { return CreditMonitorGrpc.newBlockingStub(intercepted); }

    /** @return the proactive service's stub: policies and notices */
    public ProactiveServiceGrpc.ProactiveServiceBlockingStub proactive() { return ProactiveServiceGrpc.newBlockingStub(intercepted); }

    /** @return the forms' stub */
    public FormsGrpc.FormsBlockingStub forms() { return FormsGrpc.newBlockingStub(intercepted); }

    /** @return the channel with this client's interceptors, for stubs of your own */
    public Channel channel() { return intercepted; }

    /**
     * Runs a call and turns its failure into a {@link HubException}.
     *
     * @param call the call, e.g. {@code () -> hub.catalog().listFactTypes(req)}
     * @param <T> its result
     * @return its result
     */
    public static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw HubException.from(e);
        }
    }

    /**
     * Looks up an enterprise with every fact the caller may read.
     *
     * @param uscc the enterprise's Unified Social Credit Code
     * @param purpose why (a legal basis or a case number)
     * @param officerId the officer who asks
     * @return the merged profile (facts of every department, withheld types named)
     */
    public Enterprise getEnterprise(String uscc, String purpose, String officerId) {
        return getEnterprise(GetEnterpriseRequest.newBuilder().setUscc(uscc).setPurpose(purpose).setOfficerId(officerId).build());
    }

    /**
     * Looks up an enterprise.
     *
     * @param request the full request (fact types, as-of time, acting for)
     * @return the merged profile
     */
    public Enterprise getEnterprise(GetEnterpriseRequest request) {
        return call(() -> directory().getEnterprise(request)).getEnterprise();
    }

    /**
     * Publishes facts in one all-or-nothing batch (idempotent on {@code source_record_id}).
     *
     * @param facts 1 to 5,000 facts of the caller's own types
     * @return one result per fact, in order ({@code duplicate} when stored before)
     */
    public List<PublishResult> publish(List<FactDraft> facts) {
        return call(() -> exchange().publishFacts(PublishFactsRequest.newBuilder().addAllFacts(facts).build())).getResultsList();
    }

    /**
     * Publishes one fact.
     *
     * @param fact a fact of one of the caller's own types
     * @return its result
     */
    public PublishResult publish(FactDraft fact) {
        return publish(List.of(fact)).get(0);
    }

    /**
     * Every enterprise a search finds, page after page (pages are fetched as the stream is read).
     *
     * @param request the search; its page size is kept, its page token is where to start
     * @return the enterprises
     */
    public Stream<Enterprise> search(SearchEnterprisesRequest request) {
        return pages(request.getPageToken(), token -> directory().searchEnterprises(request.toBuilder().setPageToken(token).build()),
                r -> r.getEnterprisesList(), r -> r.getNextPageToken());
    }

    /**
     * A fact's history, newest first, page after page.
     *
     * @param request the enterprise, type, purpose and officer
     * @return the facts
     */
    public Stream<Fact> factHistory(GetFactHistoryRequest request) {
        return pages(request.getPageToken(), token -> directory().getFactHistory(request.toBuilder().setPageToken(token).build()),
                r -> r.getFactsList(), r -> r.getNextPageToken());
    }

    /**
     * An enterprise's access log (who read what, when, why), page after page; admin or portal.
     *
     * @param request the enterprise (and acting for, for the portal)
     * @return the records
     */
    public Stream<AccessRecord> accessLog(ListAccessRequest request) {
        return pages(request.getPageToken(), token -> audit().listAccess(request.toBuilder().setPageToken(token).build()),
                r -> r.getRecordsList(), r -> r.getNextPageToken());
    }

    /**
     * An enterprise's notices, page after page.
     *
     * @param request the enterprise (and acting for, for the portal)
     * @return the notices
     */
    public Stream<Notice> notices(ListNoticesRequest request) {
        return pages(request.getPageToken(), token -> proactive().listNotices(request.toBuilder().setPageToken(token).build()),
                r -> r.getNoticesList(), r -> r.getNextPageToken());
    }

    /**
     * The risk list, page after page.
     *
     * @param request the level, zone, purpose and officer
     * @return the enterprises at risk
     */
    public Stream<RiskEnterprise> riskEnterprises(ListRiskEnterprisesRequest request) {
        return pages(request.getPageToken(), token -> credit().listRiskEnterprises(request.toBuilder().setPageToken(token).build()),
                r -> r.getEnterprisesList(), r -> r.getNextPageToken());
    }

    /**
     * The grant requests the caller made or must decide (the hub returns them in one reply).
     *
     * @param state only this state; {@code GRANT_STATE_UNSPECIFIED} for all
     * @return the grants
     */
    public Stream<Grant> grantRequests(GrantState state) {
        return call(() -> catalog().listGrantRequests(ListGrantRequestsRequest.newBuilder().setState(state).build()))
                .getGrantsList().stream();
    }

    /**
     * Asks the owner of a conditional fact type for read access.
     *
     * @param request the fact type, purpose, legal basis and wanted-until time
     * @return the pending grant
     */
    public Grant requestGrant(RequestGrantRequest request) {
        return call(() -> catalog().requestGrant(request)).getGrant();
    }

    /**
     * Approves or refuses a grant request, as the fact type's owner.
     *
     * @param grantId the grant's id
     * @param approve true to approve
     * @param reason why (recorded)
     * @return the decided grant
     */
    public Grant decideGrant(long grantId, boolean approve, String reason) {
        return call(() -> catalog().decideGrant(DecideGrantRequest.newBuilder()
                .setGrantId(grantId).setApprove(approve).setReason(reason).build())).getGrant();
    }

    /**
     * Watches the fact log from {@code request.after_sequence}, resuming across broken connections
     * and hub restarts from the last sequence or heartbeat position seen.
     *
     * @param request the filter, purpose, officer and starting cursor
     * @return the facts, each once, in sequence order; close it to stop
     */
    public HubStream<Fact> watchFacts(WatchFactsRequest request) {
        return stream(request.getAfterSequence(), after -> map(exchange().watchFacts(request.toBuilder().setAfterSequence(after).build()),
                m -> m.hasFact() ? HubStream.Message.event(m.getFact(), m.getFact().getSequence())
                        : HubStream.Message.heartbeat(m.getHeartbeat().getPosition())));
    }

    /**
     * Reads a named subscription from just after its last acknowledgement, reconnecting across
     * breaks; events already seen on this stream are not returned again. Acknowledge progress with
     * {@link #ackSubscription(String, long)} (e.g. with {@link HubStream#position()}).
     *
     * @param name the subscription
     * @param heartbeatSeconds seconds of silence before a heartbeat (0 for the hub's 15)
     * @return the facts, each once, in sequence order; close it to stop
     */
    public HubStream<Fact> readSubscription(String name, int heartbeatSeconds) {
        ReadSubscriptionRequest request = ReadSubscriptionRequest.newBuilder().setName(name).setHeartbeatSeconds(heartbeatSeconds).build();
        return stream(0, after -> map(exchange().readSubscription(request),
                m -> m.hasFact() ? HubStream.Message.event(m.getFact(), m.getFact().getSequence())
                        : HubStream.Message.heartbeat(m.getHeartbeat().getPosition())));
    }

    /**
     * Records a subscription's progress.
     *
     * @param name the subscription
     * @param position every event up to this sequence is processed
     * @return the subscription as stored
     */
    public Subscription ackSubscription(String name, long position) {
        return call(() -> exchange().ackSubscription(AckSubscriptionRequest.newBuilder().setName(name).setPosition(position).build()))
                .getSubscription();
    }

    /**
     * Watches credit risk alerts, resuming across breaks.
     *
     * @param request the zone, level, purpose, officer and starting cursor
     * @return the alerts, each once, in order; close it to stop
     */
    public HubStream<RiskAlert> watchRiskAlerts(WatchRiskAlertsRequest request) {
        return stream(request.getAfterSequence(), after -> map(credit().watchRiskAlerts(request.toBuilder().setAfterSequence(after).build()),
                m -> m.hasAlert() ? HubStream.Message.event(m.getAlert(), m.getAlert().getSequence())
                        : HubStream.Message.heartbeat(m.getHeartbeat().getPosition())));
    }

    /**
     * Watches the caller's notices, resuming across breaks.
     *
     * @param request the starting cursor and heartbeat interval
     * @return the notices, each once, in order; close it to stop
     */
    public HubStream<Notice> watchNotices(WatchNoticesRequest request) {
        return stream(request.getAfterSequence(), after -> map(proactive().watchNotices(request.toBuilder().setAfterSequence(after).build()),
                m -> m.hasNotice() ? HubStream.Message.event(m.getNotice(), m.getNotice().getSequence())
                        : HubStream.Message.heartbeat(m.getHeartbeat().getPosition())));
    }

    /**
     * Bulk-publishes over {@code PublishFactStream}: splits the facts into chunks, keeps a few
     * chunks in flight, waits for every acknowledgement, and after a broken stream resends from
     * the first unacknowledged chunk (publishing is idempotent, so nothing is stored twice).
     *
     * @param facts the facts, of the caller's own types
     * @param chunkSize facts per chunk, 1 to 5,000
     * @param progress called after each acknowledged chunk; may be null
     * @return the final progress: stored, duplicates, resends
     */
    public BulkProgress bulkPublish(List<FactDraft> facts, int chunkSize, java.util.function.Consumer<BulkProgress> progress) {
        return new BulkPublisher(FactExchangeGrpc.newStub(intercepted), 4, streamAttempts).publish(facts, chunkSize, progress);
    }

    private <T> HubStream<T> stream(long after, Function<Long, Iterator<HubStream.Message<T>>> open) {
        return new HubStream<>(open, after, streamBackoff, Duration.ofSeconds(5), streamAttempts);
    }

    private static <R, T> Iterator<HubStream.Message<T>> map(Iterator<R> source, Function<R, HubStream.Message<T>> f) {
        return new Iterator<>() {
            @Override public boolean hasNext() { return source.hasNext(); }
            @Override public HubStream.Message<T> next() { return f.apply(source.next()); }
        };
    }

    private static <R, T> Stream<T> pages(String first, Function<String, R> fetch, Function<R, List<T>> items,
            Function<R, String> nextToken) {
        Iterator<T> iterator = new Iterator<>() {
            private String token = first;
            private Iterator<T> page = null;
            private boolean last = false;

            @Override
            public boolean hasNext() {
                while (page == null || !page.hasNext()) {
                    if (last) {
                        return false;
                    }
                    R reply = call(() -> fetch.apply(token));
                    page = items.apply(reply).iterator();
                    token = nextToken.apply(reply);
                    last = token.isEmpty();
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Closes the channel, waiting up to five seconds for calls in flight. */
    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Adds the request id and the default deadline. */
    static final class Interceptor implements ClientInterceptor {
        private final Duration deadline;

        Interceptor(Duration deadline) {
            this.deadline = deadline;
        }

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            if (options.getDeadline() == null && method.getType() == MethodDescriptor.MethodType.UNARY && deadline != null) {
                options = options.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
            }
            String given = options.getOption(REQUEST_ID);
            String requestId = given != null ? given : UUID.randomUUID().toString();
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    headers.put(REQUEST_ID_HEADER, requestId);
                    super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onClose(Status status, Metadata trailers) {
                            if (trailers.get(REQUEST_ID_HEADER) == null) {
                                trailers.put(REQUEST_ID_HEADER, requestId);
                            }
                            super.onClose(status, trailers);
                        }
                    }, headers);
                }
            };
        }
    }

    /** Builds a {@link HubClient}. */
    public static final class Builder {
        private final String address;
        private byte[] ca;
        private byte[] certificate;
        private byte[] key;
        private Duration deadline = Duration.ofSeconds(30);
        private int maxAttempts = 4;
        private int streamAttempts = 20;
        private Duration streamBackoff = Duration.ofMillis(100);
        private String authority;

        private Builder(String address) {
            this.address = Objects.requireNonNull(address, "address");
        }

        /**
         * The CA, certificate and key from PEM files.
         *
         * @param ca the hub's CA certificate (the only one trusted)
         * @param certificate the department's client certificate
         * @param key its private key, PKCS#8 ({@code BEGIN PRIVATE KEY}, as the hub's PKI writes it)
         * @return this
         */
        public Builder pemFiles(Path ca, Path certificate, Path key) {
            try {
                return pem(Files.readString(ca), Files.readString(certificate), Files.readString(key));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The CA, certificate and key as PEM text.
         *
         * @param ca the hub's CA certificate
         * @param certificate the client certificate
         * @param key its private key
         * @return this
         */
        public Builder pem(String ca, String certificate, String key) {
            this.ca = ca.getBytes(StandardCharsets.US_ASCII);
            this.certificate = certificate.getBytes(StandardCharsets.US_ASCII);
            this.key = key.getBytes(StandardCharsets.US_ASCII);
            return this;
        }

        /**
         * @param deadline the deadline of every unary call that sets none (30 s by default)
         * @return this
         */
        public Builder deadline(Duration deadline) { this.deadline = deadline; return this; }

        /**
         * @param maxAttempts attempts of a retryable call on {@code UNAVAILABLE}, 2 to 5 (4 by default)
         * @return this
         */
        public Builder maxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; return this; }

        /**
         * @param attempts failed reconnects in a row before a resumable stream or a bulk publish
         *     gives up (20 by default; backoff 0.1 s doubling to 5 s)
         * @return this
         */
        public Builder streamAttempts(int attempts) { this.streamAttempts = attempts; return this; }

        /**
         * @param authority the name to check the hub's certificate against, when it is not the address's host
         * @return this
         */
        public Builder overrideAuthority(String authority) { this.authority = authority; return this; }

        /** @return the client; close it when done */
        public HubClient build() {
            if (ca == null || certificate == null || key == null) {
                throw new IllegalStateException("give the CA, certificate and key (pemFiles or pem)");
            }
            return new HubClient(this);
        }
    }
}
