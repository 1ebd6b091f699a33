import { Code, ConnectError } from "@connectrpc/connect";
import { HubError } from "./errors.js";
import { backoffMs, sleep, type RetryPolicy } from "./interceptors.js";

/** How a resumable stream reconnects. */
export interface ResumeOptions {
  /** Aborting ends the stream (the iterator then returns). */
  readonly signal?: AbortSignal;
  /** Backoff between reconnections; `maxAttempts` counts failed reconnections in a row (default unlimited). */
  readonly backoff?: RetryPolicy;
  /** Called with each heartbeat position (nothing new up to there). */
  readonly onHeartbeat?: (position: bigint) => void;
  /** Called before each reconnection, with the error that broke the stream (undefined when it ended). */
  readonly onReconnect?: (error: HubError | undefined, attempt: number) => void;
}

/** One event of a hub stream as the resumable reader sees it. */
export type StreamEvent<T> =
  | { readonly kind: "item"; readonly item: T; readonly position: bigint }
  | { readonly kind: "heartbeat"; readonly position: bigint };

/**
 * The codes after which a stream is opened again: a broken connection or a stopping hub (Node
 * reports a reset HTTP/2 stream as `INTERNAL` or `ABORTED`). A deadline the caller set, a
 * cancellation, a refusal or a quota (`TOO_MANY_STREAMS`) ends the iteration instead.
 */
const RESUMABLE: ReadonlySet<Code> = new Set([Code.Unavailable, Code.Internal, Code.Unknown, Code.Aborted]);

/**
 * Reads a stream that resumes from a position: opens it with `open(after)`, yields every item
 * whose position is past the last one seen, and when the stream breaks or ends (a hub restart
 * ends it) opens it again after the last item or heartbeat position, with backoff. So the caller
 * sees each item once, in order. Errors other than connection failures (a refusal, a bad
 * request, a quota) end the iteration with a {@link HubError}.
 */
export async function* resumable<T>(
  after: bigint,
  open: (after: bigint, signal: AbortSignal) => AsyncIterable<StreamEvent<T>>,
  options: ResumeOptions = {},
): AsyncGenerator<T, void, undefined> {
  let position = after;
  let failures = 0;
  const maxAttempts = options.backoff?.maxAttempts ?? Infinity;
  while (!options.signal?.aborted) {
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    let broke: HubError | undefined;
    try {
      for await (const event of open(position, controller.signal)) {
        failures = 0;
        if (event.position <= position) {
          continue;
        }
        position = event.position;
        if (event.kind === "heartbeat") {
          options.onHeartbeat?.(event.position);
        } else {
          yield event.item;
        }
      }
    } catch (e) {
      const error = HubError.from(e);
      if (options.signal?.aborted) {
        return;
      }
      if (!RESUMABLE.has(error.code)) {
        throw error;
      }
      broke = error;
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
      controller.abort();
    }
    failures++;
    if (failures > maxAttempts) {
      throw broke ?? new HubError(new ConnectError("the stream kept ending", Code.Unavailable));
    }
    options.onReconnect?.(broke, failures);
    try {
      await sleep(backoffMs(failures, { initialBackoffMs: 200, maxBackoffMs: 5000, ...options.backoff }), options.signal);
    } catch {
      return;
    }
  }
}
