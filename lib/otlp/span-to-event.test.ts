import { describe, expect, it } from "vitest";
import { IngestEventInput } from "@/lib/schemas/ingest.ts";
import { kv, llmSpan, SPAN_ID, TRACE_ID, type JsonSpan } from "./fixtures.ts";
import { readTraceRequest } from "./schema.ts";
import { spanToEvent, type SpanOutcome } from "./span-to-event.ts";

function map(span: JsonSpan, resource: Record<string, string | number | boolean> = { "service.name": "support-bot" }): SpanOutcome {
  const request = readTraceRequest({ resourceSpans: [{ resource: { attributes: kv(resource) }, scopeSpans: [{ spans: [span] }] }] });
  const rs = request.resourceSpans[0]!;
  return spanToEvent(rs.resource.attributes, rs.scopeSpans[0]!.spans[0]!);
}

function eventOf(span: JsonSpan, resource?: Record<string, string | number | boolean>) {
  const outcome = map(span, resource);
  if (outcome.kind !== "event") throw new Error(`expected an event, got ${outcome.kind}`);
  return outcome;
}

const withAttributes = (attributes: Record<string, string | number | boolean>) => llmSpan({ attributes: kv(attributes) });

describe("spanToEvent", () => {
  it("maps a GenAI chat span to a wire event that the ingest schema accepts", () => {
    const { event, warnings } = eventOf(
      withAttributes({
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.response.model": "gpt-4o-2024-08-06",
        "gen_ai.usage.input_tokens": 1200,
        "gen_ai.usage.output_tokens": 340,
        "gen_ai.response.time_to_first_chunk": 0.25,
      }),
    );
    expect(event).toEqual({
      event_id: `${TRACE_ID}-${SPAN_ID}`,
      service: "support-bot",
      timestamp: "2026-11-26T17:00:00.000Z",
      latency_ms: 1250,
      status: "ok",
      provider: "openai",
      model: "gpt-4o-2024-08-06",
      input_tokens: 1200,
      output_tokens: 340,
      ttft_ms: 250,
    });
    expect(warnings).toEqual([]);
    expect(IngestEventInput.safeParse(event).success).toBe(true);
  });

  it.each([
    ["gen_ai.system (older GenAI)", { "gen_ai.system": "anthropic", "gen_ai.request.model": "claude" }, { provider: "anthropic", model: "claude" }],
    ["gen_ai.provider.name wins over gen_ai.system", { "gen_ai.provider.name": "aws.bedrock", "gen_ai.system": "anthropic" }, { provider: "aws.bedrock" }],
    ["deprecated GenAI token names", { "gen_ai.usage.prompt_tokens": 10, "gen_ai.usage.completion_tokens": 5 }, { input_tokens: 10, output_tokens: 5 }],
    ["gen_ai.usage.cost", { "gen_ai.request.model": "m", "gen_ai.usage.cost": 0.01 }, { cost_usd: 0.01 }],
    ["gen_ai.server.time_to_first_token (seconds)", { "gen_ai.request.model": "m", "gen_ai.server.time_to_first_token": 1.5 }, { ttft_ms: 1500 }],
    ["gen_ai.prompt.version as variant", { "gen_ai.request.model": "m", "gen_ai.prompt.version": 7 }, { variant: "7" }],
    ["vitals.variant wins", { "gen_ai.request.model": "m", "vitals.variant": "prompt-v3", "gen_ai.prompt.version": "2" }, { variant: "prompt-v3" }],
    [
      "OpenInference LLM span",
      {
        "openinference.span.kind": "LLM",
        "llm.provider": "openai",
        "llm.model_name": "gpt-4o-mini",
        "llm.token_count.prompt": 80,
        "llm.token_count.completion": 20,
        "llm.cost.total": 0.0003,
        "llm.prompt_template.version": "v2",
      },
      { provider: "openai", model: "gpt-4o-mini", input_tokens: 80, output_tokens: 20, cost_usd: 0.0003, variant: "v2" },
    ],
    ["OpenInference llm.system as provider", { "llm.system": "anthropic", "llm.model_name": "claude" }, { provider: "anthropic", model: "claude" }],
  ])("%s", (_, attributes, expected) => {
    expect(eventOf(withAttributes(attributes)).event).toMatchObject(expected);
  });

  it("maps an ERROR status, with error.type first and the status message otherwise", () => {
    const typed = eventOf(llmSpan({ attributes: kv({ "gen_ai.request.model": "m", "error.type": "rate_limit" }), status: { code: 2, message: "429 from upstream" } }));
    expect(typed.event).toMatchObject({ status: "error", error_type: "rate_limit" });
    const untyped = eventOf(llmSpan({ status: { code: 2, message: "x".repeat(300) } }));
    expect(untyped.event).toMatchObject({ status: "error", error_type: "x".repeat(256) });
    expect(eventOf(llmSpan({ status: { code: 1, message: "fine" } })).event).toMatchObject({ status: "ok" });
    expect(eventOf(llmSpan({ status: { code: 1 } })).event).not.toHaveProperty("error_type");
  });

  it("reads evals from gen_ai.evaluation.result events: values, true/false labels, and leaves other labels out", () => {
    const evaluation = (attributes: Record<string, string | number | boolean>) => ({ name: "gen_ai.evaluation.result", attributes: kv(attributes) });
    const { event, warnings } = eventOf(
      llmSpan({
        events: [
          evaluation({ "gen_ai.evaluation.name": "relevance", "gen_ai.evaluation.score.value": 0.8, "gen_ai.evaluation.score.label": "relevant" }),
          evaluation({ "gen_ai.evaluation.name": "hallucination", "gen_ai.evaluation.score.label": "False" }),
          evaluation({ "gen_ai.evaluation.name": "pii_leak", "gen_ai.evaluation.score.label": true }),
          evaluation({ "gen_ai.evaluation.name": "tone", "gen_ai.evaluation.score.label": "friendly" }),
          evaluation({ "gen_ai.evaluation.score.value": 1 }),
          { name: "gen_ai.choice", attributes: kv({ "gen_ai.evaluation.name": "not-an-eval", "gen_ai.evaluation.score.value": 1 }) },
        ],
      }),
    );
    expect(event.evals).toEqual({ relevance: 0.8, hallucination: false, pii_leak: true });
    expect(warnings).toEqual([
      'eval "tone" was left out: no gen_ai.evaluation.score.value, and its label "friendly" is not true or false',
      "a gen_ai.evaluation.result event without gen_ai.evaluation.name was left out",
    ]);
  });

  it("takes segments and attributes only under the vitals.* prefixes, resource first, span winning", () => {
    const { event } = eventOf(
      withAttributes({
        "gen_ai.request.model": "m",
        "vitals.segment.user_segment": "enterprise",
        "vitals.segment.tier": 2,
        "vitals.attr.language": "de",
        "vitals.attr.retries": 1,
        "vitals.attr.cached": false,
        "http.route": "/chat",
      }),
      { "service.name": "support-bot", "vitals.segment.region": "eu-west", "vitals.segment.user_segment": "smb", "host.name": "pod-1" },
    );
    expect(event.segments).toEqual({ region: "eu-west", user_segment: "enterprise", tier: "2" });
    expect(event.attributes).toEqual({ language: "de", retries: 1, cached: "false" });
  });

  it.each([
    ["an HTTP span", { "http.route": "/chat", "http.response.status_code": 200 }],
    ["a tool span", { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "search" }],
    ["an agent span", { "gen_ai.operation.name": "invoke_agent", "gen_ai.request.model": "gpt-4o" }],
    ["an embeddings call", { "gen_ai.operation.name": "embeddings", "gen_ai.request.model": "text-embedding-3-small" }],
    ["an OpenInference chain", { "openinference.span.kind": "CHAIN", "llm.model_name": "gpt-4o" }],
  ])("ignores %s", (_, attributes) => {
    expect(map(withAttributes(attributes))).toEqual({ kind: "ignored" });
  });

  it("treats a span with gen_ai.* or llm.* attributes and no operation marker as an LLM call", () => {
    expect(map(withAttributes({ "llm.model_name": "m" })).kind).toBe("event");
    expect(map(withAttributes({ "gen_ai.request.model": "m" })).kind).toBe("event");
  });

  it("rejects a span it cannot key or place: bad ids, no start time, no service.name", () => {
    expect(map(llmSpan({ traceId: "abc", spanId: "0000000000000000", startTimeUnixNano: 0 }), {})).toEqual({
      kind: "rejected",
      eventId: null,
      errors: [
        { path: "traceId", message: "Expected 16 bytes (32 hex digits), not all zero." },
        { path: "spanId", message: "Expected 8 bytes (16 hex digits), not all zero." },
        { path: "resource.service.name", message: "Set the resource attribute service.name (OTEL_SERVICE_NAME) to the slug of a service." },
        { path: "startTimeUnixNano", message: "Expected the span's start time." },
      ],
    });
  });

  it("lowercases hex ids so both casings dedup to one event", () => {
    const { event } = eventOf(llmSpan({ traceId: TRACE_ID.toUpperCase(), spanId: SPAN_ID.toUpperCase() }));
    expect(event.event_id).toBe(`${TRACE_ID}-${SPAN_ID}`);
  });

  it("leaves value checks to the ingest schema: an end before the start, a string token count, a score above 1", () => {
    const { event } = eventOf(
      llmSpan({
        startTimeUnixNano: "1795712400000000000",
        endTimeUnixNano: "1795712399000000000",
        attributes: kv({ "gen_ai.request.model": "m", "gen_ai.usage.input_tokens": "many" }),
        events: [{ name: "gen_ai.evaluation.result", attributes: kv({ "gen_ai.evaluation.name": "relevance", "gen_ai.evaluation.score.value": 4 }) }],
      }),
    );
    const parsed = IngestEventInput.safeParse(event);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["latency_ms", "input_tokens", "evals.relevance"]);
  });
});
