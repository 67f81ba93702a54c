import { DDSketch } from "@datadog/sketches-js";
import { describe, expect, it } from "vitest";
import { RollupSketchStore } from "./sketch-store.ts";
import { seededRandom } from "./testing.ts";

const countsOf = (store: { bins: number[]; offset: number }) =>
  new Map(store.bins.flatMap((c, i) => (c > 0 ? [[i + store.offset, c] as const] : [])));

describe("RollupSketchStore", () => {
  it("holds the same counts and ranks as the library's store, whatever order keys arrive in", () => {
    const random = seededRandom(7);
    for (let n = 0; n < 100; n++) {
      const library = new DDSketch().store;
      const ours = new RollupSketchStore();
      const keys = Array.from({ length: 1 + Math.floor(random() * 60) }, () => Math.floor(random() * (random() < 0.5 ? 40 : 2_000)) - 500);
      for (const key of keys) {
        const weight = 1 + Math.floor(random() * 3);
        library.add(key, weight);
        ours.add(key, weight);
      }
      expect(countsOf(ours)).toEqual(countsOf(library));
      expect([ours.count, ours.minKey, ours.maxKey]).toEqual([library.count, library.minKey, library.maxKey]);
      for (const rank of [0, ours.count / 3, ours.count - 1]) expect(ours.keyAtRank(rank)).toBe(library.keyAtRank(rank));
    }
  });
});
