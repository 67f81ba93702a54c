import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { SpanKind, SpanStatusCode, type HrTime } from "@opentelemetry/api";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/otlp/v1/traces/route.ts";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { jsonRequest, llmSpan, protobufRequest } from "./fixtures.ts";
import { otlpTypes } from "./proto.ts";

// End to end through the official OpenTelemetry JS SDK and both OTLP/HTTP exporters (JSON and protobuf),
// against the route module served by a bare node:http server (no Next server needed), on the database under
// test (VITALS_TEST_DB).

let t: TestDatabase;
let server: Server;
let url: string;
let key: string;
let otherKey: string;
let serviceId: string;
/** "content-type content-encoding" of every request the server saw, to show which encodings were used. */
const seen: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const service = await t.db.service.create({ data: { slug: "support-bot", name: "Support bot", businessUnit: "CX", riskTier: "high" } });
  const other = await t.db.service.create({ data: { slug: "other-bot", name: "Other", businessUnit: "CX", riskTier: "low" } });
  serviceId = service.id;
  key = (await createApiKeyAsSystem({ name: "otel", serviceId, scopes: ["ingest", "read"], actorLabel: "test" })).key;
  otherKey = (await createApiKeyAsSystem({ name: "other", serviceId: other.id, scopes: ["ingest"], actorLabel: "test" })).key;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      seen.push(`${req.headers["content-type"]} ${req.headers["content-encoding"] ?? "identity"}`);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const response = await POST(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/otlp/v1/traces`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
});

const startMs = Date.now() - 120_000;
const at = (ms: number): HrTime => [Math.floor(ms / 1000), (ms % 1000) * 1e6];
/** Every span emitted, as the SDK handed it to the exporters, for re-exporting. */
const captured: ReadableSpan[] = [];

/** Emits spans through a tracer provider whose batch processor ships them with `exporter`. */
async function emit(exporter: SpanExporter, record: (tracer: ReturnType<NodeTracerProvider["getTracer"]>) => void): Promise<void> {
  const memory = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: "support-bot", "vitals.segment.region": "eu-west" }),
    spanProcessors: [new BatchSpanProcessor(exporter), new SimpleSpanProcessor(memory)],
  });
  record(provider.getTracer("otlp-int-test"));
  await provider.forceFlush();
  captured.push(...memory.getFinishedSpans());
  await provider.shutdown();
}

/** A hand-built LLM span of a second ago, lasting a millisecond. */
function recentSpan(spanId: string) {
  const now = BigInt(Date.now()) * 1_000_000n;
  return llmSpan({ spanId, startTimeUnixNano: String(now - 1_000_000_000n), endTimeUnixNano: String(now - 999_000_000n) });
}

const exporterOptions = () => ({ url, headers: { Authorization: `Bearer ${key}` } });
const storedEvents = () => t.db.event.findMany({ where: { serviceId }, orderBy: { timestamp: "asc" } });

describe(`OTLP/HTTP traces end to end (${process.env.VITALS_TEST_DB})`, () => {
  it("stores LLM spans exported as JSON and as gzipped protobuf, mapped per the conventions", async () => {
    await emit(new JsonExporter(exporterOptions()), (tracer) => {
      const parent = tracer.startSpan("POST /chat", { kind: SpanKind.SERVER, startTime: at(startMs), attributes: { "http.route": "/chat" } });
      const chat = tracer.startSpan("chat gpt-4o", {
        kind: SpanKind.CLIENT,
        startTime: at(startMs + 10),
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.response.model": "gpt-4o-2024-08-06",
          "gen_ai.usage.input_tokens": 1200,
          "gen_ai.usage.output_tokens": 340,
          "vitals.segment.user_segment": "enterprise",
          "vitals.attr.language": "de",
        },
      });
      chat.addEvent("gen_ai.evaluation.result", { "gen_ai.evaluation.name": "relevance", "gen_ai.evaluation.score.value": 0.75 });
      chat.addEvent("gen_ai.evaluation.result", { "gen_ai.evaluation.name": "hallucination", "gen_ai.evaluation.score.label": "false" });
      chat.end(at(startMs + 822.5));
      const failed = tracer.startSpan("chat gpt-4o", { startTime: at(startMs + 1000), attributes: { "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o", "gen_ai.system": "openai", "error.type": "rate_limit" } });
      failed.setStatus({ code: SpanStatusCode.ERROR, message: "429 Too Many Requests" });
      failed.end(at(startMs + 1300));
      parent.end(at(startMs + 1400));
    });
    const gzip = "gzip" as NonNullable<ConstructorParameters<typeof ProtoExporter>[0]>["compression"];
    await emit(new ProtoExporter({ ...exporterOptions(), compression: gzip }), (tracer) => {
      const span = tracer.startSpan("ChatCompletion", {
        startTime: at(startMs + 2000),
        attributes: { "openinference.span.kind": "LLM", "llm.provider": "anthropic", "llm.model_name": "claude-sonnet", "llm.token_count.prompt": 80, "llm.token_count.completion": 20, "llm.cost.total": 0.0003 },
      });
      span.end(at(startMs + 2450));
    });

    expect(seen).toEqual(["application/json identity", "application/x-protobuf gzip"]);
    const events = await storedEvents();
    expect(events).toHaveLength(3); // the HTTP server span is not an LLM call
    const [chat, failed, claude] = events;
    const idOf = (name: string, index = 0) => {
      const span = captured.filter((s) => s.name === name)[index]!;
      return `${span.spanContext().traceId}-${span.spanContext().spanId}`;
    };
    expect(chat).toMatchObject({ eventId: idOf("chat gpt-4o"), provider: "openai", model: "gpt-4o-2024-08-06", inputTokens: 1200, outputTokens: 340, status: "ok" });
    expect(chat?.latencyMs).toBeCloseTo(812.5, 6);
    expect(chat?.timestamp.toISOString()).toBe(new Date(startMs + 10).toISOString());
    expect(JSON.parse(chat!.evals)).toEqual({ relevance: 0.75, hallucination: false });
    expect(JSON.parse(chat!.segments)).toEqual({ region: "eu-west", user_segment: "enterprise" });
    expect(JSON.parse(chat!.attributes)).toEqual({ language: "de" });
    expect(failed).toMatchObject({ eventId: idOf("chat gpt-4o", 1), provider: "openai", status: "error", errorType: "rate_limit", latencyMs: 300 });
    expect(claude).toMatchObject({ provider: "anthropic", model: "claude-sonnet", inputTokens: 80, outputTokens: 20, costUsd: 0.0003, latencyMs: 450 });
  });

  it("deduplicates re-exported spans, whichever encoding carries them", async () => {
    expect(captured).toHaveLength(4);
    for (const exporter of [new JsonExporter(exporterOptions()), new ProtoExporter(exporterOptions())]) {
      const result = await new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(captured, resolve));
      expect(result.error).toBeUndefined();
      expect(result.code).toBe(0); // ExportResultCode.SUCCESS
      await exporter.shutdown();
    }
    expect(await storedEvents()).toHaveLength(3);
  });

  it("answers a partially valid JSON export with 200 and partialSuccess naming the rejected span", async () => {
    const good = recentSpan("1111111111111111");
    const bad = { ...good, spanId: "2222222222222222", events: [{ name: "gen_ai.evaluation.result", attributes: [{ key: "gen_ai.evaluation.name", value: { stringValue: "relevance" } }, { key: "gen_ai.evaluation.score.value", value: { doubleValue: 4 } }] }] };
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify(jsonRequest([good, bad])) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const body = (await response.json()) as { partialSuccess: { rejectedSpans: number; errorMessage: string } };
    expect(body.partialSuccess.rejectedSpans).toBe(1);
    expect(body.partialSuccess.errorMessage).toMatch(/^1 of 2 LLM spans rejected\. resourceSpans\.0\.scopeSpans\.0\.spans\.1 \(event_id [0-9a-f]{32}-2{16}\): evals\.relevance: /);
    expect(await t.db.event.count({ where: { serviceId, eventId: { endsWith: "-1111111111111111" } } })).toBe(1);
  });

  it.each([
    ["no key, protobuf", "application/x-protobuf", undefined, new Uint8Array(), 401, 16],
    ["a key for another service, protobuf", "application/x-protobuf", "other", "protobuf", 403, 7],
    ["a body that is not protobuf", "application/x-protobuf", "own", Buffer.from("not protobuf at all"), 400, 3],
    ["an unsupported content type", "text/plain", "own", "hello", 415, 3],
    ["JSON that is not an export request", "application/json", "own", JSON.stringify({ resourceSpans: 5 }), 400, 3],
  ] as const)("answers %s with a google.rpc.Status in the request's encoding", async (_, type, who, body, status, grpcCode) => {
    const headers: Record<string, string> = { "content-type": type };
    if (who) headers.authorization = `Bearer ${who === "own" ? key : otherKey}`;
    const payload = body === "protobuf" ? gzipSync(protobufRequest(jsonRequest([recentSpan("3333333333333333")]))) : body;
    if (body === "protobuf") headers["content-encoding"] = "gzip";
    const response = await fetch(url, { method: "POST", headers, body: payload });
    expect(response.status).toBe(status);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (type === "application/x-protobuf") {
      expect(response.headers.get("content-type")).toBe("application/x-protobuf");
      expect(otlpTypes.Status.toObject(otlpTypes.Status.decode(bytes))).toMatchObject({ code: grpcCode, message: expect.any(String) });
    } else {
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(JSON.parse(Buffer.from(bytes).toString("utf8"))).toMatchObject({ code: grpcCode, message: expect.any(String) });
    }
  });
});
