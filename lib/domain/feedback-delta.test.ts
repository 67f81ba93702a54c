import { describe, expect, it } from "vitest";
import type { TelemetryEvent } from "./event.ts";
import { applySignalDelta, isEmptyDelta, signalDelta } from "./feedback-delta.ts";
import { addEvent, emptyAggregate } from "./rollup/aggregate.ts";

const base: TelemetryEvent = {
  eventId: "e1",
  timestamp: new Date("2026-11-26T10:00:00Z"),
  status: "ok",
  latencyMs: 100,
  segments: {},
  evals: { relevance: 0.5 },
  feedback: {},
  outcomes: {},
  retrieval: {},
  attributes: {},
};

describe("feedback deltas", () => {
  it("adds a new rating and clears the missing-feedback count", () => {
    const after = { ...base, feedback: { thumbs_up: 1 } };
    expect(signalDelta(base, after)).toEqual({ evals: {}, feedback: { thumbs_up: [1, 1] }, outcomes: {}, missing: { feedback: -1 } });
  });

  it("replacing a rating changes the sum, not the count", () => {
    const before = { ...base, feedback: { csat: 2 } };
    const after = { ...base, feedback: { csat: 5 } };
    // 5 − 2 = 3 on the sum; still one rating.
    expect(signalDelta(before, after).feedback).toEqual({ csat: [3, 0] });
  });

  it("the same feedback twice is no change at all", () => {
    const after = { ...base, outcomes: { ticket_resolved: true } };
    expect(isEmptyDelta(signalDelta(after, after))).toBe(true);
  });

  it("a boolean eval counts true as 1", () => {
    const after = { ...base, evals: { relevance: 0.5, hallucination: true } };
    expect(signalDelta(base, after).evals).toEqual({ hallucination: [1, 1] });
  });

  it("applied to a row, equals folding the corrected event in the first place", () => {
    const other: TelemetryEvent = { ...base, eventId: "e2", feedback: { csat: 4 } };
    const corrected: TelemetryEvent = { ...base, feedback: { csat: 1 }, outcomes: { ticket_resolved: false } };
    const row = emptyAggregate();
    addEvent(row, base);
    addEvent(row, other);
    applySignalDelta(row, signalDelta(base, corrected));
    const expected = emptyAggregate();
    addEvent(expected, corrected);
    addEvent(expected, other);
    expect(row).toEqual(expected);
  });
});
