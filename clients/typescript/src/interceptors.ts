import { randomUUID } from "node:crypto";
import { Code, ConnectError, type Interceptor, type StreamResponse } from "@connectrpc/connect";
import { HubError } from "./errors.js";

/** The header that carries a call's request id; the hub echoes it and audits it as the correlation id. */
export const REQUEST_ID_HEADER = "x-request-id";

/** Sets an `x-request-id` on every call that has none, so each call can be found in the audit trail. */
export function requestIdInterceptor(generate: () => string = randomUUID): Interceptor {
  return (next) => async (req) => {
    if (!req.header.has(REQUEST_ID_HEADER)) {
      req.header.set(REQUEST_ID_HEADER, generate());
    }
    return next(req);
  };
}

/** Turns every failure, of a unary call or of a stream while it is read, into a {@link HubError}. */
export function hubErrorInterceptor(): Interceptor {
  return (next) => async (req) => {
    let res;
    try {
      res = await next(req);
    } catch (e) {
      throw HubError.from(e);
    }
    if (!res.stream) {
      return res;
    }
    const inner = res.message;
    async function* wrapped() {
      try {
        yield* inner;
      } catch (e) {
        throw HubError.from(e);
      }
    }
    return { ...res, message: wrapped() } as StreamResponse;
  };
}

/** How calls that are safe to repeat are retried when the hub answers `UNAVAILABLE`. */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 turns retries off. Default 5. */
  readonly maxAttempts?: number;
  /** The first backoff in milliseconds. Default 100. */
  readonly initialBackoffMs?: number;
  /** The longest backoff in milliseconds. Default 2000. */
  readonly maxBackoffMs?: number;
  /** The factor by which each backoff grows. Default 2. */
  readonly multiplier?: number;
}

/**
 * The unary methods that are safe to repeat: every read, and `PublishFacts`, which is idempotent
 * on `source_record_id`. Changes (grants, subscriptions, policies, submissions) are never retried.
 */
export const RETRYABLE_METHODS: ReadonlySet<string> = new Set([
  "GetEnterprise", "BatchGetEnterprises", "SearchEnterprises", "GetFactHistory",
  "PublishFacts", "ListSubscriptions", "AckSubscription",
  "ListFactTypes", "ListGrantRequests", "ListReadableFactTypes",
  "GetCreditProfile", "ListRiskEnterprises", "ListPolicies", "ListNotices", "GetNotice", "MarkRead",
  "ListAccess", "ListForms", "Prefill", "GetSubmission", "ListSubmissions",
]);

/**
 * True when the hub could not take the call: `UNAVAILABLE`, or an HTTP/2 stream the server refused
 * before reading it (`NGHTTP2_REFUSED_STREAM`, which Connect-node reports as `INTERNAL` when Node
 * raises it as a stream error, e.g. on the first call after a hub restart).
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof ConnectError)) {
    return false;
  }
  if (error.code === Code.Unavailable) {
    return true;
  }
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes("REFUSED_STREAM")) {
      return true;
    }
  }
  return false;
}

/** The delay before retry number `attempt` (1 for the first retry), with full jitter. */
export function backoffMs(attempt: number, policy: RetryPolicy = {}, random: () => number = Math.random): number {
  const initial = policy.initialBackoffMs ?? 100;
  const cap = policy.maxBackoffMs ?? 2000;
  const ceiling = Math.min(cap, initial * Math.pow(policy.multiplier ?? 2, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Waits `ms`, or rejects when `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Retries `UNAVAILABLE` with exponential backoff for the unary methods in
 * {@link RETRYABLE_METHODS}. Connect-ES has no gRPC retry policy (no service config), so this
 * interceptor stands in for it. `RESOURCE_EXHAUSTED` is never retried here: the caller decides,
 * after the `RetryInfo` delay. The call's deadline covers every attempt.
 */
export function retryInterceptor(policy: RetryPolicy = {}): Interceptor {
  const maxAttempts = Math.max(1, policy.maxAttempts ?? 5);
  return (next) => async (req) => {
    if (req.stream || !RETRYABLE_METHODS.has(req.method.name)) {
      return next(req);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(req);
      } catch (e) {
        if (!isUnavailable(e) || attempt >= maxAttempts || req.signal.aborted) {
          throw e;
        }
        await sleep(backoffMs(attempt, policy), req.signal);
      }
    }
  };
}
