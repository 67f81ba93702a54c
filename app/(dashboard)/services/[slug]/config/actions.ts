"use server";

import { revalidatePath } from "next/cache";
import { forbidden } from "next/navigation";
import { z } from "zod";
import type { ActionResult } from "@/components/config/action-result.ts";
import { requireUser } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import type { ConfigIssue } from "@/lib/schemas/score-config.ts";
import { proposeVersion } from "@/lib/services/configs/propose-version.ts";
import { reviewVersion } from "@/lib/services/configs/review-version.ts";
import { proposeRollback } from "@/lib/services/configs/rollback.ts";
import { runBacktest } from "@/lib/services/configs/run-backtest.ts";
import { saveDraft } from "@/lib/services/configs/save-draft.ts";
import type { Backtest } from "@/lib/services/configs/run-backtest.ts";
import { withdrawVersion } from "@/lib/services/configs/withdraw-version.ts";
import { contextFor, type Ctx } from "@/lib/services/context.ts";

// Thin wrappers over lib/services/configs: each checks its arguments' shape (a server action is a public
// endpoint: anyone can post anything to it), calls one use case, which authorises, and refreshes the pages
// that show versions. A 403 becomes the framework's forbidden response, as a page would answer, so a forged
// request (the author calling approve) gets a real 403 rather than a friendly message.

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Expected a service slug.");
const Id = z.string().min(1, "Expected a version id.").max(100);
const Text = z.string().max(256 * 1024, "A config is at most 256 KiB.");
const Rationale = z.string().max(5_000, "At most 5,000 characters.");
const Days = z.number().int().min(1, "The backtest covers 1 to 30 days.").max(30, "The backtest covers 1 to 30 days.");

type Saved = { id: string; version: number };

async function attempt<T>(input: () => unknown, fn: (ctx: Ctx) => Promise<T>, paths: readonly string[] = []): Promise<ActionResult<T>> {
  const user = await requireUser();
  try {
    input();
    const value = await fn(contextFor(user));
    for (const path of paths) revalidatePath(path);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof z.ZodError) return { ok: false, message: error.issues.map((i) => i.message).join(" ") };
    if (error instanceof AppError) {
      if (error.status === 403) forbidden();
      return { ok: false, message: error.publicMessage, issues: issuesOf(error) };
    }
    throw error;
  }
}

/** Per-field issues, when the use case attached them to its 400 (the config schema's paths and lines). */
function issuesOf(error: AppError): ConfigIssue[] | undefined {
  const issues = (error as AppError & { issues?: unknown }).issues;
  return Array.isArray(issues) ? (issues as ConfigIssue[]) : undefined;
}

const pathsOf = (slug: string) => [`/services/${slug}/config`, `/services/${slug}`, "/reviews"];

export async function saveDraftAction(slug: string, text: string, fromVersionId?: string): Promise<ActionResult<Saved>> {
  return attempt(() => (Slug.parse(slug), Text.parse(text), fromVersionId === undefined || Id.parse(fromVersionId)), async (ctx) => {
    const v = await saveDraft(ctx, slug, { text, format: "yaml", ...(fromVersionId ? { fromVersionId } : {}) });
    return { id: v.id, version: v.version };
  }, pathsOf(slug));
}

/** Saves the text as the caller's draft and proposes it in one step (the editor's "Propose"). */
export async function proposeTextAction(slug: string, text: string, rationale: string, fromVersionId?: string): Promise<ActionResult<Saved>> {
  return attempt(() => (Slug.parse(slug), Text.parse(text), Rationale.parse(rationale), fromVersionId === undefined || Id.parse(fromVersionId)), async (ctx) => {
    const draft = await saveDraft(ctx, slug, { text, format: "yaml", ...(fromVersionId ? { fromVersionId } : {}) });
    const v = await proposeVersion(ctx, draft.id, rationale);
    return { id: v.id, version: v.version };
  }, pathsOf(slug));
}

export async function proposeVersionAction(slug: string, versionId: string, rationale: string): Promise<ActionResult<Saved>> {
  return attempt(() => (Slug.parse(slug), Id.parse(versionId), Rationale.parse(rationale)), async (ctx) => {
    const v = await proposeVersion(ctx, versionId, rationale);
    return { id: v.id, version: v.version };
  }, pathsOf(slug));
}

export async function backtestTextAction(slug: string, text: string, days: number): Promise<ActionResult<Backtest>> {
  return attempt(() => (Slug.parse(slug), Text.parse(text), Days.parse(days)), (ctx) => runBacktest(ctx, slug, { text, format: "yaml", days }));
}

export async function reviewAction(slug: string, versionId: string, decision: "approve" | "reject", comment: string, activateAt?: string): Promise<ActionResult<Saved>> {
  const Input = z.object({
    decision: z.enum(["approve", "reject"], "Choose approve or reject."),
    comment: z.string().max(5_000, "At most 5,000 characters."),
    activateAt: z.iso.datetime({ offset: true, error: "Expected a date and time for activate at." }).optional(),
  });
  return attempt(() => (Slug.parse(slug), Id.parse(versionId), Input.parse({ decision, comment, activateAt })), async (ctx) => {
    const v = await reviewVersion(ctx, versionId, { decision, comment, ...(activateAt ? { activateAt: new Date(activateAt) } : {}) });
    return { id: v.id, version: v.version };
  }, pathsOf(slug));
}

export async function withdrawAction(slug: string, versionId: string): Promise<ActionResult<Saved>> {
  return attempt(() => (Slug.parse(slug), Id.parse(versionId)), async (ctx) => {
    const v = await withdrawVersion(ctx, versionId);
    return { id: v.id, version: v.version };
  }, pathsOf(slug));
}

export async function rollbackAction(slug: string, toVersionId: string, rationale: string): Promise<ActionResult<Saved>> {
  return attempt(() => (Slug.parse(slug), Id.parse(toVersionId), Rationale.parse(rationale)), async (ctx) => {
    const v = await proposeRollback(ctx, slug, toVersionId, rationale);
    return { id: v.id, version: v.version };
  }, pathsOf(slug));
}
