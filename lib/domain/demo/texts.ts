import type { Random } from "./random.ts";

// Short templated prompt/response texts. They only need to look plausible in the event explorer and give
// the response-length histogram something to count; `{t}` is replaced by a topic.

interface TextTemplates {
  topics: readonly string[];
  prompts: readonly string[];
  responses: readonly string[];
}

export const MAX_TEXT_LENGTH = 200;

const GENERIC: TextTemplates = {
  topics: ["the request", "this task", "the document"],
  prompts: ["Please help with {t}.", "Can you look at {t}?", "I need an answer about {t}."],
  responses: ["Here is what I found about {t}.", "Summary of {t}: see the points below.", "Done: {t} is handled."],
};

const TEXTS: Readonly<Record<string, TextTemplates>> = {
  "customer-support-chatbot": {
    topics: ["order #48213", "a refund", "my invoice", "a damaged parcel", "my password", "a late delivery"],
    prompts: ["Hi, what is the status of {t}?", "I have a problem with {t}, can you help?", "How do I sort out {t}?"],
    responses: [
      "Thanks for reaching out! I checked {t} and it is on its way; you'll get an email update within 24 hours.",
      "Sorry about {t}. I've opened a case and an agent will follow up today.",
      "Here is how to resolve {t}: open Account > Orders and choose 'Get help'.",
    ],
  },
  "legal-rag-assistant": {
    topics: ["limitation of liability", "termination for convenience", "data transfer clauses", "non-compete scope"],
    prompts: ["Summarise our standard position on {t}.", "Which contracts deviate on {t}?", "Is {t} enforceable in Germany?"],
    responses: [
      "Our standard position on {t} is set out in the MSA template §12 [CTR-0412]; two deviations are noted.",
      "Three agreements deviate on {t} [CTR-1180, CTR-2231, CTR-0907]; see the cited clauses.",
      "On {t}: under current case law, generally enforceable if narrowly drafted [CTR-3312].",
    ],
  },
  "marketing-copy-generator": {
    topics: ["the spring sale", "our new running shoe", "the loyalty programme", "free shipping week"],
    prompts: ["Write a short LinkedIn post about {t}.", "Give me three ad headlines for {t}.", "Draft a newsletter intro on {t}."],
    responses: [
      "Big news: {t} is here! Discover more and save today.",
      "1) Meet {t}. 2) Made for every mile. 3) Yours from today.",
      "This month we're excited to share {t} with you.",
    ],
  },
  "financial-doc-extraction": {
    topics: ["invoice INV-20931", "a bank statement", "a VAT receipt", "a supplier credit note"],
    prompts: ["Extract line items and totals from {t}.", "Return counterparty and IBAN for {t}.", "Parse {t} to JSON."],
    responses: ['{"doc":"{t}","total":1284.5,"currency":"EUR","lines":4}', '{"doc":"{t}","counterparty":"ACME GmbH"}'],
  },
  "internal-faq-bot": {
    topics: ["VPN access", "booking a meeting room", "travel expenses", "a new laptop", "the Wi-Fi password"],
    prompts: ["How do I get {t}?", "Who do I contact about {t}?", "What's the policy on {t}?"],
    responses: [
      "For {t}, open the IT portal and pick the matching request form [KB-0042].",
      "The facilities team handles {t}; see the intranet page [KB-0310].",
      "Policy on {t}: approval from your manager is required [KB-0877].",
    ],
  },
  "sales-email-assistant": {
    topics: ["the renewal", "our last demo", "the pricing proposal", "the Q3 roadmap"],
    prompts: ["Draft a follow-up about {t} for Dana at Northwind.", "Write a short cold email mentioning {t}."],
    responses: [
      "Hi Dana, thanks again for your time. Following up on {t}: happy to set up a call next week.",
      "Hello, I noticed your team is growing; {t} might be a good fit. Open to a 15-minute chat?",
    ],
  },
  "code-review-helper": {
    topics: ["the retry loop", "null handling in the parser", "the new SQL query", "missing tests"],
    prompts: ["Review this diff, focusing on {t}.", "Any bugs around {t}?"],
    responses: [
      "Possible issue in {t}: the error path is not covered. Suggest adding a test.",
      "Looks good overall; {t} could leak a connection on failure.",
    ],
  },
  "claims-triage-agent": {
    topics: ["a windscreen claim", "water damage in a kitchen", "a hospital invoice", "a rear-end collision"],
    prompts: ["Triage {t} and pick a queue.", "Classify urgency and coverage for {t}."],
    responses: ["Queue: standard. Urgency: low. {t} is covered under the basic policy.", "Queue: priority. Urgency: high for {t}."],
  },
  "hr-policy-bot": {
    topics: ["parental leave", "sick days", "the pension plan", "remote work abroad"],
    prompts: ["How much {t} am I entitled to?", "What's the process for {t}?"],
    responses: ["According to the handbook, {t} is covered in section 4 [HR-0103].", "For {t}, submit the form in the HR portal [HR-0220]."],
  },
  "product-search-assistant": {
    topics: ["waterproof hiking boots under 150", "a quiet dishwasher", "kids' bikes", "a 4K monitor"],
    prompts: ["Show me {t}.", "Compare the best options for {t}.", "Recommend {t}."],
    responses: ["Found 24 results for {t}; top pick has 4.7 stars.", "Here are three options for {t}, sorted by rating."],
  },
};

function fill(template: string, topic: string): string {
  const text = template.replaceAll("{t}", topic);
  return text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text;
}

export function sampleTexts(slug: string, rng: Random): { prompt: string; response: string } {
  const t = TEXTS[slug] ?? GENERIC;
  const topic = rng.pick(t.topics);
  return { prompt: fill(rng.pick(t.prompts), topic), response: fill(rng.pick(t.responses), topic) };
}
