import { HOUR_MS, MINUTE_MS } from "../rollup/tiers.ts";
import type { AlertingConfig, ScoreComponentConfig, ScoreConfig } from "./config.ts";

// Starting configs (DESIGN.md §6). Metric names are those the demo portfolio emits (lib/domain/demo); bounds
// were set from a week of demo traffic scored hour by hour, so that ordinary hours score healthy and the
// demo's incidents (latency spike, hallucination regression, cost blow-up) do not. Magnitudes, per hour:
//   support chatbot  p95 4.2–5.5 s (spike: 30 s), errors ≤ 2.5 % (spike: ≈ 13 %), relevance ≈ 0.85,
//                    hallucination 1.5–6 %, thumbs-up 0.7–0.94 on 15–60 ratings, tickets resolved 0.6–0.74
//   legal RAG        1.2 calls/min, few at night (hence 6 h); hallucination ≈ 2.5 % (regression: 18 %),
//                    faithfulness ≈ 0.9 (regression: ≈ 0.76), retrieval precision ≈ 0.78, p95 7–12 s
//   marketing copy   $0.0027–0.0039 per call (blow-up: $0.015–0.019), 550–1,060 tokens (blow-up: ≈ 2,000),
//                    p95 3–10 s (blow-up: 40–48 s), 0.1–3.7 calls/min
//   financial        extraction correct 0.81–0.93, field accuracy ≈ 0.93, p95 9–15 s, pii leaks ≈ 0.2 %
//   generic          relevance 0.74–0.89, p95 1.5–18 s (the code-review helper is the slow one)

export const SCORE_TEMPLATE_IDS = ["support-chatbot", "legal-rag", "marketing-copy", "financial-pipeline", "generic"] as const;
export type ScoreTemplateId = (typeof SCORE_TEMPLATE_IDS)[number];

export interface ScoreTemplate {
  id: ScoreTemplateId;
  title: string;
  description: string;
  config: Omit<ScoreConfig, "service">;
}

const c = (metric: string, weight: number, good: number, bad: number): ScoreComponentConfig => ({ metric, weight, good, bad });

/** Alerts wait 5 minutes and recover 3 points above the threshold; routes are added per installation. */
const ALERTING: AlertingConfig = { for: 5 * MINUTE_MS, hysteresis: 3, noData: "keep", routes: { warning: [], critical: [] }, renotify: null };
const BASE = { window: HOUR_MS, minSamples: 30, aggregation: "weighted_mean", alerting: ALERTING, shadow: false } as const;

export const SCORE_TEMPLATES: Readonly<Record<ScoreTemplateId, ScoreTemplate>> = {
  "support-chatbot": {
    id: "support-chatbot",
    title: "Support chatbot",
    description: "Answer quality and customer satisfaction first (65 %), then speed and reliability.",
    config: {
      ...BASE,
      components: [
        c("eval.relevance.mean", 20, 0.85, 0.7),
        c("eval.hallucination.mean", 15, 0.03, 0.12),
        c("feedback.thumbs_up.mean", 15, 0.8, 0.5),
        c("outcome.ticket_resolved.rate", 15, 0.7, 0.45),
        c("latency.p95", 20, 6000, 20_000),
        c("error.rate", 15, 0.02, 0.1),
      ],
      floors: [{ metric: "error.rate", above: 0.1, cap: 50 }],
      thresholds: { warning: 80, critical: 60 },
      segments: ["provider", "model", "variant", "user_segment", "workflow_type"],
    },
  },
  "legal-rag": {
    id: "legal-rag",
    title: "Legal RAG assistant",
    description: "Hallucinations weigh 40 %, then faithfulness to the sources and retrieval precision; a 6 h window because traffic is thin.",
    config: {
      ...BASE,
      window: 6 * HOUR_MS,
      components: [
        c("eval.hallucination.mean", 40, 0.03, 0.15),
        c("eval.faithfulness.mean", 20, 0.88, 0.7),
        c("retrieval.precision.mean", 15, 0.75, 0.55),
        c("eval.relevance.mean", 10, 0.85, 0.7),
        c("latency.p95", 10, 12_000, 30_000),
        c("error.rate", 5, 0.02, 0.1),
      ],
      floors: [{ metric: "eval.hallucination.mean", above: 0.12, cap: 50 }],
      thresholds: { warning: 85, critical: 70 },
      segments: ["provider", "model", "variant", "workflow_type"],
    },
  },
  "marketing-copy": {
    id: "marketing-copy",
    title: "Marketing copy generator",
    description: "Cost and throughput first (cost, volume, tokens and latency: 70 %), quality as a guard.",
    config: {
      ...BASE,
      minSamples: 20,
      components: [
        c("cost.per_request", 30, 0.005, 0.015),
        c("throughput.rpm", 15, 0.6, 0.3),
        c("latency.p95", 15, 12_000, 40_000),
        c("tokens.per_request", 10, 1200, 2400),
        c("eval.relevance.mean", 20, 0.82, 0.7),
        c("error.rate", 10, 0.02, 0.1),
      ],
      floors: [{ metric: "error.rate", above: 0.2, cap: 50 }],
      thresholds: { warning: 80, critical: 60 },
      segments: ["provider", "model", "variant", "workflow_type"],
    },
  },
  "financial-pipeline": {
    id: "financial-pipeline",
    title: "Financial document pipeline",
    description: "Extraction accuracy and data quality (80 %); a PII leak rate above 3 % caps the score.",
    config: {
      ...BASE,
      components: [
        c("outcome.extraction_correct.rate", 30, 0.85, 0.65),
        c("eval.field_accuracy.mean", 25, 0.92, 0.8),
        c("eval.faithfulness.mean", 10, 0.93, 0.8),
        c("quality.rejected.rate", 10, 0.001, 0.02),
        c("quality.missing.evals.rate", 5, 0.03, 0.15),
        c("error.rate", 10, 0.02, 0.1),
        c("latency.p95", 10, 15_000, 40_000),
      ],
      floors: [{ metric: "eval.pii_leak.mean", above: 0.03, cap: 50 }],
      thresholds: { warning: 85, critical: 70 },
      segments: ["provider", "model", "workflow_type", "region"],
    },
  },
  generic: {
    id: "generic",
    title: "Generic LLM service",
    description: "Relevance, reliability, latency and user feedback in balance; bounds loose enough for slow models.",
    config: {
      ...BASE,
      components: [
        c("eval.relevance.mean", 30, 0.78, 0.6),
        c("error.rate", 25, 0.02, 0.1),
        c("latency.p95", 25, 15_000, 45_000),
        c("feedback.thumbs_up.mean", 20, 0.75, 0.4),
      ],
      floors: [{ metric: "error.rate", above: 0.25, cap: 50 }],
      thresholds: { warning: 80, critical: 60 },
      segments: ["provider", "model", "user_segment"],
    },
  },
};

export function isScoreTemplateId(id: string): id is ScoreTemplateId {
  return (SCORE_TEMPLATE_IDS as readonly string[]).includes(id);
}

/** A fresh config for `slug` from a template; the caller may change it freely. */
export function templateFor(templateId: ScoreTemplateId, slug: string): ScoreConfig {
  return { service: slug, ...structuredClone(SCORE_TEMPLATES[templateId].config) };
}
