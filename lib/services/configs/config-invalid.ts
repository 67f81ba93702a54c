import { AppError } from "@/lib/errors.ts";
import type { ScoreConfig } from "@/lib/domain/score/index.ts";
import { parseScoreConfig, type ConfigIssue, type ScoreConfigFormat } from "@/lib/schemas/score-config.ts";

/** A config text that does not validate: a 400 that carries each issue (path, line, message) for the editor. */
export class ConfigInvalidError extends AppError {
  constructor(readonly issues: ConfigIssue[]) {
    super("BAD_REQUEST", 400, `The config is not valid: ${issues.length} problem${issues.length === 1 ? "" : "s"}.`);
  }
}

/**
 * Parses a proposed config for `slug`. The config names its service, and a config for another service would
 * score this one with someone else's rules, so a mismatch is an issue on `service` like any other.
 */
export function parseConfigFor(slug: string, text: string, format: ScoreConfigFormat): ScoreConfig {
  const parsed = parseScoreConfig(text, format);
  if (!parsed.ok) throw new ConfigInvalidError(parsed.errors);
  if (parsed.config.service !== slug) {
    throw new ConfigInvalidError([{ path: "service", message: `This config is for "${parsed.config.service}", not for "${slug}".` }]);
  }
  return parsed.config;
}
