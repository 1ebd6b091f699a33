/**
 * The EnterpriseHub client for Node.js: {@link HubClient} over mutual TLS, {@link HubError},
 * paging, resumable streams and bulk publishing. The generated messages and services of every
 * proto file are re-exported here; `@enterprisehub/client/gen/enterprisehub/v1/<file>_pb` reaches
 * one file alone.
 */
export { HubClient, withRequestId, type HubClientOptions, type HubClientFiles, type Pem } from "./client.js";
export { HubError, HUB_ERROR_DOMAIN, type FieldViolation, type QuotaViolation } from "./errors.js";
export {
  REQUEST_ID_HEADER, RETRYABLE_METHODS, backoffMs, isUnavailable, requestIdInterceptor, retryInterceptor, hubErrorInterceptor,
  type RetryPolicy,
} from "./interceptors.js";
export { paginate } from "./paging.js";
export { resumable, type ResumeOptions, type StreamEvent } from "./watch.js";
export { publishBulk, type BulkOptions, type BulkProgress } from "./bulk.js";
export { create, toJson, fromJson } from "@bufbuild/protobuf";
export { timestampFromDate, timestampDate, durationFromMs } from "@bufbuild/protobuf/wkt";
export { Code, ConnectError, type CallOptions } from "@connectrpc/connect";
export * from "./gen/enterprisehub/v1/facts_pb.js";
export * from "./gen/enterprisehub/v1/directory_pb.js";
export * from "./gen/enterprisehub/v1/exchange_pb.js";
export * from "./gen/enterprisehub/v1/catalog_pb.js";
export * from "./gen/enterprisehub/v1/credit_pb.js";
export * from "./gen/enterprisehub/v1/proactive_pb.js";
export * from "./gen/enterprisehub/v1/audit_pb.js";
export * from "./gen/enterprisehub/v1/forms_pb.js";
