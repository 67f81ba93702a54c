import { centroidAt, type ServiceContext } from "./context.ts";
import { incidentEffects, type IncidentEffects } from "./incidents.ts";
import { costUsd, type DemoModel } from "./models.ts";
import { type Random, WeightedTable } from "./random.ts";
import { sampleTexts } from "./texts.ts";
import { BOOLEAN_EVALS, type DemoEvent } from "./types.ts";

// The model of one call: which model answered, how long it took, whether it failed, and the quality signals
// that follow from it. Signals are correlated on purpose (a hallucination lowers relevance, faithfulness,
// thumbs-up and the business outcome; a slow answer lowers feedback) so root-cause views have a story to tell.

const ERROR_TYPES = WeightedTable.fromRecord({ rate_limit: 40, server_error: 30, timeout: 15, content_filter: 15 });
const CLIENT_TIMEOUT_MS = 30_000;
/** Above this a user notices the wait: feedback and outcomes suffer. */
const SLOW_MS = 8_000;

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

function outcome(name: string, value: boolean): Record<string, boolean> {
  const outcomes: Record<string, boolean> = {};
  outcomes[name] = value;
  return outcomes;
}

function errorLatency(rng: Random, type: string, ttftMedian: number): number {
  switch (type) {
    case "timeout":
      return CLIENT_TIMEOUT_MS + rng.uniform(0, 500);
    case "rate_limit":
      return rng.lognormal(120, 0.4);
    case "server_error":
      return rng.lognormal(ttftMedian * 2, 0.5);
    default:
      return rng.lognormal(ttftMedian, 0.3);
  }
}

function sampleAttributes(ctx: ServiceContext, rng: Random, fx: IncidentEffects): Record<string, string | number> {
  const attributes: Record<string, string | number> = {};
  for (const [name, table] of ctx.attributes) {
    const drift = fx.drift && fx.drift.incident.attribute === name ? fx.drift : null;
    const shifted = drift ? ctx.shiftedAttribute.get(drift.incident) : undefined;
    // A mixture with probability `ramp` moves the distribution linearly towards the shifted weights.
    attributes[name] = shifted && drift && rng.bernoulli(drift.ramp) ? shifted.sample(rng) : table.sample(rng);
  }
  for (const [name, { median, sigma }] of ctx.numericAttributes) {
    attributes[name] = Math.max(1, Math.round(rng.lognormal(median, sigma)));
  }
  return attributes;
}

function sampleEmbedding(ctx: ServiceContext, rng: Random, fx: IncidentEffects): number[] {
  const center = centroidAt(ctx, fx.drift ? fx.drift.ramp * fx.drift.incident.magnitude : 0);
  const noisy = center.map((x) => x + rng.normal(0, 0.15));
  const norm = Math.hypot(...noisy) || 1;
  return noisy.map((x) => round(x / norm, 4));
}

/** Evals, feedback, outcome and retrieval of a successful call. */
function addQualitySignals(event: DemoEvent, ctx: ServiceContext, rng: Random, model: DemoModel, fx: IncidentEffects): void {
  const s = ctx.spec;
  const slow = event.latency_ms > SLOW_MS;
  const hallucinated = "hallucination" in s.evals && rng.bernoulli(fx.hallucinationRate ?? s.evals.hallucination ?? 0);
  const shift = model.qualityDelta - fx.relevanceDrop - (hallucinated ? 0.2 : 0);
  const evals: Record<string, number | boolean> = {};
  for (const [name, mean] of ctx.evals) {
    if (name === "hallucination") evals[name] = hallucinated;
    else if (BOOLEAN_EVALS.has(name)) evals[name] = rng.bernoulli(mean);
    else if (name === "toxicity") evals[name] = round(clamp(rng.lognormal(mean, 0.8), 0, 1), 4);
    else {
      const extra = name === "faithfulness" ? -fx.faithfulnessDrop - (hallucinated ? 0.2 : 0) : 0;
      evals[name] = round(clamp(rng.normal(mean + shift + extra, 0.06), 0, 1), 3);
    }
  }
  event.evals = evals;

  // A latent per-call quality drives the human and business signals, so they agree with the evals.
  const baseQuality = s.evals.relevance ?? 0.85;
  const quality = clamp(baseQuality + shift + rng.normal(0, 0.05), 0, 1);
  const feedback: Record<string, number> = {};
  if (rng.bernoulli(s.feedback.thumbsRate)) {
    const pUp = clamp(0.2 + 0.75 * quality - (slow ? 0.35 : 0) - (hallucinated ? 0.3 : 0), 0.02, 0.98);
    feedback.thumbs_up = rng.bernoulli(pUp) ? 1 : 0;
  }
  if (rng.bernoulli(s.feedback.csatRate)) {
    const csat = 1 + 4 * quality + rng.normal(0, 0.7) - (slow ? 1 : 0) - (hallucinated ? 1 : 0);
    feedback.csat = clamp(Math.round(csat), 1, 5);
  }
  if (Object.keys(feedback).length > 0) event.feedback = feedback;

  if (s.outcome) {
    const p = s.outcome.rate + 1.5 * (quality - baseQuality) - (slow ? 0.15 : 0) - (hallucinated ? 0.3 : 0);
    event.outcomes = outcome(s.outcome.name, rng.bernoulli(clamp(p, 0.01, 0.99)));
  }
  if (s.retrieval) {
    const r = s.retrieval;
    const precision = clamp(rng.normal(r.precision + shift * 0.5, 0.1), 0, 1);
    const docs = Array.from({ length: rng.int(3, 5) }, () => `${r.docPrefix}-${String(rng.int(1, r.corpusSize)).padStart(4, "0")}`);
    event.retrieval = {
      precision: round(precision, 3),
      score: round(clamp(rng.normal(0.45 + 0.4 * precision, 0.05), 0, 1), 3),
      document_ids: docs,
    };
  }
}

