import type { TelemetryEvent } from "./event.ts";
import { addEvent, emptyAggregate, type RollupAggregate, type SumCounts } from "./rollup/aggregate.ts";

// Late ground truth (POST /api/feedback) changes an event's evals, feedback and outcomes after the event was
// folded into its rollups. The rollups take the difference between the event's contribution after and before,
// so posting the same feedback twice changes nothing, and a corrected rating replaces the old one.

export interface SignalDelta {
  evals: SumCounts;
  feedback: SumCounts;
  outcomes: SumCounts;
  /** Change in the "missing evals / feedback" counts (an event that had none and now has some: −1). */
  missing: Record<string, number>;
}

function contribution(event: TelemetryEvent): RollupAggregate {
  const agg = emptyAggregate();
  addEvent(agg, event);
  return agg;
}

function subtract(after: SumCounts, before: SumCounts): SumCounts {
  const out: SumCounts = {};
  for (const name of new Set([...Object.keys(after), ...Object.keys(before)])) {
    const [sa, ca] = after[name] ?? [0, 0];
    const [sb, cb] = before[name] ?? [0, 0];
    if (sa !== sb || ca !== cb) out[name] = [sa - sb, ca - cb];
  }
  return out;
}

export function signalDelta(before: TelemetryEvent, after: TelemetryEvent): SignalDelta {
  const a = contribution(after);
  const b = contribution(before);
  const missing: Record<string, number> = {};
  for (const field of ["evals", "feedback"] as const) {
    const change = (a.missing[field] ?? 0) - (b.missing[field] ?? 0);
    if (change !== 0) missing[field] = change;
  }
  return { evals: subtract(a.evals, b.evals), feedback: subtract(a.feedback, b.feedback), outcomes: subtract(a.outcomes, b.outcomes), missing };
}

export function isEmptyDelta(delta: SignalDelta): boolean {
  return [delta.evals, delta.feedback, delta.outcomes, delta.missing].every((m) => Object.keys(m).length === 0);
}

function addInto(target: SumCounts, delta: SumCounts): void {
  for (const [name, [sum, count]] of Object.entries(delta)) {
    const [s, c] = target[name] ?? [0, 0];
    // A signal whose count returns to 0 leaves the row, as if it had never been folded.
    if (c + count === 0) delete target[name];
    else target[name] = [s + sum, c + count];
  }
}

/** Applies a delta to one rollup row's aggregate, in place. */
export function applySignalDelta(agg: RollupAggregate, delta: SignalDelta): void {
  addInto(agg.evals, delta.evals);
  addInto(agg.feedback, delta.feedback);
  addInto(agg.outcomes, delta.outcomes);
  for (const [field, change] of Object.entries(delta.missing)) {
    const next = (agg.missing[field] ?? 0) + change;
    if (next === 0) delete agg.missing[field];
    else agg.missing[field] = next;
  }
}
