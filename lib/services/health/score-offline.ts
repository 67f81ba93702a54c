import { zodIssues, type ErrorIssue } from "@/lib/errors.ts";
import type { TelemetryEvent } from "@/lib/domain/event.ts";
import { ALL_TRAFFIC, foldEvents, type RollupAggregate } from "@/lib/domain/rollup/index.ts";
import { driftBaselineRange, healthReport, needsBaseline, windowRange, type HealthReport, type ScoreConfig } from "@/lib/domain/score/index.ts";
import { IngestEventInput } from "@/lib/schemas/ingest.ts";

// `vitals score`: a config scored against a JSON-lines file of ingest-format events, with no server and no
// database. The events are validated by the ingest schema, deduplicated by event_id as ingest does, folded
// into minute rows by the same fold, and scored by the same report as GET /api/services/{slug}/health — so a
// config can be tried on exported data before it is proposed, and the engine checked end to end.

export interface OfflineInput {
  config: ScoreConfig;
  /** The file's text: one event per line; blank lines are skipped. */
  eventsText: string;
  /** The window's end; default: the end of the minute of the latest event. */
  at?: Date;
  /** Overrides the config's window, ms. */
  windowMs?: number;
  segment?: { dimension: string; value: string } | null;
  /** The window's end when there is neither `at` nor any event. */
  now: Date;
}

export interface OfflineResult {
  report: HealthReport;
  /** Lines that are not valid events, with why (1-based line numbers). */
  invalid: { line: number; errors: ErrorIssue[] }[];
  /** Valid events of other services (ignored) and repeated event_ids (the first one counts). */
  otherServices: number;
  duplicates: number;
  used: number;
}

export function scoreOffline(input: OfflineInput): OfflineResult {
  const { config } = input;
  const invalid: OfflineResult["invalid"] = [];
  const events: TelemetryEvent[] = [];
  const seen = new Set<string>();
  let otherServices = 0;
  let duplicates = 0;
  input.eventsText.split("\n").forEach((text, i) => {
    if (text.trim() === "") return;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      invalid.push({ line: i + 1, errors: [{ path: "(root)", message: "Not a JSON value." }] });
      return;
    }
    const parsed = IngestEventInput.safeParse(raw);
    if (!parsed.success) {
      invalid.push({ line: i + 1, errors: zodIssues(parsed.error) });
      return;
    }
    const { service, event } = parsed.data;
    if (service !== config.service) {
      otherServices++;
      return;
    }
    if (seen.has(event.eventId)) {
      duplicates++;
      return;
    }
    seen.add(event.eventId);
    events.push(event);
  });

  const latest = events.reduce((max, e) => Math.max(max, e.timestamp.getTime()), -Infinity);
  const at = input.at?.getTime() ?? (events.length > 0 ? Math.floor(latest / 60_000) * 60_000 + 60_000 : input.now.getTime());
  const windowMs = input.windowMs ?? config.window;
  const segment = input.segment ?? null;
  const rows = [...foldEvents(events).values()].filter(
    ({ key }) => segment === null ? key.dimension === ALL_TRAFFIC : key.dimension === segment.dimension && key.value === segment.value,
  );
  const inRange = ({ from, to }: { from: number; to: number }): RollupAggregate[] =>
    rows.filter(({ key }) => key.bucketStart >= from && key.bucketStart < to).map((r) => r.agg);
  const report = healthReport({
    service: config.service, rules: config, windowMs, at, segment, configVersion: null,
    rows: inRange(windowRange(at, windowMs)),
    baselineRows: needsBaseline(config) ? inRange(driftBaselineRange(at)) : null,
  });
  return { report, invalid, otherServices, duplicates, used: events.length };
}
