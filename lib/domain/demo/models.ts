// Provider/model catalogue for the demo. Prices are list prices per token (USD per 1M tokens / 1e6) as
// published in 2025, so cost.per_request and the vendor pages show believable magnitudes.

export interface DemoModel {
  provider: string;
  model: string;
  /** USD per input token. */
  inputPrice: number;
  /** USD per output token. */
  outputPrice: number;
  /** Median time to first token, ms. */
  ttftMedianMs: number;
  /** Median decoding speed, output tokens per second. */
  tokensPerSecond: number;
  /** Added to relevance-like evals: small models answer a little worse. */
  qualityDelta: number;
}

const perMillion = (usd: number): number => usd / 1_000_000;

function model(
  provider: string,
  name: string,
  inputPerM: number,
  outputPerM: number,
  ttftMedianMs: number,
  tokensPerSecond: number,
  qualityDelta: number,
): DemoModel {
  return {
    provider,
    model: name,
    inputPrice: perMillion(inputPerM),
    outputPrice: perMillion(outputPerM),
    ttftMedianMs,
    tokensPerSecond,
    qualityDelta,
  };
}

export const DEMO_MODELS = {
  "gpt-4o": model("openai", "gpt-4o", 2.5, 10, 450, 85, 0),
  "gpt-4o-mini": model("openai", "gpt-4o-mini", 0.15, 0.6, 300, 120, -0.04),
  "claude-sonnet-4": model("anthropic", "claude-sonnet-4", 3, 15, 600, 65, 0.01),
  "claude-haiku-4": model("anthropic", "claude-haiku-4", 1, 5, 350, 130, -0.03),
  "gemini-2.5-pro": model("google", "gemini-2.5-pro", 1.25, 10, 900, 95, 0.01),
  "gemini-2.5-flash": model("google", "gemini-2.5-flash", 0.3, 2.5, 350, 180, -0.03),
  "mistral-large": model("mistral", "mistral-large", 2, 6, 500, 60, -0.02),
  "mistral-small": model("mistral", "mistral-small", 0.1, 0.3, 250, 150, -0.06),
} as const satisfies Record<string, DemoModel>;

export type DemoModelName = keyof typeof DEMO_MODELS;

/** Cost of one call: failed calls are not billed by the providers modelled here. */
export function costUsd(m: DemoModel, inputTokens: number, outputTokens: number): number {
  return inputTokens * m.inputPrice + outputTokens * m.outputPrice;
}
