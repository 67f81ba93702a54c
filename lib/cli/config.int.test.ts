import { createServer, type Server } from "node:http";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/services/[slug]/config/proposals/route.ts";
import { seedGovernance, type Governance } from "@/lib/services/configs/governance-fixtures.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { main } from "./main.ts";

// The CLI against a real database, and `config propose` against the real route handler behind a bare HTTP
// server (no Next build): what a CI job in a config repository runs.

let t: TestDatabase;
let g: Governance;
let dir: string;
let server: Server;
let url: string;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  try {
    return { code: await main(argv), out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

beforeAll(async () => {
  t = await createTestDatabase();
  g = await seedGovernance(t.db, new Date());
  dir = await mkdtemp(join(tmpdir(), "vitals-cli-"));
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const slug = /^\/api\/services\/([^/]+)\/config\/proposals$/.exec(req.url ?? "")?.[1] ?? "";
    const request = new Request(`http://localhost${req.url}`, { method: "POST", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
    const response = await POST(request, { params: Promise.resolve({ slug }) });
    res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(dir, { recursive: true, force: true });
  await t?.drop();
});

describe(`vitals config and vitals audit (${process.env.VITALS_TEST_DB})`, () => {
  it("validates: exit 0 'valid', or exit 1 with each problem as path (line N): message", async () => {
    expect(await run("config", "validate", await file("ok.yaml", g.yaml("chat")))).toMatchObject({ code: 0, out: "valid" });
    const bad = await run("config", "validate", await file("bad.yaml", "service: chat\ncomponents: []\nthresholds: { warning: 0.8, critical: 60 }\n"));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("components (line 2): Add at least one component.");
    expect(bad.err).toContain("thresholds.warning (line 3): thresholds.warning is on the 0–100 scale: did you mean 80?");
  });

  it("diffs a file against the active version", async () => {
    const same = await run("config", "diff", await file("same.yaml", g.yaml("chat")), "--service", "chat");
    expect(same).toMatchObject({ code: 0, out: "No changes against chat v1." });
    const changed = await run("config", "diff", await file("c.json", JSON.stringify({ service: "chat", components: [{ metric: "latency.p95", weight: 1, good: 1000, bad: 5000 }] })), "--service", "chat");
    expect(changed.code).toBe(0);
    expect(changed.out).toContain("- components.eval.relevance.mean:");
    expect(changed.out).toContain("~ components.latency.p95.weight: 20 → 1");
    expect(changed.out).toContain("~ components.latency.p95.bad: 20000 → 5000");
    expect((await run("config", "diff", await file("x.yaml", g.yaml("chat")))).code).toBe(2);
  });

  it("proposes over HTTP with a propose key and prints the version and status", async () => {
    const key = await g.key("owner", "chat", ["propose"]);
    const path = await file("p.yaml", g.yaml("chat", (c) => (c.thresholds.warning = 88)));
    const ok = await run("config", "propose", path, "--service", "chat", "--rationale", "warn a little earlier", "--url", url, "--key", key);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^Proposed chat v2: pending\./);
    const refused = await run("config", "propose", path, "--service", "rag", "--rationale", "warn a little earlier", "--url", url, "--key", key);
    expect(refused).toMatchObject({ code: 1, err: expect.stringContaining("(403)") });
    expect((await run("config", "propose", path, "--service", "chat", "--url", url, "--key", key)).code).toBe(2);
  });

  it("verifies the audit chain, and names the row someone altered", async () => {
    const rows = await t.db.auditLog.count();
    expect(await run("audit", "verify")).toMatchObject({ code: 0, out: `audit chain OK: ${rows} rows` });
    const victim = await t.db.auditLog.findFirstOrThrow({ where: { action: "config.propose" } });
    await t.db.auditLog.update({ where: { id: victim.id }, data: { actorLabel: "someone-else@gov.test" } });
    const broken = await run("audit", "verify");
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(new RegExp(`^audit chain broken at row ${victim.id}: hash mismatch`));
  });
});
