import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInitialActiveVersion } from "@/lib/db/score-configs.ts";
import { DEMO_SERVICES, generateDemoEvents, inBatches, resolveIncidents } from "@/lib/domain/demo/index.ts";
import { templateFor, type HealthReport } from "@/lib/domain/score/index.ts";
import { toYaml } from "@/lib/schemas/score-config.ts";
import { createApiKeyAsSystem } from "@/lib/services/api-keys/create-api-key.ts";
import { ingestEvents } from "@/lib/services/ingest/ingest-events.ts";
import { drainPending } from "@/lib/services/rollups/fold-pending.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { GET as health } from "@/app/api/services/[slug]/health/route.ts";
import { scoreOffline } from "./score-offline.ts";

// The API and the CLI give the same score for the same events and config (issue 4): three hours of the demo's
// support chatbot, with its latency incident in the last 90 minutes, go through ingest into the database and,
// as a JSON-lines file, through `vitals score` (once in-process, once as the real command).

const spec = DEMO_SERVICES.find((s) => s.slug === "customer-support-chatbot")!;
const config = templateFor(spec.configTemplate, spec.slug);
const T = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 60_000;
const at = new Date(T).toISOString();

let t: TestDatabase;
let key: string;
let dir: string;
let lines: string;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "vitals-parity-"));
  const service = await t.db.service.create({ data: { slug: spec.slug, name: spec.name, businessUnit: spec.businessUnit, riskTier: spec.riskTier } });
  await t.db.$transaction((tx) => createInitialActiveVersion(tx, { serviceId: service.id, config, rationale: "test", authorId: null, at: new Date() }));
  key = (await createApiKeyAsSystem({ name: "read", serviceId: null, scopes: ["read"], actorLabel: "test" })).key;
  const incidents = resolveIncidents(T).filter((i) => i.service === spec.slug);
  const events = [...generateDemoEvents({ service: spec, from: new Date(T - 3 * 3_600_000), to: new Date(T + 60_000), seed: 7, incidents })];
  for (const batch of inBatches(events, 1_000)) {
    const result = await ingestEvents({ kind: "system", label: "test" }, batch, new Date());
    expect(result.rejected).toEqual([]);
  }
  await drainPending(); // as the server's fold loop does
  lines = events.map((e) => JSON.stringify(e)).join("\n");
  await writeFile(join(dir, "events.jsonl"), lines);
  await writeFile(join(dir, "config.yaml"), toYaml(config));
});
afterAll(async () => {
  await t?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function api(query: string): Promise<HealthReport> {
  const req = new Request(`http://localhost/api/services/${spec.slug}/health?${query}`, { headers: { authorization: `Bearer ${key}` } });
  const res = await health(req, { params: Promise.resolve({ slug: spec.slug }) });
  expect(res.status).toBe(200);
  return (await res.json()) as HealthReport;
}

/** Same report up to float noise (sums merged in another order) and the config version (the CLI reads a file). */
function expectSame(fromApi: HealthReport, offline: HealthReport): void {
  expect({ ...offline, configVersion: 1 }).toEqual({
    ...fromApi,
    score: fromApi.score === null ? null : expect.closeTo(fromApi.score, 9),
    coverage: expect.closeTo(fromApi.coverage, 12),
    components: fromApi.components.map((c) => ({
      ...c,
      value: c.value === null ? null : expect.closeTo(c.value, 9),
      normalized: c.normalized === null ? null : expect.closeTo(c.normalized, 9),
      pointsLost: c.pointsLost === null ? null : expect.closeTo(c.pointsLost, 9),
    })),
  });
}

describe(`API and CLI agree (${process.env.VITALS_TEST_DB})`, () => {
  it.each<[string, string, number]>([
    ["the config's window", "", 0],
    ["a 2-hour window", "&window=2h", 0],
    ["one provider", "&segment=provider:anthropic", 0],
    ["a window 30 minutes back", "", 30],
  ])("%s", async (_, extra, minutesBack) => {
    const end = new Date(T - minutesBack * 60_000);
    const fromApi = await api(`at=${end.toISOString()}${extra}`);
    const params = new URLSearchParams(extra.slice(1));
    const segment = params.get("segment");
    const window = params.get("window");
    const offline = scoreOffline({
      config, eventsText: lines, at: end, now: new Date(),
      windowMs: window ? Number.parseInt(window, 10) * 3_600_000 : undefined,
      segment: segment ? { dimension: segment.split(":")[0]!, value: segment.split(":")[1]! } : null,
    });
    expect(fromApi.events).toBeGreaterThan(30);
    expect(fromApi.status).not.toBe("no_data");
    expectSame(fromApi, offline.report);
  });

  it("the real `vitals score` command prints the API's report", async () => {
    const run = promisify(execFile);
    const { stdout, stderr } = await run(
      process.execPath,
      ["scripts/vitals.mjs", "score", "--config", join(dir, "config.yaml"), "--events", join(dir, "events.jsonl"), "--at", at],
      { env: { ...process.env, DATABASE_URL: "file:/nonexistent/never-opened.db" } },
    );
    expect(stderr).toMatch(/events of customer-support-chatbot read/);
    expectSame(await api(`at=${at}`), JSON.parse(stdout) as HealthReport);
  });
});
