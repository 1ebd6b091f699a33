import type { Client } from "@connectrpc/connect";
import { create } from "@bufbuild/protobuf";
import type { FactDraft } from "./gen/enterprisehub/v1/facts_pb.js";
import { FactExchange, PublishFactStreamRequestSchema } from "./gen/enterprisehub/v1/exchange_pb.js";
import { HubError } from "./errors.js";
import { backoffMs, sleep, type RetryPolicy } from "./interceptors.js";
import { Code, ConnectError } from "@connectrpc/connect";

/** Where a bulk load stands, after each acknowledged chunk. */
export interface BulkProgress {
  /** Chunks acknowledged so far, of `totalChunks`. */
  readonly chunksAcknowledged: number;
  /** All the chunks of the load. */
  readonly totalChunks: number;
  /** Facts in the acknowledged chunks. */
  readonly factsAcknowledged: number;
  /** Facts the hub stored (new). */
  readonly stored: number;
  /** Facts the hub already held under their record ids. */
  readonly duplicates: number;
  /** The highest sequence of the last acknowledged chunk. */
  readonly lastSequence: bigint;
  /** Streams opened again after a break. */
  readonly resumes: number;
}

/** Options of {@link publishBulk}. */
export interface BulkOptions {
  /** Facts per chunk, 1 to 5,000. Default 1,000. */
  readonly chunkSize?: number;
  /** Called after each acknowledged chunk. */
  readonly onProgress?: (progress: BulkProgress) => void;
  /** Backoff between streams after a break; `maxAttempts` counts breaks in a row without progress (default 5). */
  readonly backoff?: RetryPolicy;
  /** Aborting stops the load (already acknowledged chunks stay stored). */
  readonly signal?: AbortSignal;
}

/** The codes after which the load goes on from the first unacknowledged chunk. */
const RESENDABLE: ReadonlySet<Code> = new Set([Code.Unavailable, Code.Internal, Code.Unknown, Code.Aborted, Code.ResourceExhausted]);

/**
 * Publishes many facts over `PublishFactStream`: splits them into chunks, sends one chunk, waits
 * for its acknowledgement (the hub reads the next chunk only after the previous is durable), and
 * after a broken stream opens a new one from the first unacknowledged chunk; publishing is
 * idempotent on `source_record_id`, so a chunk sent twice stores nothing twice. A refused chunk
 * (`RESOURCE_EXHAUSTED`) is resent after its `RetryInfo` delay. Resolves with the final progress.
 */
export async function publishBulk(
  exchange: Client<typeof FactExchange>,
  facts: readonly FactDraft[],
  options: BulkOptions = {},
): Promise<BulkProgress> {
  const size = options.chunkSize ?? 1000;
  if (size < 1 || size > 5000) {
    throw new RangeError("chunkSize must be 1 to 5,000");
  }
  const chunks: FactDraft[][] = [];
  for (let i = 0; i < facts.length; i += size) {
    chunks.push(facts.slice(i, i + size));
  }
  let progress: BulkProgress = {
    chunksAcknowledged: 0, totalChunks: chunks.length, factsAcknowledged: 0,
    stored: 0, duplicates: 0, lastSequence: 0n, resumes: 0,
  };
  let failures = 0;
  const maxAttempts = options.backoff?.maxAttempts ?? 5;
  while (progress.chunksAcknowledged < chunks.length) {
    const base = progress.chunksAcknowledged;
    // Each chunk is sent only once the previous one is acknowledged.
    let acked: () => void = () => {};
    let ackWaiter = Promise.resolve();
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    async function* requests() {
      for (let i = base; i < chunks.length; i++) {
        await ackWaiter;
        if (controller.signal.aborted) {
          return;
        }
        ackWaiter = new Promise<void>((resolve) => (acked = resolve));
        yield create(PublishFactStreamRequestSchema, { facts: chunks[i] });
      }
    }
    try {
      for await (const ack of exchange.publishFactStream(requests(), { signal: controller.signal, timeoutMs: 0 })) {
        failures = 0;
        progress = {
          ...progress,
          chunksAcknowledged: base + Number(ack.chunk),
          factsAcknowledged: progress.factsAcknowledged + ack.stored + ack.duplicates,
          stored: progress.stored + ack.stored,
          duplicates: progress.duplicates + ack.duplicates,
          lastSequence: ack.lastSequence,
        };
        options.onProgress?.(progress);
        acked();
      }
      if (progress.chunksAcknowledged < chunks.length) {
        throw new ConnectError("the stream ended before every chunk was acknowledged", Code.Unavailable);
      }
    } catch (e) {
      const error = HubError.from(e);
      if (options.signal?.aborted || !RESENDABLE.has(error.code) || ++failures > maxAttempts) {
        throw error;
      }
      progress = { ...progress, resumes: progress.resumes + 1 };
      const wait = error.retryDelayMs ?? backoffMs(failures, { initialBackoffMs: 200, ...options.backoff });
      await sleep(wait, options.signal);
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
      controller.abort();
      acked();
    }
  }
  return progress;
}
