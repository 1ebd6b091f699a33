package enterprisehub.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one error every SDK call throws: the gRPC status code and message, and what the hub put in
 * the {@code grpc-status-details-bin} trailer (a {@code google.rpc.Status}): the {@code ErrorInfo}
 * reason and request id, the {@code BadRequest} field violations, the {@code QuotaFailure}
 * violations and the {@code RetryInfo} delay.
 */
public final class HubException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The trailer that carries the rich status. */
    public static final Metadata.Key<byte[]> STATUS_DETAILS =
            Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

    /** One invalid field of a request, as {@code BadRequest.FieldViolation} names it. */
    public record FieldViolation(String field, String description) {}

    /** One exceeded quota, as {@code QuotaFailure.Violation} names it. */
    public record QuotaViolation(String subject, String description) {}

    private final Status.Code code;
    private final String reason;
    private final String domain;
    private final String requestId;
    private final Map<String, String> metadata;
    private final List<FieldViolation> fieldViolations;
    private final List<QuotaViolation> quotaViolations;
    private final Duration retryDelay;

    private HubException(Status.Code code, String message, String reason, String domain, String requestId,
            Map<String, String> metadata, List<FieldViolation> fieldViolations,
            List<QuotaViolation> quotaViolations, Duration retryDelay, Throwable cause) {
        super(code + (message == null || message.isEmpty() ? "" : ": " + message)
                + (reason.isEmpty() ? "" : " [" + reason + "]")
                + (requestId.isEmpty() ? "" : " (request " + requestId + ")"), cause);
        this.code = code;
        this.reason = reason;
        this.domain = domain;
        this.requestId = requestId;
        this.metadata = metadata;
        this.fieldViolations = fieldViolations;
        this.quotaViolations = quotaViolations;
        this.retryDelay = retryDelay;
    }

    /**
     * Decodes a failed call. A {@link HubException} is returned as it is; a gRPC
     * {@link StatusRuntimeException} or {@link StatusException} is decoded with its trailers; any
     * other throwable becomes {@code UNKNOWN}.
     *
     * @param error what the call threw
     * @return the decoded error
     */
    public static HubException from(Throwable error) {
        if (error instanceof HubException hub) {
            return hub;
        }
        Status status = Status.fromThrowable(error);
        Metadata trailers = Status.trailersFromThrowable(error);
        return from(status, trailers, error);
    }

    /**
     * Decodes a status and its trailers.
     *
     * @param status the call's status
     * @param trailers its trailers, or null
     * @param cause the original exception, or null
     * @return the decoded error
     */
    public static HubException from(Status status, Metadata trailers, Throwable cause) {
        String reason = "";
        String domain = "";
        String requestId = "";
        Map<String, String> metadata = Map.of();
        List<FieldViolation> fields = new ArrayList<>();
        List<QuotaViolation> quotas = new ArrayList<>();
        Duration retryDelay = null;
        String message = status.getDescription();
        byte[] details = trailers == null ? null : trailers.get(STATUS_DETAILS);
        if (details != null) {
            try {
                com.google.rpc.Status rich = com.google.rpc.Status.parseFrom(details);
                if (message == null || message.isEmpty()) {
                    message = rich.getMessage();
                }
                for (Any any : rich.getDetailsList()) {
                    if (any.is(ErrorInfo.class)) {
                        ErrorInfo info = any.unpack(ErrorInfo.class);
                        reason = info.getReason();
                        domain = info.getDomain();
                        metadata = Map.copyOf(info.getMetadataMap());
                        requestId = info.getMetadataOrDefault("request_id", "");
                    } else if (any.is(BadRequest.class)) {
                        for (BadRequest.FieldViolation v : any.unpack(BadRequest.class).getFieldViolationsList()) {
                            fields.add(new FieldViolation(v.getField(), v.getDescription()));
                        }
                    } else if (any.is(QuotaFailure.class)) {
                        for (QuotaFailure.Violation v : any.unpack(QuotaFailure.class).getViolationsList()) {
                            quotas.add(new QuotaViolation(v.getSubject(), v.getDescription()));
                        }
                    } else if (any.is(RetryInfo.class)) {
                        com.google.protobuf.Duration d = any.unpack(RetryInfo.class).getRetryDelay();
                        retryDelay = Duration.ofSeconds(d.getSeconds(), d.getNanos());
                    }
                }
            } catch (InvalidProtocolBufferException ignored) {
                // A status without readable details is still a status.
            }
        }
        if (requestId.isEmpty() && trailers != null) {
            String header = trailers.get(HubClient.REQUEST_ID_HEADER);
            requestId = header == null ? "" : header;
        }
        return new HubException(status.getCode(), message, reason, domain, requestId, metadata,
                Collections.unmodifiableList(fields), Collections.unmodifiableList(quotas), retryDelay,
                cause);
    }

    /** @return the gRPC status code */
    public Status.Code code() { return code; }

    /** @return the {@code ErrorInfo} reason (e.g. {@code PURPOSE_REQUIRED}), empty when none */
    public String reason() { return reason; }

    /** @return the {@code ErrorInfo} domain ({@code enterprisehub.v1}), empty when none */
    public String domain() { return domain; }

    /** @return the hub's request id for this call (quote it to the operators), empty when unknown */
    public String requestId() { return requestId; }

    /** @return every {@code ErrorInfo} metadata entry */
    public Map<String, String> metadata() { return metadata; }

    /** @return the {@code BadRequest} field violations, empty when none */
    public List<FieldViolation> fieldViolations() { return fieldViolations; }

    /** @return the {@code QuotaFailure} violations, empty when none */
    public List<QuotaViolation> quotaViolations() { return quotaViolations; }

    /** @return how long the hub asks the caller to wait before trying again ({@code RetryInfo}) */
    public Optional<Duration> retryDelay() { return Optional.ofNullable(retryDelay); }
}
