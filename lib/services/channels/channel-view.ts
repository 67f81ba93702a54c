import { maskedConfig, type Channel } from "@/lib/db/channels.ts";
import type { DeliveryLogEntry } from "@/lib/db/deliveries.ts";

// What the Settings page and the audit rows see of a channel: the config with its secrets masked.

export interface ChannelView {
  id: string;
  name: string;
  kind: string;
  /** the config, secrets shown as ••••<last 4>; null when the stored config is not valid */
  config: Record<string, unknown> | null;
  enabled: boolean;
  consecutiveFailures: number;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
  deliveries: DeliveryLogEntry[];
}

export function toChannelView(c: Channel, deliveries: DeliveryLogEntry[] = []): ChannelView {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    config: c.target ? maskedConfig(c.target) : null,
    enabled: c.enabled,
    consecutiveFailures: c.consecutiveFailures,
    disabledAt: c.disabledAt,
    disabledReason: c.disabledReason,
    createdAt: c.createdAt,
    deliveries,
  };
}

/** The audit row's picture of a channel: name, kind, masked config, state. */
export function auditPicture(c: Channel): Record<string, unknown> {
  return { name: c.name, kind: c.kind, config: c.target ? maskedConfig(c.target) : null, enabled: c.enabled };
}
