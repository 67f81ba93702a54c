import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/services/api-keys/create-api-key.ts";
import { seedGovernance, type Governance } from "@/lib/services/configs/governance-fixtures.ts";
import { proposeVersion } from "@/lib/services/configs/propose-version.ts";
import { reviewVersion } from "@/lib/services/configs/review-version.ts";
import { saveDraft } from "@/lib/services/configs/save-draft.ts";
import { startCaptureServer, type CaptureServer } from "@/lib/testing/capture-server.ts";
import { jsonRequest } from "@/lib/testing/route.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import type { Role } from "./permissions.ts";

// Every mutating route handler and server action × every role and the signed-out: each role gets exactly what
// DESIGN.md §8 grants; everyone else gets a 401/403 (a refusal) — never a success, never a 500. To cover a new
// route or action, add one row to ROWS: who may, and how to call it once as a given caller.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth.ts", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId } } : null),
  signOut: async () => undefined,
  signIn: async () => undefined,
}));
// Outside a Next request there is no cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
// forbidden() as `next build` enables it (next.config experimental.authInterrupts).
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "1";

type Caller = Role | null;
/** ok: it did it · unauthenticated: 401 / redirect to sign-in · forbidden: 403 / forbidden() / 404 · refused: an action's { ok: false } */
type Outcome = "ok" | "unauthenticated" | "forbidden" | "refused" | `error: ${string}`;

interface Row {
  name: string;
  /** Roles §8 lets do it (on the fixtures: the owner owns "chat"). */
  allowed: readonly Role[];
  /** What a signed-out caller gets (default unauthenticated). */
  signedOut?: Outcome;
  run: (caller: Caller) => Promise<Outcome>;
}

const ROLES_UNDER_TEST: readonly Role[] = ["viewer", "engineer", "owner", "approver", "admin"];
let t: TestDatabase;
let g: Governance;
const now = new Date();
let v1Id = "";
let capture: CaptureServer;

function statusOutcome(status: number): Outcome {
  if (status >= 200 && status < 300) return "ok";
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  return `error: HTTP ${status}`;
}

/** Runs a server action and reads what the caller got: its result, a redirect to sign-in, or forbidden(). */
async function action(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = (await call()) as { ok?: boolean } | undefined;
    return result && result.ok === false ? "refused" : "ok";
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT") && digest.includes("/signin")) return "unauthenticated";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return "forbidden";
    return `error: ${(error as Error).message}`;
  }
}

function as(caller: Caller): void {
  session.userId = caller ? g.users[caller].id : null;
}

const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
  return f;
};
const params = (slug: string) => ({ params: Promise.resolve({ slug }) });
const WHY = "matrix test: a change with a reason";

/** A fresh pending proposal by the chat owner, for actions that decide one. */
async function ownersPending(): Promise<string> {
  const draft = await saveDraft(g.at("owner"), "chat", { text: g.yaml("chat", (c) => (c.thresholds.warning = 81)), format: "yaml" });
  return (await proposeVersion(g.at("owner"), draft.id, WHY)).id;
}

/** A firing alert of chat, optionally with an applied mitigation to decide. */
async function firingAlert(withMitigation = false): Promise<string> {
  const mitigation = { channel: "ops-actions", action: "shift_traffic", params: { percent: 50 }, state: "applied", proposedAt: now.toISOString(), appliedAt: now.toISOString() };
  const row = await t.db.alert.create({
    data: {
      serviceId: g.services.chat.id, severity: "critical", state: "firing", alertKey: "chat:critical", pendingSince: now, firingSince: now,
      mitigation: withMitigation ? JSON.stringify(mitigation) : null,
    },
  });
  return row.id;
}

/** A webhook channel (at the capture server, which answers 200), enabled or not. */
async function channelRow(enabled = true): Promise<string> {
  const config = JSON.stringify({ url: `${capture.base}/hook`, secret: "0123456789abcdef0123" });
  return (await t.db.channel.create({ data: { name: `ch-${crypto.randomUUID().slice(0, 8)}`, kind: "webhook", config, enabled } })).id;
}

async function freshUser(): Promise<string> {
  const row = await t.db.user.create({ data: { email: `target-${crypto.randomUUID()}@gov.test`, name: "target", role: "engineer", passwordHash: "x" } });
  return row.id;
}

/** Settings → Services form fields for `slug`, owned by the fixtures' owner. */
const serviceFields = (slug: string) => ({ slug, name: slug, description: "", businessUnit: "bu", riskTier: "medium", storePrompts: "on", ownerIds: g.users.owner.id });

/** A key-authenticated ingest route called with the session only: sessions never ingest. */
const keyOnlyRoute = (name: string, path: string, load: () => Promise<{ POST: (req: Request) => Promise<Response> }>): Row => ({
  name: `${name} (session, no key)`,
  allowed: [],
  run: async () => statusOutcome((await (await load()).POST(jsonRequest(path, { body: {} }))).status),
});

