"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { ScoreConfig } from "@/lib/domain/score/config.ts";
import { SCORE_TEMPLATE_IDS, SCORE_TEMPLATES, templateFor, type ScoreTemplateId } from "@/lib/domain/score/templates.ts";
import { parseScoreConfig } from "@/lib/schemas/score-config.ts";
import type { Backtest } from "@/lib/services/configs/run-backtest.ts";
import type { MetricValues } from "@/lib/services/health/get-metric-values.ts";
import type { ActionResult } from "./action-result.ts";
import { BacktestPreview } from "./backtest-preview.tsx";
import { ComponentCard } from "./component-card.tsx";
import { checkForm, errorsByField, formFromConfig, weightShares, type ConfigForm } from "./config-draft.ts";
import { ErrorSummary } from "./error-summary.tsx";
import { FloorsFields } from "./floors-fields.tsx";
import { MetricOptions } from "./metric-options.tsx";
import { RationaleDialog } from "./rationale-dialog.tsx";
import { AlertingFields, ScoringFields } from "./settings-fields.tsx";
import { YamlView } from "./yaml-view.tsx";

// The score-config editor: a form and a YAML view over one config. The form is the state while it is shown;
// switching to YAML writes it with toYaml, switching back parses the text with parseScoreConfig, so the two
// round-trip exactly and the text cannot drift from what the form shows. Saving and proposing send YAML.

type Saved = { id: string; version: number };
export interface EditorActions {
  save: (slug: string, text: string, fromVersionId?: string) => Promise<ActionResult<Saved>>;
  propose: (slug: string, text: string, rationale: string, fromVersionId?: string) => Promise<ActionResult<Saved>>;
  backtest: (slug: string, text: string, days: number) => Promise<ActionResult<Backtest>>;
}

const METRIC_LIST = "metric-options";
const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60";

