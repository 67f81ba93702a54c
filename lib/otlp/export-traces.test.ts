import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiKeyPrincipal } from "@/lib/auth/principal.ts";
import { AppError } from "@/lib/errors.ts";
import { ingestEvents, type IngestOutcome } from "@/lib/services/ingest/ingest-events.ts";
import { exportTraces } from "./export-traces.ts";
import { kv, llmSpan, TRACE_ID } from "./fixtures.ts";
import { readTraceRequest } from "./schema.ts";

// The storage side is ingestEvents' (tested with it, and end to end in otlp.int.test.ts); here it is a stub
// so the bookkeeping between spans, events and OTLP's partial success can be checked exactly.
vi.mock("@/lib/services/ingest/ingest-events.ts", () => ({ ingestEvents: vi.fn() }));
const ingest = vi.mocked(ingestEvents);

const principal: ApiKeyPrincipal = { kind: "api-key", keyId: "k1", serviceId: null, scopes: ["ingest"], label: "lvk_00000000" };
const now = new Date("2026-11-26T17:05:00Z");
const spanId = (n: number) => n.toString(16).padStart(16, "0");

function request(spans: ReturnType<typeof llmSpan>[]) {
  return readTraceRequest({ resourceSpans: [{ resource: { attributes: kv({ "service.name": "support-bot" }) }, scopeSpans: [{ spans }] }] });
}

function outcome(partial: Partial<IngestOutcome>): IngestOutcome {
  return { accepted: 0, duplicates: 0, rejected: [], rejectionKinds: [], ...partial };
}

beforeEach(() => ingest.mockReset());

describe("exportTraces", () => {
  it("sends only LLM spans to ingest and answers full success with nothing", async () => {
    ingest.mockResolvedValue(outcome({ accepted: 2 }));
    const http = llmSpan({ spanId: spanId(2), attributes: kv({ "http.route": "/chat" }) });
    const result = await exportTraces(principal, request([llmSpan({ spanId: spanId(1) }), http, llmSpan({ spanId: spanId(3) })]), now);
    expect(result).toBeUndefined();
    const [who, events, at] = ingest.mock.calls[0]!;
    expect(who).toBe(principal);
    expect(at).toBe(now);
    expect(events.map((e) => (e as { event_id: string }).event_id)).toEqual([`${TRACE_ID}-${spanId(1)}`, `${TRACE_ID}-${spanId(3)}`]);
  });

  it("does not call ingest for an export without LLM spans", async () => {
    expect(await exportTraces(principal, request([llmSpan({ attributes: kv({ "db.system": "postgresql" }) })]), now)).toBeUndefined();
    expect(ingest).not.toHaveBeenCalled();
  });

  it("counts malformed spans and ingest rejections, and names the first few with their paths in request order", async () => {
    ingest.mockResolvedValue(
      outcome({
        accepted: 1,
        rejected: [{ index: 1, event_id: `${TRACE_ID}-${spanId(4)}`, errors: [{ path: "latency_ms", message: "latency_ms must be ≥ 0." }] }],
        rejectionKinds: ["invalid"],
      }),
    );
    const spans = [
      llmSpan({ spanId: spanId(1) }),
      llmSpan({ spanId: "zz" }),
      llmSpan({ spanId: spanId(3), attributes: kv({ "http.route": "/" }) }),
      llmSpan({ spanId: spanId(4) }),
    ];
    const result = await exportTraces(principal, request(spans), now);
    expect(result?.rejectedSpans).toBe(2);
    expect(result?.errorMessage).toBe(
      "2 of 3 LLM spans rejected. " +
        "resourceSpans.0.scopeSpans.0.spans.1: spanId: Expected 8 bytes (16 hex digits), not all zero. | " +
        `resourceSpans.0.scopeSpans.0.spans.3 (event_id ${TRACE_ID}-${spanId(4)}): latency_ms: latency_ms must be ≥ 0.`,
    );
  });

  it("summarises past three problems and reports left-out evals as warnings with zero rejected", async () => {
    ingest.mockResolvedValue(outcome({ accepted: 1 }));
    const labelOnly = llmSpan({ events: [{ name: "gen_ai.evaluation.result", attributes: kv({ "gen_ai.evaluation.name": "tone", "gen_ai.evaluation.score.label": "warm" }) }] });
    const warned = await exportTraces(principal, request([labelOnly]), now);
    expect(warned).toEqual({ rejectedSpans: 0, errorMessage: expect.stringMatching(/^Left out of stored spans: resourceSpans\.0\.scopeSpans\.0\.spans\.0: eval "tone"/) });

    const bad = Array.from({ length: 5 }, () => llmSpan({ traceId: "x" }));
    const many = await exportTraces(principal, request(bad), now);
    expect(many?.rejectedSpans).toBe(5);
    expect(many?.errorMessage).toMatch(/5 of 5 LLM spans rejected\. .*spans\.2: traceId: .* \| … and 2 more$/);
  });

  it("answers 403 when the key may send for none of the services, as /api/ingest does", async () => {
    ingest.mockResolvedValue(
      outcome({ rejected: [{ index: 0, event_id: null, errors: [{ path: "service", message: "no" }] }], rejectionKinds: ["forbidden"] }),
    );
    const error = await exportTraces(principal, request([llmSpan()]), now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(403);
  });
});
