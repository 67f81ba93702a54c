// Types of the ingest SDK. The SDK imports nothing from the rest of the project so it can be lifted out as a
// package: these mirror the wire format of DESIGN.md §3 structurally (a demo event is assignable to VitalsEvent).

/** One telemetry event as POST /api/ingest takes it: snake_case keys, RFC 3339 timestamp. */
export interface VitalsEvent {
  /** Dedup key per service. The client generates one when absent, so a retried batch deduplicates. */
  event_id?: string;
  service: string;
  /** RFC 3339; the client stamps the time of record() when absent. */
  timestamp?: string;
  model?: string;
  provider?: string;
  variant?: string;
  latency_ms?: number;
  ttft_ms?: number;
  status?: "ok" | "error";
  error_type?: string;
  input_tokens?: number;
  output_tokens?: number;
  cost_usd?: number;
  segments?: Record<string, string>;
  evals?: Record<string, number | boolean>;
  feedback?: Record<string, number>;
  outcomes?: Record<string, boolean>;
  retrieval?: { precision?: number; score?: number; document_ids?: string[] };
  embedding?: number[];
  attributes?: Record<string, string | number>;
  prompt?: string;
  response?: string;
}

export interface IngestIssue {
  path: string;
  message: string;
}

export interface IngestRejection {
  /** Position in the batch the client sent (not in the order of record() calls). */
  index: number;
  event_id: string | null;
  errors: IngestIssue[];
}

/** The answer body of 200, 207 and 422. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: IngestRejection[];
}

/**
 * What went wrong, for onError:
 * - rejected: the server answered 207/422 and refused some events (never retried: they would fail again);
 * - failed: a final envelope error (400/401/403/413/415, other 4xx) or retries exhausted — the batch is lost;
 * - dropped: the queue was full (or the client shut down) and events were discarded before sending;
 * - oversized: one event alone exceeds the body limit and can never be sent.
 */
export type VitalsErrorKind = "rejected" | "failed" | "dropped" | "oversized";

export class VitalsError extends Error {
  constructor(
    readonly kind: VitalsErrorKind,
    message: string,
    /** How many events this report is about. */
    readonly events: number,
    /** HTTP status of the final answer; absent for network errors and local decisions. */
    readonly status?: number,
    /** For kind "rejected": the server's per-event errors, with event_id filled in from what was sent. */
    readonly rejections: IngestRejection[] = [],
  ) {
    super(message);
    this.name = "VitalsError";
  }
}

export interface VitalsStats {
  /** Events waiting in the queue (not yet in a request). */
  queued: number;
  /** Events put into a request at least once (a retried event counts once). */
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Events lost to final envelope errors or exhausted retries. */
  failed: number;
  dropped: number;
  /** Requests repeated after a retryable answer or a network error. */
  retries: number;
  /** Requests that got a final answer (any status). */
  batches: number;
}

export interface VitalsClientOptions {
  /** The full ingest URL, e.g. http://localhost:3000/api/ingest. */
  endpoint: string;
  apiKey: string;
  /** Events per request; clamped to the server's limit of 1,000. */
  batchSize?: number;
  /** Background flush period; 0 disables the timer (flush() and full batches still send). */
  flushIntervalMs?: number;
  /** Beyond this many queued events the oldest are dropped. */
  maxQueue?: number;
  gzip?: boolean;
  /** Retries per request after the first attempt. */
  maxRetries?: number;
  /** First backoff step; doubles per attempt up to retryMaxDelayMs, with jitter. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Uncompressed body limit per request (the server enforces 5 MiB before and after gzip). */
  maxBatchBytes?: number;
  /** Abort a request that has not answered after this long (then retry it). */
  requestTimeoutMs?: number;
  /** Node only: flush once when the event loop drains (process "beforeExit"). */
  flushOnExit?: boolean;
  fetch?: typeof fetch;
  /** Default: console.warn. Called for every report; it must not throw. */
  onError?: (error: VitalsError) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1), for the backoff jitter. */
  random?: () => number;
}
