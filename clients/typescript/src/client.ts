import { readFileSync } from "node:fs";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { createClient, type CallOptions, type Client, type Interceptor, type Transport } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";
import { Audit } from "./gen/enterprisehub/v1/audit_pb.js";
import { Catalog, type ListGrantRequestsRequestSchema } from "./gen/enterprisehub/v1/catalog_pb.js";
import { CreditMonitor, type RiskAlert, type WatchRiskAlertsRequestSchema } from "./gen/enterprisehub/v1/credit_pb.js";
import { EnterpriseDirectory, type GetFactHistoryRequestSchema, type SearchEnterprisesRequestSchema } from "./gen/enterprisehub/v1/directory_pb.js";
import { FactExchange, type ReadSubscriptionRequestSchema, type WatchFactsRequestSchema } from "./gen/enterprisehub/v1/exchange_pb.js";
import type { Fact, FactDraft } from "./gen/enterprisehub/v1/facts_pb.js";
import { Forms } from "./gen/enterprisehub/v1/forms_pb.js";
import { ProactiveService, type Notice, type ListNoticesRequestSchema, type WatchNoticesRequestSchema } from "./gen/enterprisehub/v1/proactive_pb.js";
import type { ListAccessRequestSchema } from "./gen/enterprisehub/v1/audit_pb.js";
import type { ListRiskEnterprisesRequestSchema } from "./gen/enterprisehub/v1/credit_pb.js";
import { publishBulk, type BulkOptions, type BulkProgress } from "./bulk.js";
import { hubErrorInterceptor, requestIdInterceptor, retryInterceptor, REQUEST_ID_HEADER, type RetryPolicy } from "./interceptors.js";
import { paginate } from "./paging.js";
import { resumable, type ResumeOptions } from "./watch.js";

/** PEM text (a string or a Buffer). */
export type Pem = string | Buffer;

/** What a {@link HubClient} is made from. */
export interface HubClientOptions {
  /** The hub's address, e.g. `https://hub.example.gov.cn:7443`. */
  readonly address: string;
  /** The CA that signed the hub's certificate; the only one trusted. */
  readonly ca: Pem;
  /** This department's client certificate. */
  readonly cert: Pem;
  /** Its private key. */
  readonly key: Pem;
  /** The deadline of every unary call in milliseconds, unless a call sets `timeoutMs`. Default 10,000. Streams have none. */
  readonly defaultTimeoutMs?: number;
  /** Retries of `UNAVAILABLE` for calls safe to repeat. */
  readonly retry?: RetryPolicy;
  /** More interceptors, run inside the SDK's own (request id, errors, retries). */
  readonly interceptors?: readonly Interceptor[];
  /** Generates the `x-request-id` of calls that set none. Default `crypto.randomUUID`. */
  readonly requestId?: () => string;
}

/** Where the PEM files are, for {@link HubClient.fromFiles}. */
export interface HubClientFiles extends Omit<HubClientOptions, "ca" | "cert" | "key"> {
  /** Path of the CA certificate. */
  readonly caFile: string;
  /** Path of the client certificate. */
  readonly certFile: string;
  /** Path of its private key. */
  readonly keyFile: string;
}