/** One call of `ctx`'s service at `ms`; every draw comes from `rng`, in a fixed order. */
export function makeEvent(
  ctx: ServiceContext,
  rng: Random,
  ms: number,
  timestamp: string,
  eventId: string,
  withText: boolean,
): DemoEvent {
  const s = ctx.spec;
  const model = ctx.models.sample(rng);
  const fx = incidentEffects(ctx.incidents, model.provider, ms);
  let variant = ctx.variants.sample(rng);
  if (fx.variantSwitch && variant === fx.variantSwitch.from) variant = fx.variantSwitch.to;
  const segments: Record<string, string> = {
    user_segment: ctx.userSegments.sample(rng),
    business_unit: ctx.customerUnits ? ctx.customerUnits.sample(rng) : s.businessUnit,
    region: ctx.regions.sample(rng),
    workflow_type: ctx.workflows.sample(rng),
  };
  const attributes = sampleAttributes(ctx, rng, fx);
  const embedding = sampleEmbedding(ctx, rng, fx);
  const inputTokens = Math.max(1, Math.round(rng.lognormal(s.tokens.inputMedian, s.tokens.sigma)));
  const outputTokens = Math.max(1, Math.round(rng.lognormal(s.tokens.outputMedian, s.tokens.sigma) * fx.outputTokenFactor));
  let errorType: string | null = null;
  if (fx.forcedErrorRate > 0 && rng.bernoulli(fx.forcedErrorRate)) errorType = fx.forcedErrorType ?? "timeout";
  else if (rng.bernoulli(s.errorRate)) errorType = ERROR_TYPES.sample(rng);

  // Literal objects with a fixed key order (no spreads): V8 keeps one hidden class per shape, which made
  // generation four times faster than building the event from a spread base.
  if (errorType !== null) {
    const event: DemoEvent = {
      event_id: eventId,
      service: s.slug,
      timestamp,
      model: model.model,
      provider: model.provider,
      variant,
      latency_ms: Math.round(errorLatency(rng, errorType, model.ttftMedianMs)),
      status: "error",
      error_type: errorType,
      input_tokens: inputTokens,
      output_tokens: 0,
      cost_usd: 0,
      segments,
      attributes,
      embedding,
    };
    if (s.outcome) event.outcomes = outcome(s.outcome.name, false);
    if (withText) event.prompt = sampleTexts(s.slug, rng).prompt;
    return event;
  }

  const ttft = rng.lognormal(model.ttftMedianMs, 0.35) * fx.latencyFactor;
  const decode = (outputTokens / (model.tokensPerSecond * rng.lognormal(1, 0.2))) * 1000 * fx.latencyFactor;
  const event: DemoEvent = {
    event_id: eventId,
    service: s.slug,
    timestamp,
    model: model.model,
    provider: model.provider,
    variant,
    latency_ms: Math.round(ttft + decode),
    ttft_ms: Math.round(ttft),
    status: "ok",
    input_tokens: inputTokens,
    output_tokens: outputTokens,
    cost_usd: round(costUsd(model, inputTokens, outputTokens), 10),
    segments,
    attributes,
    embedding,
  };
  addQualitySignals(event, ctx, rng, model, fx);
  if (withText) {
    const text = sampleTexts(s.slug, rng);
    event.prompt = text.prompt;
    event.response = text.response;
  }
  return event;
}
