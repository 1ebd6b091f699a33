import { Code, ConnectError } from "@connectrpc/connect";
import {
  BadRequestSchema,
  ErrorInfoSchema,
  QuotaFailureSchema,
  RetryInfoSchema,
} from "./gen/google/rpc/error_details_pb.js";

/** The error domain the hub puts in every `google.rpc.ErrorInfo`. */
export const HUB_ERROR_DOMAIN = "enterprisehub.v1";

/** One field the hub found wrong in a request (`google.rpc.BadRequest.FieldViolation`). */
export interface FieldViolation {
  /** The field's path, e.g. `purpose` or `facts[0].attributes.amount`. */
  readonly field: string;
  /** What is wrong with it. */
  readonly description: string;
}

/** One quota the call went over (`google.rpc.QuotaFailure.Violation`). */
export interface QuotaViolation {
  /** The caller's identity. */
  readonly subject: string;
  /** The limit, e.g. `read calls: 2000 per second, burst 4000`. */
  readonly description: string;
}

/**
 * The one error type of the SDK: every failed call rejects with a `HubError`, decoded from the
 * `google.rpc.Status` the hub sends in the `grpc-status-details-bin` trailer.
 *
 * It extends Connect's `ConnectError`, so `code`, `rawMessage`, `metadata` and `details` stay
 * available too, and `instanceof ConnectError` holds.
 */
export class HubError extends ConnectError {
  /** The `ErrorInfo` reason, e.g. `FACT_TYPE_NOT_READABLE` or `QUOTA_EXCEEDED`; empty when none. */
  readonly reason: string;
  /** The `ErrorInfo` domain (`enterprisehub.v1` for the hub's own errors). */
  readonly domain: string;
  /** The request id of the refused call (from `ErrorInfo` or the `x-request-id` header). */
  readonly requestId: string;
  /** Every `ErrorInfo` metadata entry. */
  readonly errorMetadata: Readonly<Record<string, string>>;
  /** The `BadRequest` field violations; empty when the request was not malformed. */
  readonly fieldViolations: readonly FieldViolation[];
  /** The `QuotaFailure` violations; empty unless the call went over a quota. */
  readonly quotaViolations: readonly QuotaViolation[];
  /** The `RetryInfo` delay in milliseconds: wait at least this long before trying again. */
  readonly retryDelayMs: number | undefined;

  /** Wraps a `ConnectError` (or anything thrown by a call) and decodes its details. */
  constructor(cause: ConnectError) {
    super(cause.rawMessage, cause.code, cause.metadata, undefined, cause.cause ?? cause);
    // `name` stays "ConnectError": Connect recognises its errors by name, and re-wraps (losing
    // the details) any error that is not one.
    this.details = cause.details;
    const info = cause.findDetails(ErrorInfoSchema)[0];
    this.reason = info?.reason ?? "";
    this.domain = info?.domain ?? "";
    this.errorMetadata = { ...(info?.metadata ?? {}) };
    this.requestId = info?.metadata["request_id"] ?? cause.metadata.get("x-request-id") ?? "";
    this.fieldViolations = cause
      .findDetails(BadRequestSchema)
      .flatMap((b) => b.fieldViolations.map((v) => ({ field: v.field, description: v.description })));
    this.quotaViolations = cause
      .findDetails(QuotaFailureSchema)
      .flatMap((q) => q.violations.map((v) => ({ subject: v.subject, description: v.description })));
    const delay = cause.findDetails(RetryInfoSchema)[0]?.retryDelay;
    this.retryDelayMs = delay ? Number(delay.seconds) * 1000 + Math.round(delay.nanos / 1e6) : undefined;
  }

  /** True for a `HubError` only (`ConnectError` recognises anything shaped like it as one of its own). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  /** The status code's name, e.g. `PermissionDenied`. */
  get codeName(): string {
    return Code[this.code];
  }

  /** Turns anything a call threw into a `HubError` (an `AbortError` becomes `Canceled`). */
  static from(reason: unknown): HubError {
    if (reason instanceof HubError) {
      return reason;
    }
    return new HubError(ConnectError.from(reason));
  }
}
