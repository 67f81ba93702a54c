import type { ConfigIssue } from "@/lib/schemas/score-config.ts";

/** What a governance server action answers: a value, or a message a person can act on (with per-field issues for config text). */
export type ActionResult<T> = { ok: true; value: T } | { ok: false; message: string; issues?: ConfigIssue[] };