const ROWS: Row[] = [
  keyOnlyRoute("POST /api/ingest", "/api/ingest", () => import("@/app/api/ingest/route.ts")),
  keyOnlyRoute("POST /api/feedback", "/api/feedback", () => import("@/app/api/feedback/route.ts")),
  keyOnlyRoute("POST /api/otlp/v1/traces", "/api/otlp/v1/traces", () => import("@/app/api/otlp/v1/traces/route.ts")),
  {
    name: "POST /api/services/{slug}/config/proposals (session)",
    allowed: ["owner", "admin"],
    run: async () => {
      const { POST } = await import("@/app/api/services/[slug]/config/proposals/route.ts");
      const body = { config: g.yaml("chat", (c) => (c.thresholds.warning = 82)), format: "yaml", rationale: WHY };
      return statusOutcome((await POST(jsonRequest("/api/services/chat/config/proposals", { body }), params("chat"))).status);
    },
  },
  {
    name: "settings/api-keys createApiKeyAction",
    allowed: ["owner", "admin"],
    run: async () => {
      const { createApiKeyAction } = await import("@/app/(dashboard)/settings/api-keys/actions.ts");
      return action(() => createApiKeyAction(form({ name: "matrix", service: "chat", scopes: ["read"] })));
    },
  },
  {
    name: "settings/api-keys revokeApiKeyAction",
    allowed: ["owner", "admin"],
    run: async () => {
      const { revokeApiKeyAction } = await import("@/app/(dashboard)/settings/api-keys/actions.ts");
      const { record } = await createApiKey(g.at("owner"), { name: "to revoke", service: "chat", scopes: ["read"] });
      return action(() => revokeApiKeyAction({ ok: true }, form({ id: record.id })));
    },
  },
  {
    name: "settings/users setUserRoleAction",
    allowed: ["admin"],
    run: async () => {
      const { setUserRoleAction } = await import("@/app/(dashboard)/settings/users/actions.ts");
      const userId = await freshUser();
      return action(() => setUserRoleAction({ ok: true }, form({ userId, role: "viewer" })));
    },
  },
  {
    name: "settings/users setUserDisabledAction",
    allowed: ["admin"],
    run: async () => {
      const { setUserDisabledAction } = await import("@/app/(dashboard)/settings/users/actions.ts");
      const userId = await freshUser();
      return action(() => setUserDisabledAction({ ok: true }, form({ userId, disabled: "true" })));
    },
  },
  {
    name: "settings/users createUserAction",
    allowed: ["admin"],
    run: async () => {
      const { createUserAction } = await import("@/app/(dashboard)/settings/users/actions.ts");
      const fields = { email: `new-${crypto.randomUUID().slice(0, 8)}@gov.test`, name: "new person", role: "viewer", password: "a long initial password" };
      return action(() => createUserAction({ ok: true }, form(fields)));
    },
  },
  {
    name: "settings/services createServiceAction",
    allowed: ["admin"],
    run: async () => {
      const { createServiceAction } = await import("@/app/(dashboard)/settings/services/actions.ts");
      return action(() => createServiceAction({ ok: true }, form({ ...serviceFields(`new-${crypto.randomUUID().slice(0, 8)}`), template: "generic" })));
    },
  },
  {
    name: "settings/services updateServiceAction",
    allowed: ["admin"],
    run: async () => {
      const { updateServiceAction } = await import("@/app/(dashboard)/settings/services/actions.ts");
      const slug = `edit-${crypto.randomUUID().slice(0, 8)}`;
      await t.db.service.create({ data: { slug, name: slug, businessUnit: "bu", riskTier: "low" } });
      return action(() => updateServiceAction({ ok: true }, form({ ...serviceFields(slug), name: "renamed" })));
    },
  },
  {
    name: "(dashboard) signOutAction",
    allowed: ROLES_UNDER_TEST,
    signedOut: "ok",
    run: async () => {
      const { signOutAction } = await import("@/app/(dashboard)/actions.ts");
      return action(() => signOutAction());
    },
  },
  {
    name: "services/[slug]/config saveDraftAction",
    allowed: ["owner", "admin"],
    run: async () => {
      const { saveDraftAction } = await import("@/app/(dashboard)/services/[slug]/config/actions.ts");
      return action(() => saveDraftAction("chat", g.yaml("chat", (c) => (c.thresholds.warning = 83))));
    },
  },
  {
    name: "services/[slug]/config proposeTextAction",
    allowed: ["owner", "admin"],
    run: async () => {
      const { proposeTextAction } = await import("@/app/(dashboard)/services/[slug]/config/actions.ts");
      return action(() => proposeTextAction("chat", g.yaml("chat", (c) => (c.thresholds.warning = 84)), WHY));
    },
  },
  {
    // Only a draft's author proposes it; the owner's draft here.
    name: "services/[slug]/config proposeVersionAction (the owner's draft)",
    allowed: ["owner"],
    run: async (caller) => {
      const { proposeVersionAction } = await import("@/app/(dashboard)/services/[slug]/config/actions.ts");
      const draft = await saveDraft(g.at("owner"), "chat", { text: g.yaml("chat", (c) => (c.thresholds.warning = 85)), format: "yaml" });
      as(caller);
      return action(() => proposeVersionAction("chat", draft.id, WHY));
    },
  },
  {
    name: "services/[slug]/config reviewAction approve (the owner's proposal)",
    allowed: ["approver", "admin"],
    run: async (caller) => {
      const { reviewAction } = await import("@/app/(dashboard)/services/[slug]/config/actions.ts");
      const id = await ownersPending();
      as(caller);
      return action(() => reviewAction("chat", id, "approve", ""));
    },
  },
  {
    name: "services/[slug]/config reviewAction reject (the owner's proposal)",
    allowed: ["approver", "admin"],
    run: async (caller) => {
      const { reviewAction } = await import("@/app/(dashboard)/services/[slug]/config/actions.ts");
      const id = await ownersPending();
      as(caller);
      return action(() => reviewAction("chat", id, "reject", "not now"));
    },
  },
  {
    name: "services/[slug]/config withdrawAction (the owner's proposal)",
    allowed: ["owner", "admin"],
    run: async (caller) => {
      const { withdrawAction } = await import("@/app/(dashboard)/services/[slug]/config/actions.ts");
      const id = await ownersPending();
      as(caller);
      return action(() => withdrawAction("chat", id));
    },
  },
  {
    name: "services/[slug]/config rollbackAction",
    allowed: ["owner", "admin"],
    run: async () => {
      const { rollbackAction } = await import("@/app/(dashboard)/services/[slug]/config/actions.ts");
      return action(() => rollbackAction("chat", v1Id, WHY));
    },
  },
  ...(["acknowledge", "resolve"] as const).map((verb): Row => ({
    name: `POST /api/alerts/{id}/${verb}`,
    allowed: ["engineer", "owner", "approver", "admin"],
    run: async () => {
      const route = verb === "acknowledge" ? await import("@/app/api/alerts/[id]/acknowledge/route.ts") : await import("@/app/api/alerts/[id]/resolve/route.ts");
      const id = await firingAlert();
      return statusOutcome((await route.POST(jsonRequest(`/api/alerts/${id}/${verb}`, { body: {} }), { params: Promise.resolve({ id }) })).status);
    },
  })),
  {
    name: "POST /api/reports/snapshots (session)",
    allowed: ["admin"],
    run: async () => {
      const { POST } = await import("@/app/api/reports/snapshots/route.ts");
      return statusOutcome((await POST(jsonRequest("/api/reports/snapshots", { body: { period: "month", groupBy: "risk_tier" } }))).status);
    },
  },
  {
    name: "alerts acknowledgeAlertAction",
    allowed: ["engineer", "owner", "approver", "admin"],
    run: async () => {
      const { acknowledgeAlertAction } = await import("@/app/(dashboard)/alerts/actions.ts");
      const id = await firingAlert();
      return action(() => acknowledgeAlertAction(id));
    },
  },
  {
    name: "alerts resolveAlertAction",
    allowed: ["engineer", "owner", "approver", "admin"],
    run: async () => {
      const { resolveAlertAction } = await import("@/app/(dashboard)/alerts/actions.ts");
      const id = await firingAlert();
      return action(() => resolveAlertAction(id, "fixed upstream"));
    },
  },
  {
    name: "alerts decideMitigationAction (acknowledge)",
    allowed: ["engineer", "owner", "approver", "admin"],
    run: async () => {
      const { decideMitigationAction } = await import("@/app/(dashboard)/alerts/actions.ts");
      const id = await firingAlert(true);
      return action(() => decideMitigationAction(id, "acknowledge"));
    },
  },
  {
    name: "settings/channels saveChannelAction",
    allowed: ["admin"],
    run: async () => {
      const { saveChannelAction } = await import("@/app/(dashboard)/settings/channels/actions.ts");
      const fields = { name: `new-${crypto.randomUUID().slice(0, 8)}`, kind: "webhook", url: `${capture.base}/hook`, secret: "0123456789abcdef0123" };
      return action(() => saveChannelAction({ ok: true }, form(fields)));
    },
  },
  {
    name: "settings/channels deleteChannelAction",
    allowed: ["admin"],
    run: async () => {
      const { deleteChannelAction } = await import("@/app/(dashboard)/settings/channels/actions.ts");
      const id = await channelRow();
      return action(() => deleteChannelAction({ ok: true }, form({ id })));
    },
  },
  {
    name: "settings/channels setChannelEnabledAction (re-enable)",
    allowed: ["admin"],
    run: async () => {
      const { setChannelEnabledAction } = await import("@/app/(dashboard)/settings/channels/actions.ts");
      const id = await channelRow(false);
      return action(() => setChannelEnabledAction({ ok: true }, form({ id, enabled: "true" })));
    },
  },
  {
    name: "settings/channels sendTestChannelAction",
    allowed: ["admin"],
    run: async () => {
      const { sendTestChannelAction } = await import("@/app/(dashboard)/settings/channels/actions.ts");
      const id = await channelRow();
      return action(() => sendTestChannelAction({ ok: true }, form({ id })));
    },
  },
  {
    name: "settings/vendors setSlaTargetAction",
    allowed: ["admin"],
    run: async () => {
      const { setSlaTargetAction } = await import("@/app/(dashboard)/settings/vendors/actions.ts");
      return action(() => setSlaTargetAction({ ok: true }, form({ provider: `p-${crypto.randomUUID().slice(0, 8)}`, latencyP95Ms: "4000", maxErrorRatePercent: "5" })));
    },
  },
  {
    name: "settings/vendors removeSlaTargetAction",
    allowed: ["admin"],
    run: async () => {
      const { removeSlaTargetAction } = await import("@/app/(dashboard)/settings/vendors/actions.ts");
      const provider = `p-${crypto.randomUUID().slice(0, 8)}`;
      await t.db.providerSla.create({ data: { provider, latencyP95Ms: 4000, maxErrorRate: 0.05 } });
      return action(() => removeSlaTargetAction({ ok: true }, form({ provider })));
    },
  },
  // Server actions that only read are public endpoints too: each still checks its own permission.
  {
    name: "services/[slug]/config backtestTextAction (reads)",
    allowed: ROLES_UNDER_TEST,
    run: async () => {
      const { backtestTextAction } = await import("@/app/(dashboard)/services/[slug]/config/actions.ts");
      return action(() => backtestTextAction("chat", g.yaml("chat"), 1));
    },
  },
  {
    name: "settings/audit verifyAuditAction (reads)",
    allowed: ["approver", "admin"],
    run: async () => {
      const { verifyAuditAction } = await import("@/app/(dashboard)/settings/audit/actions.ts");
      return action(() => verifyAuditAction());
    },
  },
];

