import { parseArgs } from "node:util";
import { findServiceBySlug } from "@/lib/db/services.ts";
import { applyRetention } from "@/lib/services/rollups/apply-retention.ts";
import { rebuildRollups } from "@/lib/services/rollups/rebuild-rollups.ts";
import type { Command } from "./main.ts";

const USAGE = `Usage: npx vitals rollups <rebuild|compact> [options]

  rebuild            recompute rollups from raw events (embeddings, rejected counts and — for services that keep
                     no responses — response lengths are carried over: raw events do not hold them)
  compact            delete minute rows older than 7 days (hour rows, written alongside, hold them), compact
                     hours older than 90 days into days, then delete raw events older than 30 days

Options:
  --service <slug>   rebuild: only this service (default: all)
  --from <time>      rebuild: from this time, RFC 3339 (2026-11-20T00:00:00Z) or ago (36h, 7d); default: as far
                     back as raw events are kept`;

const AGO = /^(\d+)([mhd])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** An RFC 3339 time or a duration before `now`; null when it is neither. */
export function parseFrom(text: string, now: Date): Date | null {
  const ago = AGO.exec(text);
  if (ago) return new Date(now.getTime() - Number(ago[1]) * UNIT_MS[ago[2] as keyof typeof UNIT_MS]);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

const seconds = (started: number) => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const n = (x: number) => x.toLocaleString("en");

export const rollupsCommand: Command = {
  summary: "rebuild rollups from raw events; compact tiers and apply retention",
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { service: { type: "string" }, from: { type: "string" } },
    });
    const now = new Date();
    const started = Date.now();
    switch (positionals[0]) {
      case "rebuild": {
        let serviceId: string | undefined;
        if (values.service !== undefined) {
          const service = await findServiceBySlug(values.service);
          if (!service) {
            console.error(`No service "${values.service}".`);
            return 2;
          }
          serviceId = service.id;
        }
        let from: Date | undefined;
        if (values.from !== undefined) {
          from = parseFrom(values.from, now) ?? undefined;
          if (!from) {
            console.error(`--from: expected an RFC 3339 time or a duration like 36h or 7d, got "${values.from}".`);
            return 2;
          }
        }
        const r = await rebuildRollups({ now, serviceId, from });
        if (from && r.from.getTime() > from.getTime() + 3_600_000) {
          console.log(`Raw events are only kept for 30 days: rebuilding from ${r.from.toISOString()} instead.`);
        }
        console.log(
          `Rebuilt rollups of ${n(r.services)} service(s) from ${r.from.toISOString()}: ${n(r.events)} events → ${n(r.rowsWritten)} rows in ${seconds(started)}.`,
        );
        return 0;
      }
      case "compact": {
        const r = await applyRetention({ now });
        console.log(`Deleted ${n(r.minuteRowsDeleted)} minute rows past retention; compacted ${n(r.hourRowsCompacted)} hour rows into ${n(r.dayRowsWritten)} day rows.`);
        console.log(`Deleted ${n(r.rawEventsDeleted)} raw events past retention${r.dayRowsDeleted > 0 ? ` and ${n(r.dayRowsDeleted)} day rows` : ""} in ${seconds(started)}.`);
        return 0;
      }
      default:
        console.error(USAGE);
        return 2;
    }
  },
};
