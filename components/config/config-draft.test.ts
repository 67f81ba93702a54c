import { describe, expect, test } from "vitest";
import { templateFor } from "@/lib/domain/score/templates.ts";
import { parseScoreConfig, toYaml } from "@/lib/schemas/score-config.ts";
import { checkForm, errorsByField, fieldOf, formFromConfig, weightShares, type ConfigForm } from "./config-draft.ts";

const base = () => ({ ...templateFor("support-chatbot", "support-bot"), alerting: { ...templateFor("support-chatbot", "support-bot").alerting, renotify: 1_800_000, routes: { warning: ["tickets"], critical: ["pager", "slack"] } } });

describe("form ↔ config", () => {
  test("a config through the form and back is the same config, and its YAML is toYaml's", () => {
    const config = { ...base(), floors: [{ metric: "error.rate", above: 0.2, cap: 40 }], segments: ["provider", "model"] };
    const checked = checkForm(formFromConfig(config));
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.config).toEqual(config);
    expect(checked.yaml).toBe(toYaml(config));
    const reparsed = parseScoreConfig(checked.yaml);
    expect(reparsed.ok && formFromConfig(reparsed.config)).toEqual(formFromConfig(config));
  });

  test("a weight that is not a number is reported on that field, and the YAML keeps what was typed", () => {
    const form: ConfigForm = formFromConfig(base());
    form.components[1] = { ...form.components[1]!, weight: "ten" };
    const checked = checkForm(form);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(errorsByField(checked.errors)["components.1.weight"]).toBe("Expected weight as a number.");
    expect(checked.yaml).toContain("weight: ten");
  });

  test("a floor bound and a bad route are reported on the inputs that hold them", () => {
    const form = formFromConfig(base());
    form.floors = [{ metric: "error.rate", bound: "above", value: "20", cap: "40" }];
    const checked = checkForm(form);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(errorsByField(checked.errors)["floors.0.value"]).toMatch(/share between 0 and 1: did you mean 0.2\?/);
  });
});

test.each([
  ["floors.2.below", "floors.2.value"],
  ["alerting.routes.critical.1", "alerting.routes.critical"],
  ["segments.0", "segments"],
  ["components.0.weight", "components.0.weight"],
  ["thresholds.warning", "thresholds.warning"],
])("the issue at %s belongs to the field %s", (path, field) => {
  expect(fieldOf(path)).toBe(field);
});

test("weight shares are percentages of the total, or unknown while a weight is invalid", () => {
  const c = (weight: string) => ({ metric: "m", weight, good: "0", bad: "1" });
  expect(weightShares([c("50"), c("30"), c("20")])).toEqual([50, 30, 20]);
  expect(weightShares([c("1"), c("3")])).toEqual([25, 75]);
  expect(weightShares([c("1"), c("")])).toEqual([null, null]);
  expect(weightShares([c("0"), c("0")])).toEqual([null, null]);
});
