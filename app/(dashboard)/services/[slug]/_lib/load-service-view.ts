import type { Principal } from "@/lib/auth/principal.ts";
import { can } from "@/lib/auth/permissions.ts";
import type { SessionUser } from "@/lib/auth/session.ts";
import { metricFamily, type HealthReport, type MetricUnit } from "@/lib/domain/score/index.ts";
import type { ServiceSummary } from "@/lib/db/services.ts";
import { AlertsQuery } from "@/lib/schemas/alerts.ts";
import { listAlerts, type AlertList } from "@/lib/services/alerts/list-alerts.ts";
import type { EventPage } from "@/lib/services/events/list-events.ts";
import { listEvents } from "@/lib/services/events/list-events.ts";
import { getSegmentScores, type SegmentScores } from "@/lib/services/health/get-segment-scores.ts";
import { getServiceHealth } from "@/lib/services/health/get-service-health.ts";
import { loadScoredService } from "@/lib/services/health/scored-service.ts";
import { COMMON_DIMENSIONS, rangeBounds, scoreAt, type ViewState } from "./view-state.ts";

export type ServiceInfo = Omit<ServiceSummary, "id">;

/** What does not change while the page is open: the service, its config's thresholds and window, units. */
export interface ServiceFrame {
  service: ServiceInfo;
  thresholds: { warning: number; critical: number };
  windowMs: number;
  /** The drill-down's dimensions: the config's segments first, then the common ones. */
  dimensions: string[];
  /** Each scored metric's unit, for axes and tables. */
  units: Record<string, MetricUnit>;
  canReadEvents: boolean;
  canAck: boolean;
  canResolve: boolean;
}

export interface ServiceFirstView {
  state: ViewState;
  /** When the first view was computed (ISO); the client's queries count their age from it. */
  now: string;
  health: HealthReport;
  segments: SegmentScores;
  previousSegments: SegmentScores;
  events: EventPage | null;
  /** The service's open alert episodes (the Alerts panel). */
  openAlerts: AlertList;
}

/**
 * The service page's first view, from the same use cases the JSON APIs answer with. The score-over-time series
 * is not in it: over 24 hours it costs ~30× the health report (a day of minute rows, one window per point), so
 * the browser fetches it after the page is shown, into a placeholder of the chart's own height.
 */
export async function loadServiceView(user: SessionUser, slug: string, state: ViewState, now: Date): Promise<{ frame: ServiceFrame; first: ServiceFirstView }> {
  const principal: Principal = { kind: "user", user };
  const { service, config } = await loadScoredService(principal, slug);
  const canReadEvents = can(user, "events.read");
  const atText = scoreAt(state);
  const at = atText ? new Date(atText) : now;
  const bounds = rangeBounds(state, now.getTime());
  const [health, segments, previousSegments, events, openAlerts] = await Promise.all([
    getServiceHealth(principal, slug, { at, segment: state.segment ?? undefined }, now),
    getSegmentScores(principal, slug, { at, dimension: state.dimension }, now),
    getSegmentScores(principal, slug, { at: new Date(at.getTime() - config.window), dimension: state.dimension }, now),
    canReadEvents ? listEvents(principal, slug, eventsQueryOf(state, bounds), now) : Promise.resolve(null),
    listAlerts(principal, AlertsQuery.parse({ service: slug, state: "open", size: "50" }), now),
  ]);
  const units = Object.fromEntries(config.components.map((c) => [c.metric, metricFamily(c.metric)?.unit ?? "value"]));
  return {
    frame: {
      service: withoutId(service),
      thresholds: config.thresholds,
      windowMs: config.window,
      dimensions: [...new Set([...config.segments, ...COMMON_DIMENSIONS])],
      units,
      canReadEvents,
      canAck: can(user, "alerts.ack"),
      canResolve: can(user, "alerts.resolve"),
    },
    first: { state, now: now.toISOString(), health, segments, previousSegments, events, openAlerts },
  };
}

function withoutId({ id: _id, ...rest }: ServiceSummary): ServiceInfo {
  return rest;
}

/** The explorer reads at most 31 days: a longer custom range shows its last 31 days of events. */
const EVENT_SPAN_MS = 31 * 86_400_000;

export function eventsQueryOf(state: ViewState, bounds: { from: number; to: number }) {
  return {
    filter: state.filter, segment: state.segment ?? undefined, limit: 25,
    from: new Date(Math.max(bounds.from, bounds.to - EVENT_SPAN_MS)), to: new Date(bounds.to),
  };
}
