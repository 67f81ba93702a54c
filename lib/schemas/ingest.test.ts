import { describe, expect, it } from "vitest";
import { zodIssues } from "@/lib/errors.ts";
import type { IngestEventWire } from "@/lib/domain/demo/types.ts";
import type { VitalsEvent } from "@/lib/sdk/types.ts";
import { IngestEventInput } from "./ingest.ts";

const minimal = { service: "support-bot", timestamp: "2026-11-26T10:00:00Z" };

function issuesOf(input: unknown) {
  const result = IngestEventInput.safeParse(input);
  if (result.success) throw new Error("expected the event to be rejected");
  return zodIssues(result.error);
}

describe("ingest event schema", () => {
  it("accepts a minimal event and fills the defaults", () => {
    const { service, event } = IngestEventInput.parse(minimal);
    expect(service).toBe("support-bot");
    expect(event.status).toBe("ok");
    expect(event.timestamp.toISOString()).toBe("2026-11-26T10:00:00.000Z");
    expect(event.segments).toEqual({});
    expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("maps every wire field onto the domain event", () => {
    const { event } = IngestEventInput.parse({
      ...minimal,
      event_id: "e-1",
      timestamp: "2026-11-26T11:00:00.250+01:00",
      model: "gpt-4o",
      provider: "openai",
      variant: "prompt-v3",
      latency_ms: 1200,
      ttft_ms: 300,
      status: "error",
      error_type: "timeout",
      input_tokens: 10,
      output_tokens: 20,
      cost_usd: 0.001,
      segments: { region: "eu-west" },
      evals: { relevance: 0.9, hallucination: true },
      feedback: { csat: 4 },
      outcomes: { ticket_resolved: false },
      retrieval: { precision: 0.75, score: 12.5, document_ids: ["a"] },
      embedding: [0.1, 0.2],
      attributes: { language: "en", words: 12 },
      prompt: "p",
      response: "r",
    });
    expect(event).toEqual({
      eventId: "e-1",
      timestamp: new Date("2026-11-26T10:00:00.250Z"),
      model: "gpt-4o",
      provider: "openai",
      variant: "prompt-v3",
      latencyMs: 1200,
      ttftMs: 300,
      status: "error",
      errorType: "timeout",
      inputTokens: 10,
      outputTokens: 20,
      costUsd: 0.001,
      segments: { region: "eu-west" },
      evals: { relevance: 0.9, hallucination: true },
      feedback: { csat: 4 },
      outcomes: { ticket_resolved: false },
      retrieval: { precision: 0.75, score: 12.5, documentIds: ["a"] },
      embedding: [0.1, 0.2],
      attributes: { language: "en", words: 12 },
      prompt: "p",
      response: "r",
    });
  });

  it.each([
    [{ ...minimal, latency_ms: -1 }, "latency_ms", "latency_ms must be ≥ 0."],
    [{ ...minimal, latency_ms: "fast" }, "latency_ms", "Expected latency_ms as a number."],
    [{ ...minimal, input_tokens: 1.5 }, "input_tokens", "input_tokens must be a whole number."],
    [{ ...minimal, status: "failed" }, "status", 'Expected "ok" or "error".'],
    [{ ...minimal, timestamp: "yesterday" }, "timestamp", "Expected an RFC 3339 timestamp, e.g. 2026-11-26T17:00:00Z."],
    [{ ...minimal, service: "Support Bot" }, "service", "Expected a service slug: lowercase letters, digits and dashes."],
    [{ ...minimal, evals: { relevance: 1.2 } }, "evals.relevance", "Expected a score between 0 and 1, or true/false."],
    [{ ...minimal, outcomes: { resolved: "yes" } }, "outcomes.resolved", "Expected true or false."],
    [{ ...minimal, retrieval: { precision: 2 } }, "retrieval.precision", "Must be between 0 and 1."],
    [{ ...minimal, event_id: "x".repeat(129) }, "event_id", "event_id is at most 128 characters."],
  ])("rejects %j at %s", (input, path, message) => {
    expect(issuesOf(input)).toContainEqual({ path, message });
  });

  it("names an unknown field instead of dropping it silently", () => {
    const issues = issuesOf({ ...minimal, latency: 10 });
    expect(issues[0]?.path).toBe("(root)");
    expect(issues[0]?.message).toContain("latency");
  });
});

// The wire shape is written three times on purpose — the zod schema (the truth), the standalone SDK's type
// and the demo generator's type (lib/domain imports nothing from elsewhere). These assignments make any
// drift between them a type error.
describe("wire types agree with the schema", () => {
  it("compiles", () => {
    const fromSdk = (e: VitalsEvent & { timestamp: string }): IngestEventInput => e;
    const fromDemo = (e: IngestEventWire): IngestEventInput => e;
    const toSdk = (e: IngestEventInput): VitalsEvent => e;
    expect([fromSdk, fromDemo, toSdk]).toHaveLength(3);
  });
});
