// The ingest SDK: `new VitalsClient({ endpoint, apiKey })`, then record(), flush(), shutdown().
export { VitalsClient } from "./client.ts";
export { backoffDelay, isRetryableStatus, parseRetryAfter } from "./retry.ts";
export {
  VitalsError,
  type IngestIssue,
  type IngestRejection,
  type IngestResult,
  type VitalsClientOptions,
  type VitalsErrorKind,
  type VitalsEvent,
  type VitalsStats,
} from "./types.ts";
