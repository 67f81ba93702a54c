// The ingest write path, per event, by batch size: `npx tsx bench/ingest-write.ts [sqlite|postgres] [events]`.
//
// Live-like traffic (the demo portfolio at 200× its rate, timestamps in the last minutes) goes through the ingest
// use case (validation, dedup, insert + queue, commit) in batches of 20, 100 and 1,000, each size into a fresh
// database; then the aggregator drains the queue (fold: rollup read-merge-write). It prints the use case per
// event, its validation alone (measured on the same events), the difference (the write), and the fold per event.
// Figures move with the machine's load: compare runs made side by side.
import { freshDatabase } from "./lib/fresh-database.ts";
import { closeDb, switchDatabase } from "@/lib/db/client.ts";
import { migrateDatabase } from "@/lib/db/migrate.ts";
import { DEMO_SERVICES, generatePortfolioEvents, inBatches } from "@/lib/domain/demo/index.ts";
import { IngestEventInput } from "@/lib/schemas/ingest.ts";
import { ingestEvents } from "@/lib/services/ingest/ingest-events.ts";
import { drainPending } from "@/lib/services/rollups/fold-pending.ts";

const provider = process.argv[2] === "postgres" ? "postgres" : "sqlite";
const total = Number(process.argv[3] ?? 20_000);
const now = new Date();


function liveEvents(): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  const from = new Date(now.getTime() - 10 * 60_000);
  for (const e of generatePortfolioEvents({ from, to: now, seed: 20261126, rateScale: 200 })) {
    events.push(e as unknown as Record<string, unknown>);
    if (events.length === total) break;
  }
  return events;
}

const events = liveEvents();
const principal = { kind: "system", label: "bench" } as const;
console.log(`${events.length.toLocaleString("en")} events, ${provider}`);
console.log("batch  events/s  µs/event  validation µs/event  write µs/event  fold µs/event");

for (const size of [20, 100, 1_000]) {
  const database = await freshDatabase(provider, "vitals_bench");
  await migrateDatabase(database.url);
  const db = await switchDatabase(database.url);
  await db.service.createMany({
    data: DEMO_SERVICES.map((s) => ({ slug: s.slug, name: s.name, businessUnit: s.businessUnit, riskTier: s.riskTier, storePrompts: s.storePrompts })),
  });
  const batches = [...inBatches(events, size)];
  const started = performance.now();
  for (const batch of batches) {
    const result = await ingestEvents(principal, batch, now);
    if (result.rejected.length > 0) throw new Error(JSON.stringify(result.rejected.slice(0, 2)));
  }
  const elapsed = performance.now() - started;
  const foldStarted = performance.now();
  await drainPending({ now });
  const fold = (performance.now() - foldStarted) / events.length;
  const validationStarted = performance.now();
  for (const e of events) IngestEventInput.safeParse(e);
  const validation = (performance.now() - validationStarted) / events.length;
  const perEvent = elapsed / events.length;
  const cells = [String(size).padStart(5), Math.round(1000 / perEvent).toLocaleString("en").padStart(9), (perEvent * 1000).toFixed(1).padStart(9)];
  console.log(`${cells.join(" ")} ${(validation * 1000).toFixed(1).padStart(19)} ${((perEvent - validation) * 1000).toFixed(1).padStart(15)} ${(fold * 1000).toFixed(1).padStart(14)}`);
  await closeDb();
  await database.drop();
}
