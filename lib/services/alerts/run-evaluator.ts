import { getDb } from "@/lib/db/client.ts";
import { acquireLease, leaseHolder, releaseLease } from "@/lib/db/lease.ts";
import { findActiveConfigs } from "@/lib/db/score-configs.ts";
import { listServices } from "@/lib/db/services.ts";
import { templateFor } from "@/lib/domain/score/index.ts";
import { AppError } from "@/lib/errors.ts";
import { activateDueVersions } from "@/lib/services/configs/activate-due.ts";
import { evaluateService, type EvaluatedService, type EvaluateOptions } from "./evaluate-service.ts";

// The evaluator's round (DESIGN.md §7): under the lease, every service is evaluated up to now. It runs inside
// the server by default (instrumentation.ts) or alone as `npx vitals worker`; with several of them on one
// database the lease lets exactly one evaluate, and a standby takes over when the leader's lease expires.

export const EVALUATOR_LEASE = "evaluator";

export interface EvaluationRound {
  leader: boolean;
  /** Scheduled config versions this round activated. */
  activated: number;
  services: number;
  instants: number;
  transitions: number;
  notifications: number;
  failures: { service: string; error: string }[];
}

/** Every service with the config that scores it (its active version, else the generic template). */
export async function evaluatedServices(): Promise<EvaluatedService[]> {
  const services = await listServices();
  const active = await findActiveConfigs(await getDb(), services.map((s) => s.id));
  return services.map((service) => {
    const a = active.get(service.id);
    return a
      ? { service, config: a.config, configVersionId: a.id, configVersion: a.version }
      : { service, config: templateFor("generic", service.slug), configVersionId: null, configVersion: null };
  });
}

export interface RoundOptions extends Omit<EvaluateOptions, "instants"> {
  holder: string;
  /** How long the lease lasts without renewal, ms; longer than the interval between rounds. */
  leaseMs: number;
}

export async function runEvaluationRound(options: RoundOptions): Promise<EvaluationRound> {
  const db = await getDb();
  const round: EvaluationRound = { leader: false, activated: 0, services: 0, instants: 0, transitions: 0, notifications: 0, failures: [] };
  if (!(await acquireLease(db, EVALUATOR_LEASE, options.holder, new Date(), options.leaseMs))) return round;
  round.leader = true;
  // Approved config versions scheduled for now or earlier become active before this round scores with them.
  round.activated = await activateDueVersions(options.now);
  for (const target of await evaluatedServices()) {
    try {
      const result = await evaluateWithRetry(target, options);
      round.services += 1;
      round.instants += result.instants;
      round.transitions += result.transitions;
      round.notifications += result.notifications;
    } catch (error) {
      // One service's failure (a config that no longer parses, say) must not stop the others being watched.
      round.failures.push({ service: target.service.slug, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return round;
}

/** A run that lost a race with an engineer's hand-resolve is redone once from the fresh state. */
async function evaluateWithRetry(target: EvaluatedService, options: EvaluateOptions) {
  const db = await getDb();
  try {
    return await evaluateService(db, target, options);
  } catch (error) {
    if (error instanceof AppError && error.status === 409) return evaluateService(db, target, options);
    throw error;
  }
}

export interface EvaluatorLoopOptions {
  intervalMs: number;
  /** How long the lease outlives a silent leader (default: 3 intervals, at least 30 s): the failover time. */
  leaseMs?: number;
  baseUrl: string;
  log?: (line: string) => void;
}

/**
 * Evaluates every `intervalMs` (never two rounds at once). Returns a stop function that waits for a running
 * round and releases the lease, so a standby can take over at once.
 */
export function startEvaluatorLoop(options: EvaluatorLoopOptions): () => Promise<void> {
  const holder = leaseHolder();
  const log = options.log ?? ((line: string) => console.log(line));
  const leaseMs = options.leaseMs ?? Math.max(3 * options.intervalMs, 30_000);
  let running: Promise<void> | null = null;
  let stopped = false;
  let leader: boolean | null = null;
  const tick = () => {
    if (running || stopped) return;
    running = runEvaluationRound({ now: new Date(), baseUrl: options.baseUrl, holder, leaseMs })
      .then((round) => {
        if (round.leader !== leader) log(round.leader ? `evaluator: leading (${holder})` : "evaluator: standing by (another process holds the lease)");
        leader = round.leader;
        for (const f of round.failures) log(`evaluator: ${f.service}: ${f.error}`);
        if (round.activated > 0) log(`evaluator: activated ${round.activated} scheduled config version(s)`);
        if (round.transitions > 0) log(`evaluator: ${round.transitions} alert transition(s), ${round.notifications} notification(s) queued`);
      })
      .catch((error: unknown) => log(`evaluator: round failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  timer.unref?.();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    await releaseLease(await getDb(), EVALUATOR_LEASE, holder, new Date());
  };
}

/** Where links in notifications point: VITALS_PUBLIC_URL, else the local server. */
export function publicBaseUrl(): string {
  return process.env.VITALS_PUBLIC_URL ?? process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
}
