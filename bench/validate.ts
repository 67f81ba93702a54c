// Validation cost of one ingest event: `npx tsx bench/validate.ts [events] [rounds]`.
//
// The same events (the demo portfolio's, as a client sends them, through JSON) through the schema's definition
// run by zod's interpreter (what ingest did before), through IngestEventInput (what it does now: the hand-written
// fast path, falling back to the interpreter for anything it does not accept), and through the fast path alone.
// Valid events show the fast path; invalid ones (one field broken each) the cost of the fallback that reports
// the issues. Rounds of the parsers alternate, so a busy machine slows both alike; each round is timed in CPU time
// (process.cpuUsage), which waiting for a core does not inflate. Prints µs per event: the median round and the
// best. Compare figures of one run only.
import { z } from "zod";
import { generatePortfolioEvents } from "@/lib/domain/demo/index.ts";
import { IngestEventDefinition, IngestEventInput, parseValidEvent } from "@/lib/schemas/ingest.ts";

const total = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 21);

const now = Date.now();
const valid: Record<string, unknown>[] = [];
for (const e of generatePortfolioEvents({ from: now - 10 * 60_000, to: now, seed: 20261126, rateScale: 500 })) {
  valid.push(JSON.parse(JSON.stringify(e)) as Record<string, unknown>);
  if (valid.length === total) break;
}
// One field broken per event, in turns: a negative number, an out-of-range eval, an unknown field, a bad slug.
const breakers: ((e: Record<string, unknown>) => Record<string, unknown>)[] = [
  (e) => ({ ...e, latency_ms: -1 }),
  (e) => ({ ...e, evals: { ...(e.evals as object), relevance: 1.5 } }),
  (e) => ({ ...e, latency: 10 }),
  (e) => ({ ...e, service: "Not A Slug" }),
];
const invalid = valid.slice(0, Math.ceil(valid.length / 4)).map((e, i) => breakers[i % breakers.length]!(e));

type Parse = (e: unknown) => { success: boolean };
const parsers: [string, Parse][] = [
  ["interpreted (before)", (e) => IngestEventDefinition.safeParse(e)],
  ["fast path (after)", (e) => IngestEventInput.safeParse(e)],
  ["parseValidEvent alone", (e) => ({ success: parseValidEvent(e) !== z.INVALID })],
];

/** CPU µs per event of one pass over `events`. */
function pass(parse: Parse, events: readonly unknown[], expectValid: boolean): number {
  const started = process.cpuUsage();
  for (const e of events) {
    if (parse(e).success !== expectValid) throw new Error(`unexpected verdict for ${JSON.stringify(e).slice(0, 200)}`);
  }
  const { user, system } = process.cpuUsage(started);
  return (user + system) / events.length;
}

const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, best: sorted[0]! };
};

const samples = parsers.map(() => ({ valid: [] as number[], invalid: [] as number[] }));
for (let r = 0; r < rounds; r++) {
  parsers.forEach(([, parse], i) => {
    samples[i]!.valid.push(pass(parse, valid, true));
    samples[i]!.invalid.push(pass(parse, invalid, false));
  });
}

console.log(`${valid.length.toLocaleString("en")} valid and ${invalid.length.toLocaleString("en")} invalid demo events, ${rounds} rounds`);
console.log(`${"schema".padEnd(22)} ${"valid µs/event".padStart(15)} ${"(best)".padStart(7)} ${"invalid µs/event".padStart(17)} ${"(best)".padStart(7)}`);
const medians: number[] = [];
parsers.forEach(([name], i) => {
  const ok = summary(samples[i]!.valid);
  const bad = summary(samples[i]!.invalid);
  medians.push(ok.median);
  const cells = [ok.median.toFixed(2).padStart(15), ok.best.toFixed(2).padStart(7), bad.median.toFixed(2).padStart(17), bad.best.toFixed(2).padStart(7)];
  console.log(`${name.padEnd(22)} ${cells.join(" ")}`);
});
console.log(`valid events: ${(medians[0]! / medians[1]!).toFixed(1)}× cheaper through IngestEventInput than interpreted`);
