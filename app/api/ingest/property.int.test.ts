import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { drainPending } from "@/lib/services/rollups/fold-pending.ts";
import { VALID_VALUES, eventBatch, materialise, type EventCase, type ServiceSpec, type ValueOptions } from "@/lib/testing/ingest-arbitraries.ts";
import {
  checkContract, expectRollupsCountEvents, expectStoredAsSent, type Answer, type IngestBody, type Wire,
} from "@/lib/testing/ingest-checks.ts";
import { brokenEnvelope } from "@/lib/testing/ingest-envelope-arbitraries.ts";
import { jsonRequest } from "@/lib/testing/route.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";

// Property tests of the ingest contract (DESIGN.md §3) against the real route handler, API keys and database.
// Beside the database runs a model of what it must hold — every accepted (service, event_id) with the event
// stored under it, every counted rejection — compared after every run. fast-check prints the seed and the path
// of a failure; FC_SEED=<seed> replays it (or tries another), FC_RUNS=<n> runs longer.
// The rate limit is lifted for this file: 429 is ingest.int.test.ts's subject, not this one's.
process.env.VITALS_INGEST_RATE_PER_KEY = "100000000";
const { POST } = await import("./route.ts");

const SEED = Number(process.env.FC_SEED ?? 20_261_126);
const RUNS = Number(process.env.FC_RUNS ?? 60);
const SERVICES: ServiceSpec[] = [
  { slug: "chat", embeddingDim: 8 },
  { slug: "rag", embeddingDim: null }, // keeps no prompts or responses
  { slug: "docs", embeddingDim: 3 },
];
const SCOPED_TO = "chat";
// Values the contract refuses (U+0000 and lone surrogates in text, token counts past 32 bits, a "__proto__"
// key): valid events never carry them; brokenEvent sends them, and the tests at the end pin each one.
const VALUES: ValueOptions = VALID_VALUES;

let t: TestDatabase;
const keys = { all: "", scoped: "" };
const serviceIds = new Map<string, string>();

beforeAll(async () => {
  t = await createTestDatabase();
  for (const { slug } of SERVICES) {
    const row = await t.db.service.create({ data: { slug, name: slug, businessUnit: "bu", riskTier: "low", storePrompts: slug !== "rag" } });
    serviceIds.set(slug, row.id);
  }
  keys.all = (await createApiKeyAsSystem({ name: "all", serviceId: null, scopes: ["ingest"], actorLabel: "test" })).key;
  keys.scoped = (await createApiKeyAsSystem({ name: "chat", serviceId: serviceIds.get(SCOPED_TO)!, scopes: ["ingest"], actorLabel: "test" })).key;
});
afterAll(async () => {
  await t?.drop();
});

