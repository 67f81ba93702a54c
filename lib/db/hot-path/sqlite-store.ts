import type Database from "better-sqlite3";
import type { TelemetryEvent } from "@/lib/domain/event.ts";
import type { RollupAggregate } from "@/lib/domain/rollup/index.ts";
import {
  dateEncoder, encodeDate, eventValues, insertEventsSql, knownValuesSql, rollupValues, rowToAggregate, ROLLUP_DATA_SELECT, upsertRollupsSql, valuesByDimension,
  type OnConflict, type RollupDataRow, type StoredEventOptions, type StoredRollup,
} from "./codec.ts";
import { eventsToFold, foldEventColumns, PENDING_COLUMNS, pendingValues, toClaimed, type ClaimedFold, type PendingRow, type RawFoldEventRow } from "./pending.ts";
import type { SyncRollupStore } from "./script.ts";

// The ingest steps on one better-sqlite3 connection, one row per statement: each statement is prepared once per
// connection and runs in a few microseconds, so single-row statements cost less than building multi-row ones
// (the connection is in-process; there are no round trips to save). Runs inside BEGIN IMMEDIATE (connection.ts).

/** The queue row's own columns in claimWithEventsSql, named apart from the event's. */
interface QueueColumns {
  queueSeq: number;
  queueServiceId: string;
  queueEventId: string;
  queueEmbedding: string | null;
  queueResponseLength: number | null;
}

/** The oldest `?` queue rows, in queue order, each with its event's fold columns (null where it has none). */
function claimWithEventsSql(): string {
  const eventColumns = foldEventColumns("sqlite").split(", ").map((column) => `e.${column}`).join(", ");
  return (
    `SELECT p."seq" AS "queueSeq", p."serviceId" AS "queueServiceId", p."eventId" AS "queueEventId", p."embedding" AS "queueEmbedding", ` +
    `p."responseLength" AS "queueResponseLength", ${eventColumns} FROM "PendingFold" p ` +
    `LEFT JOIN "Event" e ON e."serviceId" = p."serviceId" AND e."eventId" = p."eventId" ORDER BY p."seq" LIMIT ?`
  );
}

/** Touched rows of one bucket from which listing the bucket's rows first pays off. */
const BUCKET_SCAN_MIN_KEYS = 4;

export class SqliteStore implements SyncRollupStore {
  private readonly insertEvent: Database.Statement;
  private readonly readRollup: Database.Statement;
  private readonly bucketKeys: Database.Statement;
  private readonly upserts: Record<OnConflict, Database.Statement>;
  private readonly known: Database.Statement;
  private readonly insertPendingRow: Database.Statement;
  private readonly claim: Database.Statement;
  /** The event rows the last claimPending read with the queue, by seq, for loadQueuedEvents. */
  private claimedRows = new Map<number, RawFoldEventRow>();
  private readonly deletePendingRow: Database.Statement;

  constructor(db: Database.Database) {
    // Drop RETURNING: `changes` says whether the row was new, without a result row to build.
    this.insertEvent = db.prepare(insertEventsSql(1, "sqlite").replace(/ RETURNING "eventId"$/, ""));
    this.readRollup = db.prepare(
      `SELECT ${ROLLUP_DATA_SELECT} FROM "Rollup" WHERE "serviceId" = ? AND "tier" = ? AND "bucketStart" = ? AND "dimension" = ? AND "value" = ?`,
    );
    // Answered from the primary key's index alone (serviceId, tier, bucketStart, dimension, value).
    this.bucketKeys = db.prepare(`SELECT "dimension", "value" FROM "Rollup" WHERE "serviceId" = ? AND "tier" = ? AND "bucketStart" = ?`).raw();
    this.upserts = {
      replace: db.prepare(upsertRollupsSql(1, "sqlite", "replace")),
      "replace-but-rejected": db.prepare(upsertRollupsSql(1, "sqlite", "replace-but-rejected")),
      "add-rejected": db.prepare(upsertRollupsSql(1, "sqlite", "add-rejected")),
    };
    this.known = db.prepare(knownValuesSql("sqlite", false));
    this.insertPendingRow = db.prepare(`INSERT INTO "PendingFold" (${PENDING_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (?, ?, ?, ?)`);
    // The queue in order, each row with its event's row (claimWithEventsSql): one statement for a whole fold's
    // events, where a lookup per event cost a statement call each.
    this.claim = db.prepare(claimWithEventsSql());
    this.deletePendingRow = db.prepare(`DELETE FROM "PendingFold" WHERE "seq" = ?`);
  }

