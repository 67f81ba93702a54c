import type { Weights } from "./types.ts";

// Built-in incidents of the demo. Offsets are relative to an anchor — the end of the seeded window ("now" at
// seed time) — so every fresh install shows them at the same relative time. An incident with endOffsetMs
// null is ongoing: it stays active after the anchor, so a live simulation anchored at the seed time keeps it.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

interface IncidentBase {
  id: string;
  service: string;
  title: string;
  /** Start relative to the anchor, ms (negative = before it). */
  startOffsetMs: number;
  /** End relative to the anchor, ms; null = ongoing. */
  endOffsetMs: number | null;
}

export interface LatencySpikeIncident extends IncidentBase {
  kind: "latency_spike";
  provider: string;
  /** Multiplies TTFT and decode time of successful calls to this provider. */
  latencyFactor: number;
  /** Extra probability that a call to this provider fails with `errorType` (a 30 s client timeout). */
  errorRate: number;
  errorType: string;
}

export interface HallucinationRegressionIncident extends IncidentBase {
  kind: "hallucination_regression";
  fromVariant: string;
  toVariant: string;
  /** Hallucination probability once the new variant is live (the baseline comes from the service). */
  hallucinationRate: number;
  /** Subtracted from relevance-like eval means. */
  relevanceDrop: number;
  faithfulnessDrop: number;
}

export interface CostBlowupIncident extends IncidentBase {
  kind: "cost_blowup";
  /** A prompt regression made answers ramble: output tokens (and so cost and latency) grow by this factor. */
  outputTokenFactor: number;
}

export interface EmbeddingDriftIncident extends IncidentBase {
  kind: "embedding_drift";
  /** The shift grows linearly from the start over this long, then holds. */
  rampMs: number;
  /** Length of the centroid displacement (orthogonal to the service's unit centroid) at full ramp. */
  magnitude: number;
  /** A string attribute whose distribution moves towards `shiftedWeights` with the same ramp. */
  attribute: string;
  shiftedWeights: Weights;
}

export type DemoIncident =
  | LatencySpikeIncident
  | HallucinationRegressionIncident
  | CostBlowupIncident
  | EmbeddingDriftIncident;

export type DemoIncidentKind = DemoIncident["kind"];

/** An incident placed on the absolute time line (epoch ms); toMs is +Infinity while ongoing. */
export type ResolvedIncident = DemoIncident & { fromMs: number; toMs: number };

const supportSpike = {
  kind: "latency_spike",
  service: "customer-support-chatbot",
  provider: "anthropic",
  errorType: "timeout",
} as const;

export const DEMO_INCIDENTS: readonly DemoIncident[] = [
  {
    ...supportSpike,
    id: "support-anthropic-latency-ongoing",
    title: "Anthropic latency spike and timeouts on the support chatbot",
    startOffsetMs: -90 * MINUTE_MS,
    endOffsetMs: null,
    latencyFactor: 5,
    errorRate: 0.3,
  },
  {
    ...supportSpike,
    id: "support-anthropic-latency-earlier",
    title: "Earlier two-hour Anthropic latency spike on the support chatbot",
    startOffsetMs: -5 * DAY_MS,
    endOffsetMs: -5 * DAY_MS + 2 * HOUR_MS,
    latencyFactor: 4,
    errorRate: 0.15,
  },
  {
    kind: "hallucination_regression",
    id: "legal-prompt-v8-hallucinations",
    service: "legal-rag-assistant",
    title: "Hallucinations rise after the prompt-v7 → prompt-v8 change",
    startOffsetMs: -3 * DAY_MS,
    endOffsetMs: null,
    fromVariant: "prompt-v7",
    toVariant: "prompt-v8",
    hallucinationRate: 0.18,
    relevanceDrop: 0.1,
    faithfulnessDrop: 0.1,
  },
  {
    kind: "cost_blowup",
    id: "marketing-output-token-blowup",
    service: "marketing-copy-generator",
    title: "Output tokens ×5 on the marketing copy generator",
    startOffsetMs: -6 * DAY_MS,
    endOffsetMs: -6 * DAY_MS + 20 * HOUR_MS,
    outputTokenFactor: 5,
  },
  {
    kind: "embedding_drift",
    id: "faq-embedding-drift",
    service: "internal-faq-bot",
    title: "Question mix drifts on the internal FAQ bot (new offices, new languages)",
    startOffsetMs: -2 * DAY_MS,
    endOffsetMs: null,
    rampMs: 2 * DAY_MS,
    magnitude: 0.8,
    attribute: "language",
    shiftedWeights: { en: 40, es: 20, ja: 25, de: 10, fr: 5 },
  },
];

/** Places incidents on the time line relative to `anchor` (epoch ms or Date). */
export function resolveIncidents(
  anchor: Date | number,
  incidents: readonly DemoIncident[] = DEMO_INCIDENTS,
): ResolvedIncident[] {
  const at = typeof anchor === "number" ? anchor : anchor.getTime();
  return incidents.map((incident) => ({
    ...incident,
    fromMs: at + incident.startOffsetMs,
    toMs: incident.endOffsetMs === null ? Number.POSITIVE_INFINITY : at + incident.endOffsetMs,
  }));
}

/** What the active incidents do to one call; the neutral value when none applies. */
export interface IncidentEffects {
  latencyFactor: number;
  forcedErrorRate: number;
  forcedErrorType: string | null;
  outputTokenFactor: number;
  variantSwitch: { from: string; to: string } | null;
  hallucinationRate: number | null;
  relevanceDrop: number;
  faithfulnessDrop: number;
  drift: { incident: EmbeddingDriftIncident; ramp: number } | null;
}

/** Effects on a call to `provider` at `ms`; `incidents` should already be filtered to the service. */
export function incidentEffects(incidents: readonly ResolvedIncident[], provider: string, ms: number): IncidentEffects {
  const fx: IncidentEffects = {
    latencyFactor: 1,
    forcedErrorRate: 0,
    forcedErrorType: null,
    outputTokenFactor: 1,
    variantSwitch: null,
    hallucinationRate: null,
    relevanceDrop: 0,
    faithfulnessDrop: 0,
    drift: null,
  };
  for (const inc of incidents) {
    if (ms < inc.fromMs || ms >= inc.toMs) continue;
    switch (inc.kind) {
      case "latency_spike":
        if (inc.provider !== provider) break;
        fx.latencyFactor *= inc.latencyFactor;
        fx.forcedErrorRate = Math.max(fx.forcedErrorRate, inc.errorRate);
        fx.forcedErrorType = inc.errorType;
        break;
      case "hallucination_regression":
        fx.variantSwitch = { from: inc.fromVariant, to: inc.toVariant };
        fx.hallucinationRate = inc.hallucinationRate;
        fx.relevanceDrop += inc.relevanceDrop;
        fx.faithfulnessDrop += inc.faithfulnessDrop;
        break;
      case "cost_blowup":
        fx.outputTokenFactor *= inc.outputTokenFactor;
        break;
      case "embedding_drift":
        fx.drift = { incident: inc, ramp: Math.min(1, (ms - inc.fromMs) / inc.rampMs) };
        break;
    }
  }
  return fx;
}
