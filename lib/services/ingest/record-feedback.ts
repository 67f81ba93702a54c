import { mayIngest, type Principal } from "@/lib/auth/principal.ts";
import { getDb } from "@/lib/db/client.ts";
import { rowToEvent } from "@/lib/db/event-rows.ts";
import { requeueIfQueued } from "@/lib/db/events.ts";
import { knownValuesFrom, loadKnownValues, lockServiceRollups, readRollupsByKey, writeRollups } from "@/lib/db/rollups.ts";
import { findIngestTargets } from "@/lib/db/services.ts";
import type { TelemetryEvent } from "@/lib/domain/event.ts";
import { applySignalDelta, isEmptyDelta, signalDelta } from "@/lib/domain/feedback-delta.ts";
import { CardinalityGuard, foldEventsByTier, ingestTiers, TIERS } from "@/lib/domain/rollup/index.ts";
import { AppError } from "@/lib/errors.ts";
import type { FeedbackInput } from "@/lib/schemas/feedback.ts";

/**
 * Late ground truth for one stored event: merges the new feedback, outcomes and evals into the event and moves
 * every rollup row holding the event by the difference — its minute and hour rows (the hour tier is written
 * through), or only its hour or day row once the event is that old — under the service's rollup lock, so
 * concurrent feedback and folds serialise and each change is counted once per row. An event still queued for the
 * aggregator is in no rollup yet: only the event changes, and its fold counts the new values — the event goes to the
 * back of the queue, so a fold prepared from the old values is dropped (requeueIfQueued). Same values again: no
 * change.
 */
export async function recordFeedback(principal: Principal, input: FeedbackInput, now: Date): Promise<{ updated: boolean }> {
  const target = (await findIngestTargets([input.service])).get(input.service);
  if (!target) throw new AppError("NOT_FOUND", 404, `No service "${input.service}" exists.`);
  if (!mayIngest(principal, target.id)) throw new AppError("FORBIDDEN", 403, `This API key may not send feedback for "${input.service}".`);

  const db = await getDb();
  return db.$transaction(async (tx) => {
    await lockServiceRollups(tx, target.id);
    const row = await tx.event.findUnique({ where: { serviceId_eventId: { serviceId: target.id, eventId: input.event_id } } });
    if (!row) {
      throw new AppError("NOT_FOUND", 404, `No event "${input.event_id}" of "${input.service}" is stored (feedback joins events ingested within the raw retention).`);
    }
    const before = rowToEvent(row);
    const after: TelemetryEvent = {
      ...before,
      feedback: { ...before.feedback, ...input.feedback },
      outcomes: { ...before.outcomes, ...input.outcomes },
      evals: { ...before.evals, ...input.evals },
    };
    const delta = signalDelta(before, after);
    if (isEmptyDelta(delta)) return { updated: false };

    await tx.event.update({
      where: { serviceId_eventId: { serviceId: target.id, eventId: input.event_id } },
      data: { feedback: JSON.stringify(after.feedback), outcomes: JSON.stringify(after.outcomes), evals: JSON.stringify(after.evals) },
    });
    if (await requeueIfQueued(tx, target.id, input.event_id)) return { updated: true };
    // The rows holding the event: the same keys ingest would choose for it now (its tiers by age, its segment
    // values or "(other)" as the cardinality guard decides). Only rows that exist move.
    const known = await loadKnownValues(tx, target.id, new Date(knownValuesFrom(after.timestamp.getTime())));
    const byTier = foldEventsByTier([after], new CardinalityGuard(known), (ms) => ingestTiers(ms, now.getTime()));
    for (const tier of TIERS) {
      const keys = [...byTier[tier].values()].map((entry) => entry.key);
      if (keys.length === 0) continue;
      const existing = await readRollupsByKey(tx, target.id, tier, keys);
      const updated = [...existing.values()].map(({ key, agg }) => {
        applySignalDelta(agg, delta);
        return { key, agg };
      });
      await writeRollups(tx, target.id, tier, updated, { overwriteRejected: false });
    }
    return { updated: true };
  });
}
