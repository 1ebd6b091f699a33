// The conformance scenario shared by the four SDKs, against a real hub (clients/testing/hub.sh).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, HubError, withRequestId, type Fact, type FactDraft, type HubClient } from "../src/index.js";
import { TestHub } from "./hub.js";

const DEMO = "91440115MA5HUB013L";
const OTHER = "91440305MA5HUB021A";
const BULK = "91440402MA5HUB03XU";
const run = randomUUID().slice(0, 8);

function abnormal(uscc: string, id: string, reason = "cannot be contacted at the registered address"): FactDraft {
  return {
    $typeName: "enterprisehub.v1.FactDraft",
    uscc,
    factType: "amr.abnormal_operations",
    attributes: { listed: true, reason },
    effectiveTime: timestampFromDate(new Date("2026-11-20T00:00:00Z")),
    sourceRecordId: id,
  };
}

async function rejection(call: Promise<unknown>): Promise<HubError> {
  try {
    await call;
  } catch (e) {
    assert.ok(e instanceof HubError, `expected a HubError, got ${String(e)}`);
    return e;
  }
  assert.fail("the call succeeded");
}

describe("conformance scenario against a real hub", () => {
  const hub = new TestHub();
  let amr: HubClient, tax: HubClient, customs: HubClient, portal: HubClient, admin: HubClient;
  const readIds: string[] = [];

  before(() => {
    hub.start();
    amr = hub.client("amr");
    tax = hub.client("tax");
    customs = hub.client("customs");
    portal = hub.client("portal");
    admin = hub.client("admin");
  });

  after(() => {
    for (const c of [amr, tax, customs, portal, admin]) c?.close();
    hub.stop();
  });

  test("a publish repeated is a duplicate with the same sequence", async () => {
    const fact = abnormal(OTHER, `ts-${run}-once`);
    const first = await amr.exchange.publishFacts({ facts: [fact] });
    const again = await amr.exchange.publishFacts({ facts: [fact] });
    assert.equal(first.results[0].duplicate, false);
    assert.equal(again.results[0].duplicate, true);
    assert.equal(again.results[0].sequence, first.results[0].sequence);
    assert.ok(first.results[0].sequence > 0n);
  });

  test("a lookup merges the facts of two departments and carries request ids", async () => {
    const id = `ts-${run}-lookup`;
    readIds.push(id);
    let echoed: string | null = null;
    const { enterprise } = await customs.directory.getEnterprise(
      { uscc: DEMO, purpose: "conformance: merged profile", officerId: "customs-0001" },
      { ...withRequestId(id), onHeader: (h) => (echoed = h.get("x-request-id")) },
    );
    assert.match(echoed ?? "", /^[0-9a-f]{32}$/, "the hub's own request id comes back");
    assert.equal(enterprise?.uscc, DEMO);
    const publishers = new Set(enterprise?.facts.map((f) => f.publisher));
    assert.ok(publishers.has("amr") && publishers.has("tax"), [...publishers].join(","));
    assert.ok(enterprise?.facts.some((f) => f.factType === "amr.business_license"));
  });

  test("refused reads decode into their reason, request id and field violation", async () => {
    const bad = await rejection(customs.directory.getEnterprise({ uscc: DEMO, purpose: "", officerId: "customs-0001" }));
    assert.equal(bad.code, Code.InvalidArgument);
    assert.equal(bad.reason, "INVALID_FIELDS");
    assert.equal(bad.domain, "enterprisehub.v1");
    assert.deepEqual(bad.fieldViolations.map((v) => v.field), ["purpose"]);
    assert.match(bad.requestId, /\S/);

    const other = await rejection(portal.directory.getEnterprise({ uscc: DEMO, purpose: "x", officerId: "p", actingFor: OTHER }));
    assert.equal(other.code, Code.PermissionDenied);
    assert.equal(other.reason, "PORTAL_OTHER_ENTERPRISE");
  });

  test("a grant requested, approved by the owner, opens the conditional fact", async () => {
    const read = () => customs.directory.getEnterprise({
      uscc: DEMO, purpose: "conformance: grant", officerId: "customs-0001", factTypes: ["tax.credit_grade"],
    });
    const before = (await read()).enterprise;
    assert.deepEqual(before?.withheldFactTypes, ["tax.credit_grade"]);
    assert.equal(before?.facts.length, 0);

    const { grant } = await customs.catalog.requestGrant({
      factType: "tax.credit_grade", purpose: "customs credit classification", legalBasis: "Customs Law art. 45",
      wantedUntil: timestampFromDate(new Date(Date.now() + 86_400_000)),
    });
    assert.ok(grant && grant.id > 0n);
    const pending = [];
    for await (const g of tax.grantRequests()) pending.push(g.id);
    assert.ok(pending.includes(grant.id));
    await tax.catalog.decideGrant({ grantId: grant.id, approve: true });

    const opened = (await read()).enterprise;
    assert.deepEqual(opened?.withheldFactTypes, []);
    assert.equal(opened?.facts[0]?.factType, "tax.credit_grade");
  });

  test("a search pages through at least three pages", async () => {
    let pages = 0;
    const seen = new Set<string>();
    const search = tax.searchEnterprises(
      { pageSize: 2, purpose: "conformance: search", officerId: "tax-0042" },
      { onHeader: () => pages++ },
    );
    for await (const e of search) {
      assert.ok(!seen.has(e.uscc), `${e.uscc} twice`);
      seen.add(e.uscc);
      if (seen.size >= 7) break;
    }
    assert.ok(pages >= 3, `${pages} pages`);
    assert.ok(seen.size >= 5);
  });

  test("a watch goes on across a hub restart with no gap and no duplicate", async () => {
    const head = (await amr.exchange.publishFacts({ facts: [abnormal(OTHER, `ts-${run}-w0`)] })).results[0].sequence;
    const controller = new AbortController();
    let reconnects = 0;
    const watch = customs.watchFacts(
      { afterSequence: head, factTypes: ["amr.abnormal_operations"], usccs: [OTHER], purpose: "conformance: watch", officerId: "customs-0003", heartbeatSeconds: 1 },
      { signal: controller.signal, onReconnect: () => reconnects++ },
    );
    const iterator = watch[Symbol.asyncIterator]();
    const got: Fact[] = [];
    const take = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const r = await iterator.next();
        if (r.done) throw new Error("the watch ended");
        got.push(r.value);
      }
    };
    const publish = (from: number, to: number) =>
      amr.exchange.publishFacts({ facts: Array.from({ length: to - from }, (_, i) => abnormal(OTHER, `ts-${run}-w${from + i}`)) });

    await publish(1, 4);
    await take(3);
    hub.restart();
    await publish(4, 7);
    await take(3);
    controller.abort();
    await iterator.return?.();

    assert.deepEqual(got.map((f) => f.sourceRecordId), [1, 2, 3, 4, 5, 6].map((i) => `ts-${run}-w${i}`));
    for (let i = 1; i < got.length; i++) assert.ok(got[i].sequence > got[i - 1].sequence);
    assert.ok(reconnects >= 1, "the watch should have reconnected");
  });

  test("a bulk publish of 20,000 facts reports its progress", async () => {
    const facts = Array.from({ length: 20_000 }, (_, i) => abnormal(BULK, `ts-${run}-bulk-${i}`, `bulk ${i}`));
    const seen: number[] = [];
    const done = await amr.publishBulk(facts, { chunkSize: 2000, onProgress: (p) => seen.push(p.factsAcknowledged) });
    assert.equal(done.stored, 20_000);
    assert.equal(done.duplicates, 0);
    assert.equal(done.chunksAcknowledged, 10);
    assert.deepEqual(seen, Array.from({ length: 10 }, (_, i) => (i + 1) * 2000));

    const again = await amr.publishBulk(facts.slice(0, 3000), { chunkSize: 2000 });
    assert.equal(again.duplicates, 3000);
  });

  test("the access log shows the scenario's reads under their request ids", async () => {
    const found = new Map<string, string>();
    for await (const r of admin.accessLog({ uscc: DEMO, pageSize: 100 })) {
      if (r.correlationId.startsWith(`ts-${run}`)) found.set(r.correlationId, r.department);
    }
    for (const id of readIds) assert.equal(found.get(id), "customs", `no access record for ${id}`);
    let customsReads = 0;
    for await (const r of admin.accessLog({ uscc: DEMO, pageSize: 100 })) {
      if (r.department === "customs" && r.purpose.startsWith("conformance")) customsReads++;
    }
    assert.ok(customsReads >= 3, `${customsReads} customs reads logged`);
  });
});
