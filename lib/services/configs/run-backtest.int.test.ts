import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOUR, NOW, rollupFixtures } from "@/lib/db/rollup-fixtures.ts";
import { createInitialActiveVersion } from "@/lib/db/score-configs.ts";
import { makeEvent } from "@/lib/domain/rollup/testing.ts";
import type { ScoreConfig } from "@/lib/domain/score/index.ts";
import { toYaml } from "@/lib/schemas/score-config.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { runBacktest } from "./run-backtest.ts";

let t: TestDatabase;
let viewer: { id: string; email: string; name: string; role: "viewer" };
const fx = rollupFixtures(() => t);

/** Latency is judged 1 s good, 5 s bad; the proposal moves "bad" to 20 s, so a 4 s slowdown stops being critical. */
const current: ScoreConfig = {
  service: "", window: HOUR, minSamples: 1, aggregation: "weighted_mean",
  components: [{ metric: "latency.p95", weight: 1, good: 1000, bad: 5000 }], floors: [],
  thresholds: { warning: 80, critical: 60 },
  alerting: { for: 5 * 60_000, hysteresis: 3, noData: "keep", routes: { warning: [], critical: [] }, renotify: null }, segments: [], shadow: false,
};

beforeAll(async () => {
  t = await createTestDatabase();
  const serviceId = await fx.makeService();
  const service = await t.db.service.findUniqueOrThrow({ where: { id: serviceId } });
  current.service = service.slug;
  await t.db.$transaction((tx) => createInitialActiveVersion(tx, { serviceId, config: current, rationale: "initial", authorId: null, at: NOW }));
  const u = await t.db.user.create({ data: { email: "viewer@bt.test", name: "v", role: "viewer", passwordHash: "x" } });
  viewer = { id: u.id, email: u.email, name: u.name, role: "viewer" };
  // An event every 2 minutes for 26 hours; 4 s latency between 6 h and 3 h ago, 0.5 s otherwise.
  const events = [];
  for (let ms = NOW.getTime() - 26 * HOUR; ms < NOW.getTime(); ms += 120_000) {
    const slow = ms >= NOW.getTime() - 6 * HOUR && ms < NOW.getTime() - 3 * HOUR;
    events.push(makeEvent({ eventId: `e${ms}`, timestamp: new Date(ms), latencyMs: slow ? 4000 : 500 }));
  }
  await fx.ingest(serviceId, events);
});
afterAll(async () => {
  await t?.drop();
});

describe(`backtest (${process.env.VITALS_TEST_DB})`, () => {
  it("replays the active and the proposed config over the same history", async () => {
    const proposed = { ...current, components: [{ metric: "latency.p95", weight: 1, good: 1000, bad: 20_000 }] };
    const result = await runBacktest({ user: viewer, now: NOW }, current.service, { text: toYaml(proposed), format: "yaml", days: 1 });
    expect(result).toMatchObject({ from: "2026-11-25T12:00:00.000Z", to: "2026-11-26T12:00:00.000Z", step: "1m" });
    expect(result.current!.points).toHaveLength(1440);
    expect(result.proposed.points).toHaveLength(1440);
    for (const s of [result.current!, result.proposed]) {
      expect(Object.values(s.timeInStatus).reduce((a, b) => a + b, 0)).toBe(86_400);
    }
    // Under the current config the slowdown is critical (score 25) and fires a critical alert; it resolves after.
    const critical = result.current!.episodes.find((e) => e.severity === "critical");
    expect(critical).toMatchObject({ firingSince: expect.any(String), endedAt: expect.any(String) });
    expect(critical!.worstScore).toBeLessThan(30);
    expect(result.current!.timeInStatus.critical).toBeGreaterThanOrEqual(3 * 3600);
    // Under the proposal the same slowdown scores about 84: healthy throughout, no alerts.
    expect(result.proposed.episodes).toEqual([]);
    expect(result.proposed.timeInStatus).toEqual({ healthy: 86_400, warning: 0, critical: 0, no_data: 0 });
    expect(result.computeMs).toBeGreaterThanOrEqual(0);
  });

  it("refuses a config for another service and a range beyond 30 days", async () => {
    await expect(runBacktest({ user: viewer, now: NOW }, current.service, { text: toYaml({ ...current, service: "other" }), days: 1 }))
      .rejects.toMatchObject({ status: 400 });
    await expect(runBacktest({ user: viewer, now: NOW }, current.service, { text: toYaml(current), days: 31 })).rejects.toMatchObject({ name: "ZodError" });
  });
});
