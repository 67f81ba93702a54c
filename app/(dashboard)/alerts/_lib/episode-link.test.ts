import { describe, expect, it } from "vitest";
import { parseViewState } from "../../services/[slug]/_lib/view-state.ts";
import { episodeLink } from "./episode-link.ts";

const now = Date.parse("2026-11-26T12:00:00Z");
const episode = (pendingSince: string, resolvedAt: string | null = null) => ({ state: resolvedAt ? "resolved" : "firing", pendingSince, firingSince: pendingSince, resolvedAt });
const stateOf = (link: string) => parseViewState(new URL(link, "http://x").searchParams);

describe("links from an episode to its service page", () => {
  it("opens an episode that is over on a fixed range around it, which the service page accepts", () => {
    const link = episodeLink("chat", episode("2026-11-25T08:00:00Z", "2026-11-25T09:15:00Z"), now);
    expect(link).toBe("/services/chat?range=custom&from=2026-11-25T07%3A30%3A00.000Z&to=2026-11-25T09%3A45%3A00.000Z");
    expect(stateOf(link)).toMatchObject({ range: "custom", from: "2026-11-25T07:30:00.000Z", to: "2026-11-25T09:45:00.000Z" });
  });

  it.each([
    ["2026-11-26T11:45:00Z", "/services/chat?range=1h"],
    ["2026-11-26T09:00:00Z", "/services/chat"],
    ["2026-11-22T12:00:00Z", "/services/chat?range=7d"],
    ["2026-11-06T12:00:00Z", "/services/chat?range=30d"],
  ])("opens an open episode begun at %s on the smallest live range showing its start: %s", (start, link) => {
    expect(episodeLink("chat", episode(start), now)).toBe(link);
  });

  it("falls back to a fixed range ending now for an episode older than the longest preset", () => {
    expect(stateOf(episodeLink("chat", episode("2026-10-01T00:00:00Z"), now))).toMatchObject({ range: "custom", to: "2026-11-26T12:00:00.000Z" });
  });
});
