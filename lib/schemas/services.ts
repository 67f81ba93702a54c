import { z } from "zod";
import { SCORE_TEMPLATE_IDS } from "@/lib/domain/score/templates.ts";

// Services as admins create and edit them (Settings → Services). The slug is the service's key in events, API
// keys, configs and URLs, so it is chosen once and never edited.

export const RISK_TIERS = ["low", "medium", "high", "critical"] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export const ServiceSlug = z
  .string({ error: "Give the service a slug." })
  .trim()
  .min(1, "Give the service a slug, e.g. support-chatbot.")
  .max(63, "Keep the slug to 63 characters or fewer.")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes, e.g. support-chatbot (events name the service by it).");

const ServiceFields = z.object({
  name: z.string({ error: "Give the service a name." }).trim().min(1, "Give the service a name, e.g. Support chatbot.").max(80, "Keep the name to 80 characters or fewer."),
  description: z.string().trim().max(500, "Keep the description to 500 characters or fewer.").default(""),
  businessUnit: z
    .string({ error: "Say which business unit runs the service." })
    .trim()
    .min(1, "Say which business unit runs the service, e.g. support; reports roll up by it.")
    .max(60, "Keep the business unit to 60 characters or fewer."),
  riskTier: z.enum(RISK_TIERS, { error: `Choose a risk tier: ${RISK_TIERS.join(", ")}.` }),
  storePrompts: z.boolean({ error: "Say whether prompts and responses are stored (true or false)." }),
  ownerIds: z
    .array(z.string().min(1, "An owner id is required."), { error: "Expected a list of owner ids." })
    .max(50, "Choose at most 50 owners.")
    .transform((ids) => [...new Set(ids)]),
});

export const CreateServiceInput = ServiceFields.extend({
  slug: ServiceSlug,
  template: z.enum(SCORE_TEMPLATE_IDS, { error: `Choose a score template: ${SCORE_TEMPLATE_IDS.join(", ")}.` }),
});
export type CreateServiceInput = z.input<typeof CreateServiceInput>;

/** Everything but the slug (which names the service to edit) and the template (configs change by review). */
export const UpdateServiceInput = ServiceFields.extend({ slug: ServiceSlug });
export type UpdateServiceInput = z.input<typeof UpdateServiceInput>;