beforeAll(async () => {
  capture = await startCaptureServer();
  t = await createTestDatabase();
  g = await seedGovernance(t.db, now);
  // v1 superseded, so there is something to roll back to.
  v1Id = (await t.db.scoreConfigVersion.findFirstOrThrow({ where: { serviceId: g.services.chat.id, version: 1 } })).id;
  await reviewVersion(g.at("approver"), await ownersPending(), { decision: "approve", comment: "" });
});
afterAll(async () => {
  await capture?.close();
  await t?.drop();
});

describe(`who may mutate what (${process.env.VITALS_TEST_DB})`, () => {
  const cases = ROWS.flatMap((row) => [...ROLES_UNDER_TEST, null].map((caller) => [row.name, caller ?? "signed out", row, caller] as const));
  it.each(cases)("%s as %s", async (_name, _label, row, caller) => {
    as(caller);
    const outcome = await row.run(caller);
    if (caller === null) expect(outcome).toBe(row.signedOut ?? "unauthenticated");
    else if (row.allowed.includes(caller)) expect(outcome).toBe("ok");
    else expect(["forbidden", "refused", "unauthenticated"]).toContain(outcome);
  });

  it("holds key-authenticated routes to the key's scope", async () => {
    const read = await g.key("admin", "*", ["read"]);
    const propose = await g.key("admin", "*", ["propose"]);
    for (const [path, load] of [
      ["/api/ingest", () => import("@/app/api/ingest/route.ts")],
      ["/api/feedback", () => import("@/app/api/feedback/route.ts")],
    ] as const) {
      for (const key of [read, propose]) {
        const res = await (await load()).POST(jsonRequest(path, { body: { events: [] }, headers: { authorization: `Bearer ${key}` } }));
        expect(res.status, `${path} with a key lacking ingest`).toBe(403);
      }
    }
    const { POST } = await import("@/app/api/services/[slug]/config/proposals/route.ts");
    const body = { config: g.yaml("chat"), format: "yaml", rationale: WHY };
    const res = await POST(jsonRequest("/api/services/chat/config/proposals", { body, headers: { authorization: `Bearer ${read}` } }), params("chat"));
    expect(res.status).toBe(403);
  });
});