  insertEvents(serviceId: string, events: readonly TelemetryEvent[], options: StoredEventOptions): Set<string> {
    const inserted = new Set<string>();
    const date = dateEncoder("sqlite-text");
    for (const e of events) {
      if (this.insertEvent.run(eventValues(serviceId, e, options, date)).changes > 0) inserted.add(e.eventId);
    }
    return inserted;
  }

  /** BEGIN IMMEDIATE already holds the database's write lock, which serialises every writer. */
  lockService(): void {}

  tryLockService(): boolean {
    return true;
  }

  insertPending(serviceId: string, rows: readonly PendingRow[]): void {
    for (const row of rows) this.insertPendingRow.run(pendingValues(serviceId, row));
  }

  /** The write lock is held, or a read transaction's snapshot: what is claimed cannot change underneath. */
  claimPending(limit: number): ClaimedFold[] {
    const rows = this.claim.all(limit) as (RawFoldEventRow & QueueColumns)[];
    this.claimedRows = new Map();
    return rows.map((row) => {
      // An event deleted since (retention, service deletion) takes its queue row with it by cascade; a queue row
      // without one is folded as nothing and deleted, as eventsToFold does.
      if (row.eventId !== null) this.claimedRows.set(row.queueSeq, row);
      return toClaimed({ seq: row.queueSeq, serviceId: row.queueServiceId, eventId: row.queueEventId, embedding: row.queueEmbedding, responseLength: row.queueResponseLength });
    });
  }

  /** The rows claimPending read along with the queue (each handed out once, then forgotten). */
  loadQueuedEvents(_serviceId: string, claimed: readonly ClaimedFold[]): TelemetryEvent[] {
    const rows: RawFoldEventRow[] = [];
    for (const c of claimed) {
      const row = this.claimedRows.get(c.seq);
      if (!row) continue;
      rows.push(row);
      this.claimedRows.delete(c.seq);
    }
    return eventsToFold(claimed, rows);
  }

  deletePending(seqs: readonly number[]): number {
    let deleted = 0;
    for (const seq of seqs) deleted += this.deletePendingRow.run(seq).changes;
    return deleted;
  }

  knownValues(serviceId: string, from: Date): Map<string, Set<string>> {
    return valuesByDimension(this.known.all(serviceId, encodeDate(from, "sqlite-text")) as { dimension: string; value: string }[]);
  }

  /**
   * Keys are read bucket by bucket. Where a batch touches several rows of one bucket, one scan of the primary
   * key index lists the rows the bucket has, and only those are fetched: most rows a batch touches are new
   * (a minute's first events), and a miss costs nearly as much as a hit.
   */
  readRollups(serviceId: string, keys: readonly StoredRollup[]): (RollupAggregate | null)[] {
    const date = dateEncoder("sqlite-text");
    const buckets = new Map<string, number[]>();
    keys.forEach(({ tier, key }, i) => {
      const id = `${tier}\u0000${key.bucketStart}`;
      const indices = buckets.get(id);
      if (indices) indices.push(i);
      else buckets.set(id, [i]);
    });
    const found: (RollupAggregate | null)[] = keys.map(() => null);
    for (const indices of buckets.values()) {
      const { tier, key } = keys[indices[0]!]!;
      const bucket = date(key.bucketStart);
      let present: Set<string> | null = null;
      if (indices.length >= BUCKET_SCAN_MIN_KEYS) {
        present = new Set((this.bucketKeys.all(serviceId, tier, bucket) as [string, string][]).map(([d, v]) => `${d}\u0000${v}`));
      }
      for (const i of indices) {
        const { dimension, value } = keys[i]!.key;
        if (present && !present.has(`${dimension}\u0000${value}`)) continue;
        const row = this.readRollup.get(serviceId, tier, bucket, dimension, value);
        if (row) found[i] = rowToAggregate(row as RollupDataRow);
      }
    }
    return found;
  }

  writeRollups(serviceId: string, rows: readonly StoredRollup[], onConflict: OnConflict, updatedAt: Date): void {
    const statement = this.upserts[onConflict];
    const date = dateEncoder("sqlite-text");
    for (const row of rows) statement.run(rollupValues(serviceId, row, updatedAt, date));
  }
}
