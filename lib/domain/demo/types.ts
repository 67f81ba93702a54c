import type { DemoModelName } from "./models.ts";

/**
 * One event in the wire format of POST /api/ingest (DESIGN.md §3): snake_case keys, RFC 3339 timestamp.
 * Kept local and structural so the zod schema in lib/schemas can be checked against it later; optional keys
 * are omitted rather than set to undefined so the JSON matches what a client would send.
 */
export interface IngestEventWire {
  event_id?: string;
  service: string;
  timestamp: string;
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

/** What the demo generator always fills in (a subset of the wire format made required). */
export interface DemoEvent extends IngestEventWire {
  event_id: string;
  model: string;
  provider: string;
  variant: string;
  latency_ms: number;
  status: "ok" | "error";
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  segments: Record<string, string>;
  attributes: Record<string, string | number>;
  embedding: number[];
}

export type RiskTier = "low" | "medium" | "high" | "critical";
export type ConfigTemplateId = "support-chatbot" | "legal-rag" | "marketing-copy" | "financial-pipeline" | "generic";

/** Relative weights; they need not sum to 1. */
export type Weights<K extends string = string> = Readonly<Record<K, number>>;

/** Evals emitted as booleans; every other eval is a score in [0, 1]. */
export const BOOLEAN_EVALS: ReadonlySet<string> = new Set(["hallucination", "pii_leak"]);

export interface DemoServiceSpec {
  slug: string;
  name: string;
  description: string;
  businessUnit: string;
  riskTier: RiskTier;
  /** Privacy switch: when false the generator omits prompt and response, as a careful client would. */
  storePrompts: boolean;
  owners: readonly string[];
  configTemplate: ConfigTemplateId;
  traffic: {
    /** Mean events per minute over a whole week (the daily/weekly cycle is normalised to mean 1). */
    perMinute: number;
    /** Share of the midday rate that remains at night (0–1). */
    nightFactor: number;
    /** Multiplier on Saturdays and Sundays (UTC). */
    weekendFactor: number;
  };
  models: Readonly<Partial<Record<DemoModelName, number>>>;
  variants: Weights;
  tokens: { inputMedian: number; outputMedian: number; sigma: number };
  /** Base error rate (rate limits, 5xx, content filter, occasional timeouts). */
  errorRate: number;
  /** Numeric evals: mean score; boolean evals (BOOLEAN_EVALS): probability of `true`. */
  evals: Readonly<Record<string, number>>;
  feedback: { thumbsRate: number; csatRate: number };
  outcome?: { name: string; rate: number };
  retrieval?: { precision: number; docPrefix: string; corpusSize: number };
  segments: {
    userSegments: Weights;
    /** For internal tools the asking employee's unit; defaults to the owning unit. */
    customerUnits?: Weights;
    regions: Weights;
    workflows: Weights;
  };
  attributes: Readonly<Record<string, Weights>>;
  numericAttributes?: Readonly<Record<string, { median: number; sigma: number }>>;
  embeddingDim: number;
}