async function post(key: string, body: string | Uint8Array, headers: Record<string, string> = {}, gzip = false): Promise<Answer> {
  const res = await POST(jsonRequest("/api/ingest", { raw: body, gzip, headers: { authorization: `Bearer ${key}`, ...headers } }));
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// --- The model ---------------------------------------------------------------------------------------------
// Each run starts from empty tables, so a failing run can be shrunk (every replay sees the same database);
// duplicates across batches happen between the batches of a run.

/** `${slug}\u0000${event_id}` → the event stored under it: the first valid one sent, after JSON. */
const stored = new Map<string, Wire>();
const storedPerService = new Map<string, number>();
/** Service id → rejected events counted against it. */
const rejectedPerService = new Map<string, number>();
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

async function resetRun(): Promise<void> {
  await t.db.rollup.deleteMany();
  await t.db.event.deleteMany();
  stored.clear();
  storedPerService.clear();
  rejectedPerService.clear();
}

type Outcome = "valid" | "invalid" | "unknown-service" | "forbidden";

/** What ingest must decide for an event sent with a key scoped to `scope` (null: every service). */
function outcomeOf(c: EventCase, scope: string | null): Outcome {
  if (c.verdict === "invalid" || c.verdict === "unknown-service") return c.verdict;
  const service = (c.event as { service: string }).service;
  if (scope !== null && service !== scope) return "forbidden";
  return c.verdict === "stale" ? "invalid" : "valid";
}

/** An invalid event counts against the service it names, if that exists and the key may write to it. */
function countedAgainst(raw: unknown, outcome: Outcome, scope: string | null): string | null {
  if (outcome !== "invalid") return null;
  const service = raw && typeof raw === "object" ? (raw as { service?: unknown }).service : undefined;
  if (typeof service !== "string" || !serviceIds.has(service) || (scope !== null && service !== scope)) return null;
  return serviceIds.get(service)!;
}

/** Sends one batch, checks the answer against the contract and the model, updates the model; returns the ids sent. */
async function sendBatch(cases: EventCase[], scoped: boolean, gzip: boolean): Promise<string[]> {
  const scope = scoped ? SCOPED_TO : null;
  const events = cases.map((c) => materialise(c, Date.now()));
  const answer = await post(scoped ? keys.scoped : keys.all, JSON.stringify({ events }), {}, gzip);
  checkContract(answer, events.length);

  const outcomes = cases.map((c) => outcomeOf(c, scope));
  const refused = outcomes.flatMap((o, i) => (o === "valid" ? [] : [i]));
  // A batch refused only because the key may not write to its services is the key's problem: 403, not 422.
  const onlyForbidden = events.length > 0 && outcomes.every((o) => o === "forbidden");
  const expectedStatus = refused.length === 0 ? 200 : onlyForbidden ? 403 : refused.length === events.length ? 422 : 207;
  expect(answer.status).toBe(expectedStatus);
  if (onlyForbidden) return [];

  // In batch order, as ingest does: the first valid occurrence of a key is stored, later ones are duplicates.
  let accepted = 0;
  let duplicates = 0;
  const ids: string[] = [];
  events.forEach((raw, i) => {
    const counted = countedAgainst(raw, outcomes[i]!, scope);
    if (counted) bump(rejectedPerService, counted);
    if (outcomes[i] !== "valid") return;
    const { service, event_id: id } = raw as { service: string; event_id?: string };
    if (id !== undefined) ids.push(id);
    const key = `${service}\u0000${id}`;
    if (id !== undefined && stored.has(key)) {
      duplicates++;
      return;
    }
    accepted++;
    bump(storedPerService, service);
    if (id !== undefined) stored.set(key, JSON.parse(JSON.stringify(raw)) as Wire);
  });
  const body = answer.body as IngestBody;
  expect({ accepted: body.accepted, duplicates: body.duplicates }).toEqual({ accepted, duplicates });
  expect(body.rejected.map((r) => r.index)).toEqual(refused);
  for (const r of body.rejected) {
    const id = (events[r.index] as { event_id?: unknown } | null)?.event_id;
    expect(r.event_id).toBe(typeof id === "string" && id.length <= 128 ? id : null);
    const path = outcomes[r.index] === "forbidden" ? "service" : cases[r.index]!.path!;
    expect(r.errors.some((e) => e.path === path || e.path.startsWith(`${path}.`)), `${path}: ${JSON.stringify(r.errors)}`).toBe(true);
  }
  return ids;
}

/** The database holds exactly the model's events, each as sent, and the rollups count exactly those. */
async function checkDatabase(sentIds: string[]): Promise<void> {
  const slugOf = new Map([...serviceIds].map(([slug, id]) => [id, slug]));
  const perService = await t.db.event.groupBy({ by: ["serviceId"], _count: { _all: true } });
  expect(Object.fromEntries(perService.map((g) => [slugOf.get(g.serviceId)!, g._count._all]))).toEqual(Object.fromEntries(storedPerService));

  const rows = await t.db.event.findMany({ where: { eventId: { in: [...new Set(sentIds)] } } });
  const keyOf = (serviceId: string, eventId: string) => `${slugOf.get(serviceId)}\u0000${eventId}`;
  const sent = new Set(sentIds);
  expect(rows.map((r) => keyOf(r.serviceId, r.eventId)).sort()).toEqual([...stored.keys()].filter((k) => sent.has(k.slice(k.indexOf("\u0000") + 1))).sort());
  for (const row of rows) expectStoredAsSent(row, stored.get(keyOf(row.serviceId, row.eventId))!, slugOf.get(row.serviceId) !== "rag");

  await drainPending();
  await expectRollupsCountEvents(t.db, rejectedPerService);
}

describe(`POST /api/ingest, properties (${process.env.VITALS_TEST_DB})`, () => {
  it("any batch: an answer of the contract, exact counts, every accepted event stored as sent and counted once", async () => {
    const batch = fc.record({
      cases: eventBatch(SERVICES, VALUES),
      scoped: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      gzip: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 3 }), async (batches) => {
        await resetRun();
        const sent: string[] = [];
        for (const { cases, scoped, gzip } of batches) sent.push(...(await sendBatch(cases, scoped, gzip)));
        await checkDatabase(sent);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("a batch of nothing but duplicates is a 200 (accepted 0), not a 422", async () => {
    await resetRun();
    const event = { event_id: "again", service: "chat", timestamp: new Date().toISOString() };
    expect(await post(keys.all, JSON.stringify({ events: [event] }))).toEqual({ status: 200, body: { accepted: 1, duplicates: 0, rejected: [] } });
    expect(await post(keys.all, JSON.stringify({ events: [event, event] }))).toEqual({ status: 200, body: { accepted: 0, duplicates: 2, rejected: [] } });
  });

  it("broken envelopes and keys: 400/401/413/415 (200 for an empty array), and nothing is stored", async () => {
    const before = await t.db.event.count();
    const rejectedBefore = await t.db.rollup.aggregate({ _sum: { rejected: true } });
    // Mostly the real key; sometimes an Authorization header that names no key, which must win over the body.
    const badAuthorization = fc.constantFrom<(string | undefined)[]>(
      undefined, "", "Bearer ", "Bearer lvk_00000000_notakeyatallnotakeyatall", `Bearer ${keys.all.slice(0, -1)}`, keys.all, `Basic ${btoa("u:p")}`,
    );
    await fc.assert(
      fc.asyncProperty(brokenEnvelope(), fc.option(badAuthorization, { freq: 6 }), async (envelope, badAuth) => {
        const headers: Record<string, string> = { "content-type": envelope.contentType, ...(envelope.gzipped ? { "content-encoding": "gzip" } : {}) };
        if (badAuth !== null) {
          const auth: Record<string, string> = badAuth === undefined ? {} : { authorization: badAuth };
          const res = await POST(jsonRequest("/api/ingest", { raw: envelope.body, headers: { ...headers, ...auth } }));
          expect(res.status).toBe(401);
          return;
        }
        const answer = await post(keys.all, envelope.body, headers);
        expect(answer.status).toBe(envelope.expectedStatus);
        if (envelope.kind === "empty") expect(answer.body).toEqual({ accepted: 0, duplicates: 0, rejected: [] });
        else checkContract(answer, 0);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
    expect(await t.db.event.count()).toBe(before);
    expect(await t.db.rollup.aggregate({ _sum: { rejected: true } })).toEqual(rejectedBefore);
  });
});

// Values found by the properties above that the databases cannot store as sent: once 500s on PostgreSQL, a
// silently dropped key, ids read back as another id. The schema refuses them now, each with a path.
describe(`POST /api/ingest, values refused with a path (${process.env.VITALS_TEST_DB})`, () => {
  const base = () => ({ service: "chat", timestamp: new Date().toISOString() });

  /** Sent together: a 422 naming each event's field, and nothing stored. */
  async function expectRefused(events: Wire[], paths: string[]): Promise<void> {
    await resetRun();
    const answer = await post(keys.all, JSON.stringify({ events }));
    checkContract(answer, events.length);
    expect(answer.status).toBe(422);
    const body = answer.body as IngestBody;
    expect(body.rejected.map((r) => r.errors[0]!.path)).toEqual(paths);
    expect(await t.db.event.count({ where: { serviceId: serviceIds.get("chat")! } })).toBe(0);
  }

  it("token counts of 2^31 and more (the columns are 32-bit)", async () => {
    await expectRefused([{ ...base(), event_id: "t1", input_tokens: 2 ** 31 }, { ...base(), event_id: "t2", output_tokens: Number.MAX_SAFE_INTEGER }], ["input_tokens", "output_tokens"]);
  });

  it("U+0000 in a string field or a segment", async () => {
    await expectRefused(
      [{ ...base(), event_id: "n1", model: "gpt\u00004o" }, { ...base(), event_id: "n\u00002" }, { ...base(), event_id: "n3", segments: { region: "e\u0000u" } }],
      ["model", "event_id", "segments.region"],
    );
  });

  it("a map key named __proto__", async () => {
    await expectRefused([{ ...base(), event_id: "p1", segments: JSON.parse('{"__proto__": "x", "region": "eu"}') as Wire }], ["segments.__proto__"]);
  });

  it("event_ids with lone surrogates", async () => {
    await expectRefused([{ ...base(), event_id: "a\ud800" }, { ...base(), event_id: "a\ud801" }], ["event_id", "event_id"]);
  });
});