/** Call options with an `x-request-id` of the caller's choosing. */
export function withRequestId(requestId: string, options: CallOptions = {}): CallOptions {
  const headers = new Headers(options.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  return { ...options, headers };
}

/**
 * A client of the hub over mutual TLS: presents the department's certificate, trusts only the
 * hub's CA, puts an `x-request-id` on every call, retries `UNAVAILABLE` for calls that are safe to
 * repeat, and rejects with {@link HubError}. The generated clients of every service are its
 * properties; the paged calls, the resumable streams and bulk publishing are its methods.
 */
export class HubClient {
  /** The transport every call goes through. */
  readonly transport: Transport;
  /** `EnterpriseDirectory`: lookups, batch lookups, search, fact history. */
  readonly directory: Client<typeof EnterpriseDirectory>;
  /** `FactExchange`: publishing, watches, subscriptions. */
  readonly exchange: Client<typeof FactExchange>;
  /** `Catalog`: fact types and grants. */
  readonly catalog: Client<typeof Catalog>;
  /** `CreditMonitor`: credit profiles, risk lists and alerts, objections. */
  readonly credit: Client<typeof CreditMonitor>;
  /** `ProactiveService`: policies and notices. */
  readonly proactive: Client<typeof ProactiveService>;
  /** `Audit`: access logs and chain verification. */
  readonly audit: Client<typeof Audit>;
  /** `Forms`: prefill and submission. */
  readonly forms: Client<typeof Forms>;
  private readonly sessions: Http2SessionManager;

  /** Makes a client from PEM text. Nothing connects until the first call. */
  constructor(options: HubClientOptions) {
    const nodeOptions = { ca: options.ca, cert: options.cert, key: options.key };
    this.sessions = new Http2SessionManager(options.address, { pingIntervalMs: 30_000, pingTimeoutMs: 10_000 }, nodeOptions);
    this.transport = createGrpcTransport({
      baseUrl: options.address,
      sessionManager: this.sessions,
      defaultTimeoutMs: options.defaultTimeoutMs ?? 10_000,
      interceptors: [
        requestIdInterceptor(options.requestId),
        hubErrorInterceptor(),
        retryInterceptor(options.retry),
        ...(options.interceptors ?? []),
      ],
    });
    this.directory = createClient(EnterpriseDirectory, this.transport);
    this.exchange = createClient(FactExchange, this.transport);
    this.catalog = createClient(Catalog, this.transport);
    this.credit = createClient(CreditMonitor, this.transport);
    this.proactive = createClient(ProactiveService, this.transport);
    this.audit = createClient(Audit, this.transport);
    this.forms = createClient(Forms, this.transport);
  }

  /** Makes a client from PEM files. */
  static fromFiles(options: HubClientFiles): HubClient {
    const { caFile, certFile, keyFile, ...rest } = options;
    return new HubClient({ ...rest, ca: readFileSync(caFile), cert: readFileSync(certFile), key: readFileSync(keyFile) });
  }

  /** Every enterprise a search finds, page after page. */
  searchEnterprises(request: MessageInitShape<typeof SearchEnterprisesRequestSchema>, options?: CallOptions) {
    return paginate((pageToken) => this.directory.searchEnterprises({ ...request, pageToken }, options), (p) => p.enterprises);
  }

  /** Every fact of an enterprise's history, page after page. */
  factHistory(request: MessageInitShape<typeof GetFactHistoryRequestSchema>, options?: CallOptions) {
    return paginate((pageToken) => this.directory.getFactHistory({ ...request, pageToken }, options), (p) => p.facts);
  }

  /** Every read of an enterprise's data, newest first (admin, or the portal for its enterprise). */
  accessLog(request: MessageInitShape<typeof ListAccessRequestSchema>, options?: CallOptions) {
    return paginate((pageToken) => this.audit.listAccess({ ...request, pageToken }, options), (p) => p.records);
  }

  /** Every notice in an enterprise's inbox, newest first (the portal). */
  notices(request: MessageInitShape<typeof ListNoticesRequestSchema>, options?: CallOptions) {
    return paginate((pageToken) => this.proactive.listNotices({ ...request, pageToken }, options), (p) => p.notices);
  }

  /** Every enterprise at a level or worse, in code order (supervision readers). */
  riskEnterprises(request: MessageInitShape<typeof ListRiskEnterprisesRequestSchema>, options?: CallOptions) {
    return paginate((pageToken) => this.credit.listRiskEnterprises({ ...request, pageToken }, options), (p) => p.enterprises);
  }

  /** Every grant request the caller made or must answer, newest first (one page: the call is not paged). */
  async *grantRequests(request: MessageInitShape<typeof ListGrantRequestsRequestSchema> = {}, options?: CallOptions) {
    yield* (await this.catalog.listGrantRequests(request, options)).grants;
  }

  /** The fact log from `afterSequence` on, resumed after the last sequence or heartbeat across broken connections. */
  watchFacts(request: MessageInitShape<typeof WatchFactsRequestSchema>, options: ResumeOptions & CallOptions = {}): AsyncGenerator<Fact, void, undefined> {
    return resumable<Fact>(BigInt(request.afterSequence ?? 0n), (after, signal) =>
      (async function* (exchange) {
        for await (const r of exchange.watchFacts({ ...request, afterSequence: after }, { ...options, signal, timeoutMs: options.timeoutMs ?? 0 })) {
          if (r.event.case === "fact") yield { kind: "item" as const, item: r.event.value, position: r.event.value.sequence };
          else if (r.event.case === "heartbeat") yield { kind: "heartbeat" as const, position: r.event.value.position };
        }
      })(this.exchange), options);
  }

  /**
   * A named subscription's facts from just after its last acknowledgement. Reconnects after a
   * break and skips what this iterator already yielded; call `exchange.ackSubscription` with the
   * position of what you have handled so the hub resumes there next time.
   */
  readSubscription(request: MessageInitShape<typeof ReadSubscriptionRequestSchema>, options: ResumeOptions & CallOptions = {}): AsyncGenerator<Fact, void, undefined> {
    return resumable<Fact>(0n, (_after, signal) =>
      (async function* (exchange) {
        for await (const r of exchange.readSubscription(request, { ...options, signal, timeoutMs: options.timeoutMs ?? 0 })) {
          if (r.event.case === "fact") yield { kind: "item" as const, item: r.event.value, position: r.event.value.sequence };
          else if (r.event.case === "heartbeat") yield { kind: "heartbeat" as const, position: r.event.value.position };
        }
      })(this.exchange), options);
  }

  /** Credit level changes from `afterSequence` on, resumed across broken connections. */
  watchRiskAlerts(request: MessageInitShape<typeof WatchRiskAlertsRequestSchema>, options: ResumeOptions & CallOptions = {}): AsyncGenerator<RiskAlert, void, undefined> {
    return resumable<RiskAlert>(BigInt(request.afterSequence ?? 0n), (after, signal) =>
      (async function* (credit) {
        for await (const r of credit.watchRiskAlerts({ ...request, afterSequence: after }, { ...options, signal, timeoutMs: options.timeoutMs ?? 0 })) {
          if (r.event.case === "alert") yield { kind: "item" as const, item: r.event.value, position: r.event.value.sequence };
          else if (r.event.case === "heartbeat") yield { kind: "heartbeat" as const, position: r.event.value.position };
        }
      })(this.credit), options);
  }

  /** Notice deliveries from `afterSequence` on, resumed across broken connections (delivery channels). */
  watchNotices(request: MessageInitShape<typeof WatchNoticesRequestSchema>, options: ResumeOptions & CallOptions = {}): AsyncGenerator<Notice, void, undefined> {
    return resumable<Notice>(BigInt(request.afterSequence ?? 0n), (after, signal) =>
      (async function* (proactive) {
        for await (const r of proactive.watchNotices({ ...request, afterSequence: after }, { ...options, signal, timeoutMs: options.timeoutMs ?? 0 })) {
          if (r.event.case === "notice") yield { kind: "item" as const, item: r.event.value, position: r.event.value.sequence };
          else if (r.event.case === "heartbeat") yield { kind: "heartbeat" as const, position: r.event.value.position };
        }
      })(this.proactive), options);
  }

  /** Publishes many facts over `PublishFactStream` in acknowledged chunks; see {@link publishBulk}. */
  publishBulk(facts: readonly FactDraft[], options?: BulkOptions): Promise<BulkProgress> {
    return publishBulk(this.exchange, facts, options);
  }

  /** Closes the HTTP/2 connection; calls in flight fail. */
  close(): void {
    this.sessions.abort();
  }
}

