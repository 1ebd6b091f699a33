// Unit tests of the hand-written layer, on Connect's in-memory router transport (no hub).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { create } from "@bufbuild/protobuf";
import { durationFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient, createRouterTransport, type ServiceImpl } from "@connectrpc/connect";
import {
  EnterpriseDirectory, FactExchange, FactSchema, HubError, backoffMs, hubErrorInterceptor, paginate, publishBulk,
  requestIdInterceptor, retryInterceptor, type FactDraft,
} from "../src/index.js";
import { Catalog } from "../src/gen/enterprisehub/v1/catalog_pb.js";
import { BadRequestSchema, ErrorInfoSchema, QuotaFailureSchema, RetryInfoSchema } from "../src/gen/google/rpc/error_details_pb.js";

const fast = { initialBackoffMs: 1, maxBackoffMs: 2 };

function unavailable(): ConnectError {
  return new ConnectError("hub restarting", Code.Unavailable);
}

function transport(routes: Parameters<typeof createRouterTransport>[0], maxAttempts = 4) {
  return createRouterTransport(routes, {
    transport: { interceptors: [requestIdInterceptor(() => "generated-id"), hubErrorInterceptor(), retryInterceptor({ maxAttempts, ...fast })] },
  });
}

describe("HubError", () => {
  test("decodes ErrorInfo, BadRequest, QuotaFailure and RetryInfo", async () => {
    const t = transport((r) => r.service(EnterpriseDirectory, {
      getEnterprise() {
        throw new ConnectError("over quota", Code.ResourceExhausted, undefined, [
          { desc: ErrorInfoSchema, value: { reason: "QUOTA_EXCEEDED", domain: "enterprisehub.v1", metadata: { request_id: "r-1" } } },
          { desc: BadRequestSchema, value: { fieldViolations: [{ field: "purpose", description: "is required" }] } },
          { desc: QuotaFailureSchema, value: { violations: [{ subject: "tax", description: "read calls: 2000 per second" }] } },
          { desc: RetryInfoSchema, value: { retryDelay: durationFromMs(1500) } },
        ]);
      },
    } as Partial<ServiceImpl<typeof EnterpriseDirectory>>));
    const e = await createClient(EnterpriseDirectory, t).getEnterprise({}).catch((x) => x);
    assert.ok(e instanceof HubError);
    assert.ok(e instanceof ConnectError, "a HubError is still a ConnectError");
    assert.equal(e.code, Code.ResourceExhausted);
    assert.equal(e.codeName, "ResourceExhausted");
    assert.equal(e.reason, "QUOTA_EXCEEDED");
    assert.equal(e.domain, "enterprisehub.v1");
    assert.equal(e.requestId, "r-1");
    assert.deepEqual(e.fieldViolations, [{ field: "purpose", description: "is required" }]);
    assert.deepEqual(e.quotaViolations, [{ subject: "tax", description: "read calls: 2000 per second" }]);
    assert.equal(e.retryDelayMs, 1500);
  });

  test("a plain ConnectError is not taken for a HubError", () => {
    assert.equal(new ConnectError("x") instanceof HubError, false);
    assert.equal(HubError.from(new Error("boom")).code, Code.Unknown);
  });
});

describe("retries and request ids", () => {
  test("a read is retried on UNAVAILABLE, keeping its request id", async () => {
    const ids: (string | null)[] = [];
    const t = transport((r) => r.service(EnterpriseDirectory, {
      getEnterprise(req, ctx) {
        ids.push(ctx.requestHeader.get("x-request-id"));
        if (ids.length < 3) throw unavailable();
        return { enterprise: { uscc: req.uscc } };
      },
    } as Partial<ServiceImpl<typeof EnterpriseDirectory>>));
    const res = await createClient(EnterpriseDirectory, t).getEnterprise({ uscc: "u" });
    assert.equal(res.enterprise?.uscc, "u");
    assert.deepEqual(ids, ["generated-id", "generated-id", "generated-id"]);
  });

  test("the caller's x-request-id is kept", async () => {
    let seen: string | null = null;
    const t = transport((r) => r.service(EnterpriseDirectory, {
      getEnterprise(_req, ctx) {
        seen = ctx.requestHeader.get("x-request-id");
        return {};
      },
    } as Partial<ServiceImpl<typeof EnterpriseDirectory>>));
    await createClient(EnterpriseDirectory, t).getEnterprise({}, { headers: { "x-request-id": "mine" } });
    assert.equal(seen, "mine");
  });

  test("gives up after maxAttempts with the last error", async () => {
    let calls = 0;
    const t = transport((r) => r.service(EnterpriseDirectory, {
      getEnterprise() { calls++; throw unavailable(); },
    } as Partial<ServiceImpl<typeof EnterpriseDirectory>>), 3);
    const e = await createClient(EnterpriseDirectory, t).getEnterprise({}).catch((x) => x);
    assert.equal(e.code, Code.Unavailable);
    assert.equal(calls, 3);
  });

  test("RESOURCE_EXHAUSTED is not retried, nor is a change that is not safe to repeat", async () => {
    let reads = 0, grants = 0;
    const t = transport((r) => {
      r.service(EnterpriseDirectory, {
        getEnterprise() { reads++; throw new ConnectError("quota", Code.ResourceExhausted); },
      } as Partial<ServiceImpl<typeof EnterpriseDirectory>>);
      r.service(Catalog, { requestGrant() { grants++; throw unavailable(); } } as Partial<ServiceImpl<typeof Catalog>>);
    });
    await assert.rejects(createClient(EnterpriseDirectory, t).getEnterprise({}));
    await assert.rejects(createClient(Catalog, t).requestGrant({}));
    assert.equal(reads, 1);
    assert.equal(grants, 1);
  });

  test("backoff grows and stays under its cap", () => {
    assert.equal(backoffMs(1, { initialBackoffMs: 100 }, () => 1), 100);
    assert.equal(backoffMs(3, { initialBackoffMs: 100 }, () => 1), 400);
    assert.equal(backoffMs(10, { initialBackoffMs: 100, maxBackoffMs: 2000 }, () => 1), 2000);
    assert.equal(backoffMs(1, { initialBackoffMs: 100 }, () => 0), 50);
  });
});

