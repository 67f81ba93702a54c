import type { Mitigation } from "@/lib/domain/alerts/types.ts";
import type { Db, Tx } from "./client.ts";

// Alert.mitigation (JSON). Changes are compare-and-swap on the stored text: two engineers deciding at once
// both read the same text, and only the first update still finds it.

export interface StoredMitigation {
  alertId: string;
  /** the column's text as read: the swap's guard */
  raw: string;
  value: Mitigation;
}

export async function readMitigation(tx: Db | Tx, alertId: string): Promise<StoredMitigation | null> {
  const row = await tx.alert.findUnique({ where: { id: alertId }, select: { mitigation: true } });
  if (!row?.mitigation) return null;
  return { alertId, raw: row.mitigation, value: JSON.parse(row.mitigation) as Mitigation };
}

/** Writes `next` if the column still holds `current.raw`; false when someone changed it meanwhile. */
export async function swapMitigation(tx: Tx, current: StoredMitigation, next: Mitigation): Promise<boolean> {
  const { count } = await tx.alert.updateMany({ where: { id: current.alertId, mitigation: current.raw }, data: { mitigation: JSON.stringify(next) } });
  return count > 0;
}

/** Sets the first mitigation of an episode; false when the alert already has one (one per episode). */
export async function proposeMitigation(tx: Tx, alertId: string, mitigation: Mitigation): Promise<boolean> {
  const { count } = await tx.alert.updateMany({ where: { id: alertId, mitigation: null }, data: { mitigation: JSON.stringify(mitigation) } });
  return count > 0;
}
