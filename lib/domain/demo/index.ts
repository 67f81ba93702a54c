// Public surface of the demo generator: the seed, the `vitals simulate` command and tests import from here.
export * from "./incidents.ts";
export { costUsd, DEMO_MODELS, type DemoModel, type DemoModelName } from "./models.ts";
export { BUSINESS_UNITS, DEMO_SERVICES, findDemoService } from "./portfolio.ts";
export { createRandom, hashSeed, Random, WeightedTable, type SeedPart } from "./random.ts";
export {
  generateDemoEvents,
  generatePortfolioEvents,
  countPortfolioEvents,
  inBatches,
  type DemoWindowOptions,
  type GenerateDemoEventsOptions,
  type GeneratePortfolioOptions,
  type Instant,
} from "./telemetry.ts";
export { MAX_TEXT_LENGTH } from "./texts.ts";
export * from "./types.ts";