export function ConfigEditor({ slug, initial, fromVersionId, readOnly, values, vocabulary, actions }: {
  slug: string; initial: ScoreConfig; fromVersionId?: string; readOnly: boolean; values: MetricValues | null; vocabulary: readonly string[];
  actions: EditorActions | null;
}) {
  const router = useRouter();
  const [form, setForm] = useState<ConfigForm>(() => formFromConfig(initial));
  const [mode, setMode] = useState<"form" | "yaml">("form");
  const [yaml, setYaml] = useState("");
  const [template, setTemplate] = useState<ScoreTemplateId>("generic");
  const [notice, setNotice] = useState<{ kind: "ok" | "error"; text: string; href?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [proposing, setProposing] = useState(false);

  const checked = useMemo(() => checkForm(form), [form]);
  const yamlParsed = useMemo(() => (mode === "yaml" ? parseScoreConfig(yaml) : null), [mode, yaml]);
  const issues = useMemo(
    () => (mode === "form" ? (checked.ok ? [] : checked.errors) : yamlParsed && !yamlParsed.ok ? yamlParsed.errors : []),
    [mode, checked, yamlParsed],
  );
  const errors = useMemo(() => errorsByField(mode === "form" ? issues : []), [mode, issues]);
  const text = mode === "form" ? checked.yaml : yaml;
  const valid = issues.length === 0;
  const shares = weightShares(form.components);
  const thresholds = checked.ok ? checked.config.thresholds : initial.thresholds;
  const patch = (p: Partial<ConfigForm>) => setForm((f) => ({ ...f, ...p }));

  function switchTo(next: "form" | "yaml") {
    if (next === mode) return;
    if (next === "yaml") {
      setYaml(checked.yaml);
    } else if (yamlParsed?.ok) {
      setForm(formFromConfig(yamlParsed.config));
    } else {
      return; // the tab is disabled while the YAML has errors: the form cannot show text it cannot read
    }
    setMode(next);
  }

  async function save() {
    if (!actions) return;
    setBusy(true);
    const result = await actions.save(slug, text, fromVersionId).finally(() => setBusy(false));
    setNotice(result.ok
      ? { kind: "ok", text: `Draft saved as version ${result.value.version}.`, href: `/services/${slug}/config/versions/${result.value.id}` }
      : { kind: "error", text: result.message });
  }

  async function propose(rationale: string): Promise<string | null> {
    if (!actions) return null;
    const result = await actions.propose(slug, text, rationale, fromVersionId);
    if (!result.ok) return result.message;
    setProposing(false);
    router.push(`/services/${slug}/config/versions/${result.value.id}`);
    return null;
  }

  return (
    <div className="flex flex-col gap-4" data-testid="config-editor">
      <MetricOptions id={METRIC_LIST} names={vocabulary} values={values} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div role="tablist" aria-label="Edit as" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
          {(["form", "yaml"] as const).map((m) => (
            <button key={m} type="button" role="tab" aria-selected={mode === m} aria-controls="cfg-panel" onClick={() => switchTo(m)}
              disabled={m === "form" && mode === "yaml" && !yamlParsed?.ok}
              className={`rounded px-3 py-1 text-sm ${mode === m ? "bg-slate-900 text-white" : "hover:bg-slate-100"} disabled:opacity-50`}>
              {m === "form" ? "Form" : "YAML"}
            </button>
          ))}
        </div>
        {!readOnly && mode === "form" && (
          <div className="flex flex-wrap items-end gap-2">
            <div className="flex flex-col gap-1 text-sm">
              <label htmlFor="cfg-template" className="font-medium">Start from a template</label>
              <select id="cfg-template" value={template} onChange={(e) => setTemplate(e.target.value as ScoreTemplateId)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
                {SCORE_TEMPLATE_IDS.map((id) => <option key={id} value={id}>{SCORE_TEMPLATES[id].title}</option>)}
              </select>
            </div>
            <button type="button" className={button} onClick={() => setForm(formFromConfig(templateFor(template, slug)))}>Use template</button>
          </div>
        )}
      </div>
      {mode === "form" && !readOnly && <p className="text-sm text-slate-600">{SCORE_TEMPLATES[template].description}</p>}

      <ErrorSummary errors={issues} />
      <div id="cfg-panel" role="tabpanel" aria-label={mode === "form" ? "Form" : "YAML"}>
        {mode === "yaml" ? (
          <YamlView value={yaml} errors={yamlParsed && !yamlParsed.ok ? yamlParsed.errors : []} readOnly={readOnly} onChange={setYaml} />
        ) : (
          <fieldset disabled={readOnly} className="flex min-w-0 flex-col gap-6">
            <legend className="sr-only">Score configuration of {slug}</legend>
            <section aria-labelledby="cfg-components-title" id="cfg-components" className="flex flex-col gap-3">
              <h2 id="cfg-components-title" className="text-base font-semibold">Components</h2>
              {errors.components && <p className="text-sm font-medium text-critical">{errors.components}</p>}
              <ul className="flex flex-col gap-3">
                {form.components.map((c, i) => (
                  <ComponentCard key={i} index={i} value={c} share={shares[i] ?? null} errors={errors} series={values?.metrics[c.metric.trim()]}
                    metricListId={METRIC_LIST} readOnly={readOnly}
                    onChange={(next) => patch({ components: form.components.map((x, j) => (j === i ? next : x)) })}
                    onRemove={() => patch({ components: form.components.filter((_, j) => j !== i) })} />
                ))}
              </ul>
              {!readOnly && (
                <button type="button" className={`${button} self-start`} onClick={() => patch({ components: [...form.components, { metric: "", weight: "10", good: "", bad: "" }] })}>
                  Add a component
                </button>
              )}
            </section>
            <section aria-labelledby="cfg-scoring-title" className="flex flex-col gap-3">
              <h2 id="cfg-scoring-title" className="text-base font-semibold">Scoring</h2>
              <ScoringFields form={form} errors={errors} onChange={patch} />
            </section>
            <section aria-labelledby="cfg-floors-title" className="flex flex-col gap-3">
              <h2 id="cfg-floors-title" className="text-base font-semibold">Floors</h2>
              <FloorsFields floors={form.floors} errors={errors} metricListId={METRIC_LIST} readOnly={readOnly} onChange={(floors) => patch({ floors })} />
            </section>
            <section aria-labelledby="cfg-alerting-title" className="flex flex-col gap-3">
              <h2 id="cfg-alerting-title" className="text-base font-semibold">Alerting</h2>
              <AlertingFields form={form} errors={errors} onChange={patch} />
            </section>
          </fieldset>
        )}
      </div>

      {actions && !readOnly && (
        <>
          <div className="sticky bottom-0 flex flex-wrap items-center gap-2 border-t border-slate-200 bg-slate-50/95 py-3">
            <button type="button" className={button} disabled={!valid || busy} onClick={() => void save()}>{busy ? "Saving…" : "Save draft"}</button>
            <button type="button" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
              disabled={!valid} onClick={() => setProposing(true)}>
              Propose…
            </button>
            {notice && (
              <p role="status" className={`text-sm ${notice.kind === "error" ? "font-medium text-critical" : "text-slate-700"}`}>
                {notice.text} {notice.href && <Link href={notice.href} className="text-blue-700 underline">See its diff and backtest</Link>}
              </p>
            )}
          </div>
          <section aria-labelledby="cfg-backtest-title" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="cfg-backtest-title" className="mb-2 text-base font-semibold">Backtest this config</h2>
            <BacktestPreview text={text} valid={valid} thresholds={thresholds} run={(t, days) => actions.backtest(slug, t, days)} />
          </section>
          <RationaleDialog open={proposing} title="Propose this config" label="Rationale" submitLabel="Propose for review" onClose={() => setProposing(false)}
            description="Say what changes and why. A reviewer who is not you approves or rejects it; until then the active config keeps scoring."
            onSubmit={propose} />
        </>
      )}
    </div>
  );
}