describe("paging", () => {
  test("walks every page until the token is empty", async () => {
    const tokens: string[] = [];
    const pages: Record<string, { items: number[]; nextPageToken: string }> = {
      "": { items: [1, 2], nextPageToken: "b" }, b: { items: [3, 4], nextPageToken: "c" }, c: { items: [5], nextPageToken: "" },
    };
    const all: number[] = [];
    for await (const i of paginate(async (t) => (tokens.push(t), pages[t]), (p) => p.items)) all.push(i);
    assert.deepEqual(all, [1, 2, 3, 4, 5]);
    assert.deepEqual(tokens, ["", "b", "c"]);
  });
});

describe("resumable watch", () => {
  test("reconnects after the last position, with no gap and no duplicate", async () => {
    const log = [1n, 2n, 3n, 4n, 5n, 6n];
    const opened: bigint[] = [];
    const t = transport((r) => r.service(FactExchange, {
      async *watchFacts(req) {
        opened.push(req.afterSequence);
        const rest = log.filter((s) => s > req.afterSequence);
        // The first stream breaks after two facts and a heartbeat; the second resends one it had sent.
        if (opened.length === 1) {
          for (const s of rest.slice(0, 2)) yield { event: { case: "fact", value: create(FactSchema, { sequence: s }) } };
          yield { event: { case: "heartbeat", value: { position: 2n } } };
          throw unavailable();
        }
        yield { event: { case: "fact", value: create(FactSchema, { sequence: 2n }) } };
        for (const s of rest) yield { event: { case: "fact", value: create(FactSchema, { sequence: s }) } };
        throw new ConnectError("hub stopping", Code.Unavailable);
      },
    } as Partial<ServiceImpl<typeof FactExchange>>));
    const { HubClient } = await import("../src/index.js");
    const hub = Object.create(HubClient.prototype) as InstanceType<typeof HubClient>;
    Object.assign(hub, { exchange: createClient(FactExchange, t) });
    const seen: bigint[] = [];
    let reconnects = 0;
    for await (const f of hub.watchFacts({ afterSequence: 0n }, { backoff: fast, onReconnect: () => reconnects++ })) {
      seen.push(f.sequence);
      if (seen.length === 6) break;
    }
    assert.deepEqual(seen, log);
    assert.deepEqual(opened, [0n, 2n]);
    assert.equal(reconnects, 1);
  });

  test("a refusal ends the watch with its HubError", async () => {
    const t = transport((r) => r.service(FactExchange, {
      // eslint-disable-next-line require-yield
      async *watchFacts() { throw new ConnectError("no", Code.PermissionDenied); },
    } as Partial<ServiceImpl<typeof FactExchange>>));
    const { HubClient } = await import("../src/index.js");
    const hub = Object.assign(Object.create(HubClient.prototype), { exchange: createClient(FactExchange, t) }) as InstanceType<typeof HubClient>;
    await assert.rejects(async () => { for await (const _ of hub.watchFacts({})) { /* none */ } },
      (e) => e instanceof HubError && e.code === Code.PermissionDenied);
  });
});

describe("bulk publishing", () => {
  test("resends from the first unacknowledged chunk after a broken stream", async () => {
    const received: string[][] = [];
    let streams = 0;
    const t = transport((r) => r.service(FactExchange, {
      async *publishFactStream(requests) {
        streams++;
        let chunk = 0n, total = 0n;
        for await (const req of requests) {
          // The first stream breaks on its third chunk, before acknowledging it.
          if (streams === 1 && chunk === 2n) throw unavailable();
          received.push(req.facts.map((f) => f.sourceRecordId));
          chunk++;
          total += BigInt(req.facts.length);
          yield { chunk, stored: req.facts.length, duplicates: 0, lastSequence: total, totalFacts: total };
        }
      },
    } as Partial<ServiceImpl<typeof FactExchange>>));
    const facts = Array.from({ length: 10 }, (_, i) => ({ sourceRecordId: `f${i}` }) as FactDraft);
    const progress: number[] = [];
    const done = await publishBulk(createClient(FactExchange, t), facts, {
      chunkSize: 2, backoff: fast, onProgress: (p) => progress.push(p.chunksAcknowledged),
    });
    assert.equal(streams, 2);
    assert.equal(done.chunksAcknowledged, 5);
    assert.equal(done.stored, 10);
    assert.equal(done.resumes, 1);
    assert.deepEqual(progress, [1, 2, 3, 4, 5]);
    assert.deepEqual(received.map((c) => c[0]), ["f0", "f2", "f4", "f6", "f8"]);
  });

  test("a refused chunk ends the load with its error", async () => {
    const t = transport((r) => r.service(FactExchange, {
      // eslint-disable-next-line require-yield
      async *publishFactStream() { throw new ConnectError("bad", Code.InvalidArgument); },
    } as Partial<ServiceImpl<typeof FactExchange>>));
    await assert.rejects(publishBulk(createClient(FactExchange, t), [{} as FactDraft]), (e) => e instanceof HubError && e.code === Code.InvalidArgument);
  });
});
