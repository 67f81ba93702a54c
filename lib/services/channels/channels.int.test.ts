import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { SessionUser } from "@/lib/db/users.ts";
import type { UpdateChannelInput } from "@/lib/schemas/channels.ts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db.ts";
import { createChannel } from "./create-channel.ts";
import { deleteChannel } from "./delete-channel.ts";
import { listChannels, listDisabledChannelNotices } from "./list-channels.ts";
import { setChannelEnabled } from "./set-channel-enabled.ts";
import { updateChannel } from "./update-channel.ts";

let t: TestDatabase;
const users = {} as Record<"admin" | "eng", SessionUser>;
const now = new Date("2026-11-26T12:00:00Z");
const as = (user: SessionUser) => ({ user, now });
const SECRET = "first-secret-0123456789";

beforeAll(async () => {
  t = await createTestDatabase();
  for (const [key, role] of [["admin", "admin"], ["eng", "engineer"]] as const) {
    const row = await t.db.user.create({ data: { email: `${key}@x.test`, name: key, role, passwordHash: "x" } });
    users[key] = { id: row.id, email: row.email, name: row.name, role };
  }
});
afterAll(async () => {
  await t?.drop();
});

describe(`channels in Settings (${process.env.VITALS_TEST_DB})`, () => {
  it("lets admins create, list (secrets masked), edit (empty secret keeps it), disable and delete, all audited", async () => {
    await expect(createChannel(as(users.eng), { name: "hook", kind: "webhook", config: { url: "http://x.test/h", secret: SECRET } })).rejects.toMatchObject({ status: 403 });
    const created = await createChannel(as(users.admin), { name: "hook", kind: "webhook", config: { url: "http://x.test/h", secret: SECRET } });
    expect(created.config).toEqual({ url: "http://x.test/h", secret: "••••6789" });
    await expect(createChannel(as(users.admin), { name: "hook", kind: "slack", config: { url: "http://x.test/s/1" } })).rejects.toMatchObject({ status: 409 });

    const [listed] = await listChannels(as(users.admin));
    expect(listed).toMatchObject({ name: "hook", kind: "webhook", enabled: true, consecutiveFailures: 0, config: { secret: "••••6789" }, deliveries: [] });
    await expect(listChannels(as(users.eng))).rejects.toMatchObject({ status: 403 });

    await updateChannel(as(users.admin), { id: created.id, name: "hook-2", kind: "webhook", config: { url: "http://x.test/h2", secret: "" } });
    const row = await t.db.channel.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.parse(row.config)).toEqual({ url: "http://x.test/h2", secret: SECRET });
    // Changing the kind does not carry the secret over: the new kind's required fields must be given.
    await expect(updateChannel(as(users.admin), { id: created.id, name: "hook-2", kind: "action", config: { url: "http://x.test/a", action: "shift_traffic" } } as unknown as UpdateChannelInput)).rejects.toBeInstanceOf(ZodError);

    await setChannelEnabled(as(users.admin), { id: created.id, enabled: false });
    expect(await listDisabledChannelNotices()).toEqual([{ id: created.id, name: "hook-2", disabledAt: now, disabledReason: "Disabled by admin@x.test." }]);
    await deleteChannel(as(users.admin), created.id);
    await expect(deleteChannel(as(users.admin), created.id)).rejects.toMatchObject({ status: 404 });

    const audit = await t.db.auditLog.findMany({ where: { targetType: "channel" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["channel.create", "channel.update", "channel.disable", "channel.delete"]);
    expect(audit.some((a) => `${a.before}${a.after}`.includes(SECRET))).toBe(false);
  });

  it("rejects bad input with the field's path and what it expects", async () => {
    const bad = createChannel(as(users.admin), { name: "Ops Team", kind: "pagerduty", config: { routingKey: "short" } });
    const issues = await bad.then(() => [], (e: ZodError) => e.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
    expect(issues).toEqual([expect.stringMatching(/^name: Use lowercase letters/), expect.stringMatching(/^config\.routingKey: Expected the 32-character/)]);
  });
});
