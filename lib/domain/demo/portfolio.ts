import type { DemoServiceSpec, Weights } from "./types.ts";

// The demo portfolio: ten services a mid-sized company could plausibly run. Traffic rates are weekly means
// chosen so the whole portfolio writes ~330k events over 14 days (Σ perMinute ≈ 16.3 events/min).

const OWNER = "owner@vitals.local";
const ADMIN = "admin@vitals.local";

export const BUSINESS_UNITS = [
  "Customer Experience",
  "Legal & Compliance",
  "Marketing",
  "Finance",
  "Sales",
  "Internal Tools",
] as const;

const GLOBAL_REGIONS: Weights = { "us-east": 50, "eu-west": 35, "ap-south": 15 };
const EU_HEAVY_REGIONS: Weights = { "us-east": 30, "eu-west": 60, "ap-south": 10 };
// Internal tools are asked by every unit; the asking unit is the segment that matters for chargeback.
const ALL_UNITS: Weights = {
  "Customer Experience": 30, "Legal & Compliance": 8, Marketing: 12, Finance: 15, Sales: 20, "Internal Tools": 15,
};
const CUSTOMERS: Weights = { free: 55, pro: 33, enterprise: 12 };
const STAFF: Weights = { pro: 25, enterprise: 75 };

export const DEMO_SERVICES: readonly DemoServiceSpec[] = [
  {
    slug: "customer-support-chatbot", name: "Customer Support Chatbot",
    description: "Answers customer questions about orders, billing and returns on the website and mobile app, handing off to agents when unsure.",
    businessUnit: "Customer Experience", riskTier: "high", storePrompts: true, owners: [OWNER], configTemplate: "support-chatbot",
    traffic: { perMinute: 3.0, nightFactor: 0.35, weekendFactor: 0.7 },
    // Anthropic carries ~45 % of traffic, so its latency incident dominates the service's score.
    models: { "claude-sonnet-4": 30, "claude-haiku-4": 15, "gpt-4o": 25, "gpt-4o-mini": 20, "gemini-2.5-flash": 10 },
    variants: { "prompt-v3": 90, "prompt-v4": 10 },
    tokens: { inputMedian: 900, outputMedian: 160, sigma: 0.45 }, errorRate: 0.01,
    evals: { relevance: 0.87, hallucination: 0.04, toxicity: 0.01 },
    feedback: { thumbsRate: 0.18, csatRate: 0.05 }, outcome: { name: "ticket_resolved", rate: 0.72 },
    segments: {
      userSegments: CUSTOMERS, regions: GLOBAL_REGIONS,
      workflows: { order_status: 30, billing: 20, returns: 20, technical_issue: 20, account: 10 },
    },
    attributes: { language: { en: 70, es: 12, de: 10, fr: 8 }, channel: { web: 55, mobile: 35, email: 10 } },
    embeddingDim: 8,
  },
  {
    slug: "legal-rag-assistant", name: "Legal Research Assistant",
    description: "Retrieves clauses and precedents from the contract repository and drafts cited answers for the legal team.",
    businessUnit: "Legal & Compliance", riskTier: "critical", storePrompts: true, owners: [OWNER], configTemplate: "legal-rag",
    traffic: { perMinute: 1.2, nightFactor: 0.15, weekendFactor: 0.25 },
    models: { "claude-sonnet-4": 50, "gpt-4o": 35, "gemini-2.5-pro": 15 },
    variants: { "prompt-v7": 100 },
    tokens: { inputMedian: 4200, outputMedian: 380, sigma: 0.35 }, errorRate: 0.008,
    evals: { relevance: 0.86, faithfulness: 0.9, hallucination: 0.03 },
    feedback: { thumbsRate: 0.25, csatRate: 0.06 }, outcome: { name: "answer_accepted", rate: 0.8 },
    retrieval: { precision: 0.78, docPrefix: "CTR", corpusSize: 4000 },
    segments: {
      userSegments: STAFF, regions: EU_HEAVY_REGIONS,
      workflows: { contract_review: 40, precedent_search: 30, regulatory_qa: 30 },
    },
    attributes: { language: { en: 85, de: 10, fr: 5 }, doc_type: { nda: 30, msa: 25, dpa: 20, employment: 15, lease: 10 } },
    numericAttributes: { context_chunks: { median: 6, sigma: 0.3 } },
    embeddingDim: 8,
  },
  {
    slug: "marketing-copy-generator", name: "Marketing Copy Generator",
    description: "Drafts ad copy, product blurbs and social posts in the brand voice for the marketing team.",
    businessUnit: "Marketing", riskTier: "low", storePrompts: true, owners: [ADMIN], configTemplate: "marketing-copy",
    traffic: { perMinute: 1.5, nightFactor: 0.2, weekendFactor: 0.35 },
    models: { "gpt-4o": 45, "claude-sonnet-4": 20, "gemini-2.5-flash": 20, "mistral-large": 15 },
    variants: { "prompt-v12": 70, "prompt-v13": 30 },
    // Output-heavy on purpose: the cost blow-up multiplies output tokens, which then dominate the bill.
    tokens: { inputMedian: 250, outputMedian: 300, sigma: 0.4 }, errorRate: 0.012,
    evals: { relevance: 0.84, toxicity: 0.02, brand_voice: 0.8 },
    feedback: { thumbsRate: 0.3, csatRate: 0.03 }, outcome: { name: "copy_published", rate: 0.45 },
    segments: {
      userSegments: STAFF, regions: GLOBAL_REGIONS,
      workflows: { ad_copy: 35, social_post: 30, product_blurb: 25, newsletter: 10 },
    },
    attributes: {
      language: { en: 60, de: 15, fr: 15, es: 10 },
      channel: { linkedin: 30, instagram: 25, google_ads: 25, email: 20 },
    },
    embeddingDim: 8,
  },
  {
    slug: "financial-doc-extraction", name: "Financial Document Extraction",
    description: "Extracts line items, totals and counterparties from invoices and statements into the ledger pipeline.",
    businessUnit: "Finance", riskTier: "critical", storePrompts: false, owners: [ADMIN], configTemplate: "financial-pipeline",
    // Batch jobs run overnight too, so the night share is high.
    traffic: { perMinute: 2.0, nightFactor: 0.45, weekendFactor: 0.6 },
    models: { "gpt-4o": 40, "gemini-2.5-pro": 30, "claude-sonnet-4": 20, "gpt-4o-mini": 10 },
    variants: { "prompt-v5": 100 },
    tokens: { inputMedian: 5500, outputMedian: 420, sigma: 0.4 }, errorRate: 0.015,
    evals: { field_accuracy: 0.93, faithfulness: 0.95, pii_leak: 0.002 },
    feedback: { thumbsRate: 0.05, csatRate: 0.01 }, outcome: { name: "extraction_correct", rate: 0.91 },
    segments: {
      userSegments: { enterprise: 100 }, regions: EU_HEAVY_REGIONS,
      workflows: { invoice: 50, bank_statement: 25, receipt: 15, tax_form: 10 },
    },
    attributes: { language: { en: 70, de: 20, fr: 10 }, source: { pdf: 55, scan: 35, email: 10 } },
    numericAttributes: { pages: { median: 3, sigma: 0.6 } },
    embeddingDim: 8,
  },
  {
    slug: "internal-faq-bot", name: "Internal FAQ Bot",
    description: "Answers employee questions about IT, travel and office logistics from the intranet knowledge base.",
    businessUnit: "Internal Tools", riskTier: "low", storePrompts: true, owners: [OWNER], configTemplate: "generic",
    traffic: { perMinute: 1.5, nightFactor: 0.1, weekendFactor: 0.2 },
    models: { "gpt-4o-mini": 50, "gemini-2.5-flash": 30, "mistral-small": 20 },
    variants: { "prompt-v2": 100 },
    tokens: { inputMedian: 1500, outputMedian: 140, sigma: 0.4 }, errorRate: 0.01,
    evals: { relevance: 0.82, hallucination: 0.05 },
    feedback: { thumbsRate: 0.2, csatRate: 0.02 }, outcome: { name: "ticket_deflected", rate: 0.75 },
    retrieval: { precision: 0.72, docPrefix: "KB", corpusSize: 1200 },
    segments: {
      userSegments: STAFF, customerUnits: ALL_UNITS, regions: GLOBAL_REGIONS,
      workflows: { it_support: 40, travel: 20, facilities: 20, benefits: 20 },
    },
    attributes: { language: { en: 85, de: 10, fr: 5 }, channel: { slack: 70, web: 30 } },
    embeddingDim: 8,
  },
  {
    slug: "sales-email-assistant", name: "Sales Email Assistant",
    description: "Personalises outreach and follow-up emails from CRM notes for account executives.",
    businessUnit: "Sales", riskTier: "medium", storePrompts: true, owners: [ADMIN], configTemplate: "marketing-copy",
    traffic: { perMinute: 1.2, nightFactor: 0.15, weekendFactor: 0.2 },
    models: { "gpt-4o": 50, "claude-haiku-4": 30, "mistral-large": 20 },
    variants: { "prompt-v4": 100 },
    tokens: { inputMedian: 700, outputMedian: 220, sigma: 0.4 }, errorRate: 0.01,
    evals: { relevance: 0.85, toxicity: 0.01, personalization: 0.78 },
    feedback: { thumbsRate: 0.25, csatRate: 0.02 }, outcome: { name: "email_sent", rate: 0.6 },
    segments: {
      userSegments: STAFF, regions: GLOBAL_REGIONS,
      workflows: { cold_outreach: 40, follow_up: 40, renewal: 20 },
    },
    attributes: {
      language: { en: 75, de: 10, fr: 10, es: 5 },
      crm_stage: { prospect: 40, qualified: 30, negotiation: 20, renewal: 10 },
    },
    embeddingDim: 8,
  },
  {
    slug: "code-review-helper", name: "Code Review Helper",
    description: "Comments on pull requests with likely bugs, missing tests and style issues before human review.",
    businessUnit: "Internal Tools", riskTier: "medium", storePrompts: true, owners: [OWNER], configTemplate: "generic",
    traffic: { perMinute: 1.8, nightFactor: 0.1, weekendFactor: 0.15 },
    models: { "claude-sonnet-4": 55, "gpt-4o": 30, "gemini-2.5-pro": 15 },
    variants: { "prompt-v9": 100 },
    tokens: { inputMedian: 3000, outputMedian: 450, sigma: 0.5 }, errorRate: 0.012,
    evals: { relevance: 0.8, correctness: 0.78 },
    feedback: { thumbsRate: 0.35, csatRate: 0 }, outcome: { name: "suggestion_applied", rate: 0.4 },
    segments: {
      userSegments: STAFF, regions: GLOBAL_REGIONS,
      workflows: { pr_review: 70, security_scan: 15, test_suggestion: 15 },
    },
    attributes: { repo_language: { typescript: 40, python: 35, go: 15, java: 10 } },
    numericAttributes: { diff_lines: { median: 120, sigma: 0.9 } },
    embeddingDim: 8,
  },
  {
    slug: "claims-triage-agent", name: "Claims Triage Agent",
    description: "Classifies incoming insurance claims by urgency and coverage and routes them to the right adjuster queue.",
    businessUnit: "Finance", riskTier: "high", storePrompts: false, owners: [OWNER], configTemplate: "generic",
    traffic: { perMinute: 1.1, nightFactor: 0.3, weekendFactor: 0.5 },
    models: { "gpt-4o": 40, "claude-sonnet-4": 35, "mistral-large": 25 },
    variants: { "prompt-v3": 100 },
    tokens: { inputMedian: 2200, outputMedian: 120, sigma: 0.35 }, errorRate: 0.01,
    evals: { relevance: 0.88, routing_accuracy: 0.9, pii_leak: 0.003 },
    feedback: { thumbsRate: 0.08, csatRate: 0 }, outcome: { name: "routed_correctly", rate: 0.88 },
    segments: {
      userSegments: CUSTOMERS, regions: { "us-east": 70, "eu-west": 20, "ap-south": 10 },
      workflows: { auto: 45, property: 35, health: 20 },
    },
    attributes: { language: { en: 80, es: 20 }, urgency: { low: 50, medium: 35, high: 15 } },
    embeddingDim: 8,
  },
  {
    slug: "hr-policy-bot", name: "HR Policy Bot",
    description: "Answers confidential questions about leave, benefits and HR policies from the employee handbook.",
    businessUnit: "Internal Tools", riskTier: "medium", storePrompts: false, owners: [ADMIN], configTemplate: "generic",
    traffic: { perMinute: 0.8, nightFactor: 0.1, weekendFactor: 0.15 },
    models: { "gpt-4o-mini": 60, "claude-haiku-4": 40 },
    variants: { "prompt-v5": 100 },
    tokens: { inputMedian: 1800, outputMedian: 170, sigma: 0.35 }, errorRate: 0.008,
    evals: { relevance: 0.85, hallucination: 0.03, faithfulness: 0.9 },
    feedback: { thumbsRate: 0.15, csatRate: 0.03 }, outcome: { name: "resolved_without_hr", rate: 0.82 },
    retrieval: { precision: 0.8, docPrefix: "HR", corpusSize: 300 },
    segments: {
      userSegments: STAFF, customerUnits: ALL_UNITS, regions: GLOBAL_REGIONS,
      workflows: { leave: 35, benefits: 30, payroll: 20, conduct: 15 },
    },
    attributes: { language: { en: 80, de: 12, fr: 8 }, channel: { slack: 60, web: 40 } },
    embeddingDim: 8,
  },
  {
    slug: "product-search-assistant", name: "Product Search Assistant",
    description: "Turns shoppers' natural-language queries into filtered product searches and short recommendations.",
    businessUnit: "Customer Experience", riskTier: "medium", storePrompts: true, owners: [ADMIN], configTemplate: "generic",
    traffic: { perMinute: 2.2, nightFactor: 0.3, weekendFactor: 0.9 },
    models: { "gemini-2.5-flash": 45, "gpt-4o-mini": 35, "claude-haiku-4": 20 },
    variants: { "prompt-v6": 80, "prompt-v7": 20 },
    tokens: { inputMedian: 600, outputMedian: 90, sigma: 0.4 }, errorRate: 0.01,
    evals: { relevance: 0.83, toxicity: 0.005 },
    feedback: { thumbsRate: 0.08, csatRate: 0.01 }, outcome: { name: "added_to_cart", rate: 0.22 },
    segments: {
      userSegments: { free: 80, pro: 15, enterprise: 5 }, regions: GLOBAL_REGIONS,
      workflows: { search: 60, compare: 25, recommend: 15 },
    },
    attributes: { language: { en: 60, de: 15, fr: 10, es: 15 }, channel: { web: 50, mobile: 50 } },
    embeddingDim: 8,
  },
];

export function findDemoService(slug: string): DemoServiceSpec | undefined {
  return DEMO_SERVICES.find((s) => s.slug === slug);
}
