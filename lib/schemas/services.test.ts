import { describe, expect, it } from "vitest";
import { CreateUserInput } from "./users.ts";
import { CreateServiceInput, ServiceSlug } from "./services.ts";

describe("ServiceSlug", () => {
  it.each(["a", "chat", "claims-triage", "v2-bot-3", "x".repeat(63)])("accepts %s", (slug) => {
    expect(ServiceSlug.safeParse(slug).success).toBe(true);
  });
  it.each(["", "Chat", "claims_triage", "-chat", "chat-", "a--b", "a b", "x".repeat(64)])("refuses %j", (slug) => {
    expect(ServiceSlug.safeParse(slug).success).toBe(false);
  });
});

describe("CreateServiceInput", () => {
  const base = { slug: "chat", name: "Chat", businessUnit: "support", riskTier: "low", storePrompts: false, ownerIds: ["u1", "u1", "u2"], template: "generic" } as const;
  it("trims, defaults the description and drops repeated owners", () => {
    expect(CreateServiceInput.parse({ ...base, name: "  Chat  " })).toEqual({ ...base, name: "Chat", description: "", ownerIds: ["u1", "u2"] });
  });
  it("says which field is wrong and what it expects", () => {
    const result = CreateServiceInput.safeParse({ ...base, storePrompts: "yes" });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["storePrompts", "Say whether prompts and responses are stored (true or false)."]]);
  });
});

describe("CreateUserInput", () => {
  it("lowercases and trims the email, as sign-in does", () => {
    expect(CreateUserInput.parse({ email: " Ada@Example.COM ", name: "Ada", role: "viewer", password: "twelve chars" }).email).toBe("ada@example.com");
  });
  it("takes a password of exactly 12 characters and refuses 11", () => {
    expect(CreateUserInput.safeParse({ email: "a@b.co", name: "A", role: "viewer", password: "x".repeat(12) }).success).toBe(true);
    expect(CreateUserInput.safeParse({ email: "a@b.co", name: "A", role: "viewer", password: "x".repeat(11) }).success).toBe(false);
  });
});
