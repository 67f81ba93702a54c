import type Database from "better-sqlite3";
import type { TelemetryEvent } from "@/lib/domain/event.ts";
import type { RollupAggregate } from "@/lib/domain/rollup/index.ts";
import {
  dateEncoder, encodeDate, eventValues, insertEventsSql, knownValuesSql, rollupValues, rowToAggregate, ROLLUP_DATA_SELECT, upsertRollupsSql, valuesByDimension,
  type OnConflict, type RollupDataRow, type StoredEventOptions, type StoredRollup,
} from "./codec.ts";
import { claimPendingSql, eventsToFold, foldEventColumns, PENDING_COLUMNS, pendingValues, toClaimed, type ClaimedFold, type PendingRow, type RawFoldEventRow } from "./pending.ts";
import type { SyncRollupStore } from "./script.ts";

// The ingest steps on one better-sqlite3 connection, one row per statement: each statement is prepared once per
// connection and runs in a few microseconds, so single-row statements cost less than building multi-row ones
// (the connection is in-process; there are no round trips to save). Runs inside BEGIN IMMEDIATE (connection.ts).

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
  private readonly foldEvent: Database.Statement;
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
    this.claim = db.prepare(claimPendingSql("sqlite"));
    this.foldEvent = db.prepare(`SELECT ${foldEventColumns("sqlite")} FROM "Event" WHERE "serviceId" = ? AND "eventId" = ?`);
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

  /** The write lock is held: nobody else can claim or fold meanwhile. */
  claimPending(limit: number): ClaimedFold[] {
    return (this.claim.all(limit) as Parameters<typeof toClaimed>[0][]).map(toClaimed);
  }

  loadQueuedEvents(serviceId: string, claimed: readonly ClaimedFold[]): TelemetryEvent[] {
    const rows: RawFoldEventRow[] = [];
    for (const c of claimed) {
      const row = this.foldEvent.get(serviceId, c.eventId) as RawFoldEventRow | undefined;
      if (row) rows.push(row);
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
