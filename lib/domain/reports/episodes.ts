// Alert episodes in a report. An episode is an alert that fired (firingSince set) and is not shadow; a cancelled
// alert never fired. Rules, chosen so consecutive reports never count an episode twice and a finished period's
// figures do not change when read again later:
// - an episode belongs to the period in which it began firing;
// - one that fired before the period and was still open at its start is "carried in": shown, not counted again
//   (its resolution inside this period counts toward MTTR of its own period, as of that period's end);
// - acknowledgement and resolution count only when they happened before the period's end; an episode resolved
//   after the end (or not yet) is "open at end" and left out of MTTR, which covers resolved episodes only.

export interface Episode {
  severity: "warning" | "critical";
  firingAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
}

export interface EpisodeFigures {
  episodes: { warning: number; critical: number };
  openAtEnd: number;
  carriedIn: number;
  /** Σ (ack − firing) and Σ (resolved − firing) with their counts: means pool across services without bias. */
  ackMs: number;
  acknowledged: number;
  resolveMs: number;
  resolved: number;
}

export function episodeFigures(episodes: readonly Episode[], from: number, to: number): EpisodeFigures {
  const out: EpisodeFigures = { episodes: { warning: 0, critical: 0 }, openAtEnd: 0, carriedIn: 0, ackMs: 0, acknowledged: 0, resolveMs: 0, resolved: 0 };
  for (const e of episodes) {
    if (e.firingAt < from) {
      if (e.resolvedAt === null || e.resolvedAt > from) out.carriedIn++;
      continue;
    }
    if (e.firingAt >= to) continue;
    out.episodes[e.severity]++;
    if (e.acknowledgedAt !== null && e.acknowledgedAt < to) {
      // An acknowledgement while still pending counts as immediate, never as negative time.
      out.ackMs += Math.max(0, e.acknowledgedAt - e.firingAt);
      out.acknowledged++;
    }
    if (e.resolvedAt !== null && e.resolvedAt < to) {
      out.resolveMs += e.resolvedAt - e.firingAt;
      out.resolved++;
    } else {
      out.openAtEnd++;
    }
  }
  return out;
}
