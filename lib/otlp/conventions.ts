// The mapping from span attributes to the ingest wire format (DESIGN.md §3), in one place. Sources:
// - OpenTelemetry GenAI semantic conventions (gen_ai.*; development status, semantic-conventions ≥ 1.37, now
//   kept in open-telemetry/semantic-conventions-genai): spans "{gen_ai.operation.name} {gen_ai.request.model}",
//   usage attributes, and the `gen_ai.evaluation.result` event.
// - OpenInference semantic conventions (Arize; llm.*, openinference.span.kind), as emitted by the
//   OpenInference instrumentations and Phoenix.
// - vitals.*: this product's own prefix for what neither convention covers (segments, custom attributes).
// Each list is in priority order: the first attribute present wins, so the newer name of a renamed
// attribute comes before the deprecated one.

/** Resource attribute naming the service; its value must be the slug of a service that exists. */
export const SERVICE_NAME = "service.name";

/** Which spans are LLM calls. Everything else (HTTP, DB, agent and tool spans …) is not telemetry for us. */
export const LLM_SPAN = {
  /** OpenInference span kind: only "LLM" spans are model calls (CHAIN, AGENT, TOOL, RETRIEVER … are not). */
  openInferenceKind: "openinference.span.kind",
  /** GenAI operation: these name spans that wrap or neighbour model calls without being one. */
  operation: "gen_ai.operation.name",
  notModelCalls: new Set(["create_agent", "invoke_agent", "invoke_workflow", "execute_tool", "retrieval", "embeddings"]),
  /** Without either marker, any attribute under these prefixes marks a span as an LLM call. */
  prefixes: ["gen_ai.", "llm."],
} as const;

export const WIRE_FIELDS = {
  provider: ["gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system"],
  model: ["gen_ai.response.model", "gen_ai.request.model", "llm.model_name"],
  input_tokens: ["gen_ai.usage.input_tokens", "llm.token_count.prompt", "gen_ai.usage.prompt_tokens"],
  output_tokens: ["gen_ai.usage.output_tokens", "llm.token_count.completion", "gen_ai.usage.completion_tokens"],
  /** USD. */
  cost_usd: ["llm.cost.total", "gen_ai.usage.cost"],
  variant: ["vitals.variant", "gen_ai.prompt.version", "llm.prompt_template.version"],
  error_type: ["error.type"],
} as const;

/** Time to first token, in seconds on the span; the wire format takes milliseconds. */
export const TTFT_SECONDS = ["gen_ai.response.time_to_first_chunk", "gen_ai.server.time_to_first_token"] as const;

/** Span status code ERROR (opentelemetry-proto trace.proto Status.StatusCode). */
export const STATUS_CODE_ERROR = 2;

/** Span events carrying one evaluation each (GenAI conventions). */
export const EVALUATION = {
  event: "gen_ai.evaluation.result",
  name: "gen_ai.evaluation.name",
  /** a number; the wire format takes [0, 1] */
  value: "gen_ai.evaluation.score.value",
  /** used when there is no value, and only when it reads true or false: other labels ("relevant", "pass")
   * mean different things for different evals, and a boolean eval here counts the bad case (hallucination). */
  label: "gen_ai.evaluation.score.label",
} as const;

/** `vitals.segment.region = "eu"` → segments.region; `vitals.attr.language = "de"` → attributes.language. */
export const SEGMENT_PREFIX = "vitals.segment.";
export const ATTRIBUTE_PREFIX = "vitals.attr.";
