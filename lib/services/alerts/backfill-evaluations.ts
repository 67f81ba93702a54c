import { getDb } from "@/lib/db/client.ts";
import { MINUTE_MS } from "@/lib/domain/rollup/index.ts";
import { evaluateService } from "./evaluate-service.ts";
import { evaluatedServices, publicBaseUrl } from "./run-evaluator.ts";

// Scores a stretch of history that no evaluator watched — the demo seed's weeks of generated telemetry — so
// snapshots, charts, alert history and reports have a past. The recent day is evaluated minute by minute, as
// the live evaluator would have; older history every `coarseStepMs` (snapshots then stand for that long).

export interface BackfillOptions {
  from: Date;
  now: Date;
  /** Minute-by-minute for this long before now (default 24 h). */
  fineMs?: number;
  /** The step before that (default 15 min). */
  coarseStepMs?: number;
  log?: (line: string) => void;
}

export function backfillInstants(from: number, now: number, fineMs: number, coarseStepMs: number): number[] {
  const end = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const fineFrom = end - fineMs;
  const out: number[] = [];
  for (let at = Math.ceil(from / coarseStepMs) * coarseStepMs; at < fineFrom; at += coarseStepMs) out.push(at);
  for (let at = Math.max(fineFrom, Math.ceil(from / MINUTE_MS) * MINUTE_MS); at <= end; at += MINUTE_MS) out.push(at);
  return out;
}

export async function backfillEvaluations(options: BackfillOptions): Promise<{ snapshots: number; transitions: number }> {
  const db = await getDb();
  const instants = backfillInstants(options.from.getTime(), options.now.getTime(), options.fineMs ?? 24 * 60 * MINUTE_MS, options.coarseStepMs ?? 15 * MINUTE_MS);
  let snapshots = 0;
  let transitions = 0;
  for (const target of await evaluatedServices()) {
    // A window needs a full window of history behind it; earlier instants would score a partial window.
    const own = instants.filter((at) => at - target.config.window >= options.from.getTime());
    const result = await evaluateService(db, target, { now: options.now, instants: own, baseUrl: publicBaseUrl() });
    snapshots += result.instants;
    transitions += result.transitions;
  }
  options.log?.(`Evaluated the seeded history: ${snapshots.toLocaleString("en")} score snapshots, ${transitions} alert transitions.`);
  return { snapshots, transitions };
}
