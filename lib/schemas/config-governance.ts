import { z } from "zod";

// Inputs of the config review flow (DESIGN.md §6), shared by the server actions, the proposals API and the CLI.

export const ConfigFormat = z.enum(["yaml", "json"], { error: 'Expected format "yaml" or "json".' });

const MAX_CONFIG_TEXT = 256 * 1024;
export const ConfigText = z
  .string({ error: "Expected the config as text (YAML or JSON)." })
  .min(1, "The config is empty.")
  .max(MAX_CONFIG_TEXT, "A config is at most 256 KiB.");

/** Why a change is proposed: the reviewer reads it before the diff, so a word or two is not enough. */
export const Rationale = z
  .string({ error: "Say why: a rationale of at least 10 characters." })
  .trim()
  .min(10, "Say why in at least 10 characters: the reviewer and the audit log read it.")
  .max(2000, "Keep the rationale to 2,000 characters or fewer.");

export const VersionId = z.string({ error: "Say which version." }).min(1, "Say which version.").max(64, "That is not a version id.");

export const SaveDraftInput = z.object({
  text: ConfigText,
  format: ConfigFormat.default("yaml"),
  fromVersionId: VersionId.optional(),
});
export type SaveDraftInput = z.input<typeof SaveDraftInput>;

export const ReviewInput = z
  .object({
    decision: z.enum(["approve", "reject"], { error: 'Expected decision "approve" or "reject".' }),
    comment: z.string().trim().max(2000, "Keep the comment to 2,000 characters or fewer.").default(""),
    activateAt: z.date({ error: "Expected activateAt as a date and time." }).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.decision === "reject" && r.comment.length === 0) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "Say why it is rejected: the author reads the comment." });
    }
    if (r.decision === "reject" && r.activateAt !== undefined) {
      ctx.addIssue({ code: "custom", path: ["activateAt"], message: "Only an approval has an activation time." });
    }
  });
export type ReviewInput = z.input<typeof ReviewInput>;

export const MAX_BACKTEST_DAYS = 30;
export const BacktestInput = z
  .object({
    versionId: VersionId.optional(),
    text: ConfigText.optional(),
    format: ConfigFormat.default("yaml"),
    days: z.number({ error: "Expected days as a number." }).int("days is a whole number.")
      .min(1, "Backtest at least 1 day.").max(MAX_BACKTEST_DAYS, `Backtest at most ${MAX_BACKTEST_DAYS} days.`).default(7),
  })
  .refine((b) => (b.versionId === undefined) !== (b.text === undefined), { error: "Give either a version id or a config text to backtest." });
export type BacktestInput = z.input<typeof BacktestInput>;

/** POST /api/services/{slug}/config/proposals */
export const ProposalBody = z.object({
  config: ConfigText,
  format: ConfigFormat.default("yaml"),
  rationale: Rationale,
});
export type ProposalBody = z.input<typeof ProposalBody>;

export const AuditQuery = z.object({
  actor: z.string().trim().min(1).max(200).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  targetType: z.string().trim().min(1).max(100).optional(),
  targetId: z.string().trim().min(1).max(200).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  page: z.number().int("page is a whole number.").min(1, "Pages start at 1.").max(100_000).default(1),
});
export type AuditQuery = z.input<typeof AuditQuery>;
