import { formatMetric, formatScore } from "@/components/ui/format.ts";
import { EmptyState } from "@/components/ui/states.tsx";
import { TableHead, type Column } from "@/components/ui/table-head.tsx";
import type { ModelLine, ProviderLine, VendorLine, Workload } from "@/lib/domain/vendors/build.ts";
import { complianceText, costPer1k, perDollar, sharePct, targetText } from "./format.ts";

// The vendor view's tables. Wide tables scroll inside a focusable region (keyboard users can scroll it too),
// so the page holds at 390 px.

const NUM = "whitespace-nowrap py-2 pr-3 text-right tabular-nums align-top";
const FIGURE_COLUMNS: Column[] = [
  { label: "Score", align: "right" }, { label: "p95 latency", align: "right" }, { label: "Error rate", align: "right" },
  { label: "Cost / 1k tokens", align: "right" }, { label: "Requests", align: "right" }, { label: "Share", align: "right" },
  { label: "SLA target" }, { label: "SLA compliance", align: "right" },
];

function Figures({ line }: { line: VendorLine }) {
  return (
    <>
      <td className={NUM}>{formatScore(line.score)}</td>
      <td className={NUM}>{formatMetric(line.p95LatencyMs, "ms")}</td>
      <td className={NUM}>{formatMetric(line.errorRate, "ratio")}</td>
      <td className={NUM}>{costPer1k(line.costPer1kTokens)}</td>
      <td className={NUM}>{line.requests.toLocaleString("en")}</td>
      <td className={NUM}>{sharePct(line.share)}</td>
      <td className="py-2 pr-3 align-top text-slate-600">{targetText(line.target)}</td>
      <td className={NUM} data-testid="compliance">{complianceText(line.compliance, line.target)}</td>
    </>
  );
}

function Section({ id, title, description, children }: { id: string; title: string; description: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-base font-semibold">{title}</h2>
      <p className="mb-2 text-sm text-slate-600">{description}</p>
      {children}
    </section>
  );
}

function Scroll({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

export function ProvidersTable({ providers }: { providers: ProviderLine[] }) {
  return (
    <Section id="vendors-providers" title="Providers" description="Every readable service's traffic to each provider over the period. Score: traffic-weighted mean of the provider's score on each service.">
      {providers.length === 0 ? <EmptyState title="No provider traffic in this period." /> : (
        <Scroll label="Providers table">
          <table className="w-full min-w-[56rem] text-left text-sm" data-testid="providers-table">
            <TableHead columns={[{ label: "Provider" }, ...FIGURE_COLUMNS]} />
            <tbody className="divide-y divide-slate-100">
              {providers.map((p) => (
                <tr key={p.provider} data-provider={p.provider}>
                  <th scope="row" className="py-2 pr-3 text-left font-medium align-top">{p.provider}</th>
                  <Figures line={p} />
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </Section>
  );
}

export function ModelsTable({ models }: { models: ModelLine[] }) {
  return (
    <Section id="vendors-models" title="Models" description="The same figures per model; a model is held to its provider's SLA target.">
      {models.length === 0 ? <EmptyState title="No model traffic in this period." /> : (
        <Scroll label="Models table">
          <table className="w-full min-w-[60rem] text-left text-sm" data-testid="models-table">
            <TableHead columns={[{ label: "Model" }, { label: "Provider" }, ...FIGURE_COLUMNS]} />
            <tbody className="divide-y divide-slate-100">
              {models.map((m) => (
                <tr key={m.model} data-model={m.model}>
                  <th scope="row" className="py-2 pr-3 text-left font-medium align-top">{m.model}</th>
                  <td className="py-2 pr-3 align-top">{m.provider ?? "unknown"}</td>
                  <Figures line={m} />
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </Section>
  );
}

const ELIGIBILITY: Record<string, string> = {
  "meets-sla": "Meets SLA", "misses-sla": "Misses SLA", "no-target": "No SLA target", "no-traffic-measured": "Not measured",
};

export function FailoverRanking({ workloads, minCompliance }: { workloads: Workload[]; minCompliance: number }) {
  return (
    <Section
      id="vendors-failover"
      title="Failover ranking per workload"
      description={`A workload is one service's traffic, scored by that service's config. Providers meeting their SLA (compliance ≥ ${sharePct(minCompliance)} of the period) come first, by score per dollar (score ÷ cost per 1k tokens); the rest follow by compliance.`}
    >
      {workloads.length === 0 ? <EmptyState title="No workload sent traffic to a provider in this period." /> : (
        <div className="grid gap-6">
          {workloads.map((w) => (
            <div key={w.service} className="min-w-0" data-testid="failover-workload" data-service={w.service}>
              <h3 className="mb-1 text-sm font-semibold">{w.name}</h3>
              <Scroll label={`Failover ranking for ${w.name}`}>
                <table className="w-full min-w-[36rem] text-left text-sm">
                  <TableHead columns={[
                    { label: "Rank", align: "right" }, { label: "Provider" }, { label: "SLA" }, { label: "Compliance", align: "right" },
                    { label: "Score", align: "right" }, { label: "Cost / 1k tokens", align: "right" }, { label: "Score per $", align: "right" },
                    { label: "p95", align: "right" }, { label: "Errors", align: "right" },
                  ]} />
                  <tbody className="divide-y divide-slate-100">
                    {w.candidates.map((c) => (
                      <tr key={c.provider} data-testid="failover-row" data-provider={c.provider} data-rank={c.rank} data-eligibility={c.eligibility}>
                        <td className={NUM}>{c.rank}</td>
                        <th scope="row" className="py-2 pr-3 text-left font-medium align-top">{c.provider}</th>
                        <td className={`whitespace-nowrap py-2 pr-3 align-top ${c.eligibility === "meets-sla" ? "text-healthy" : "text-slate-600"}`}>{ELIGIBILITY[c.eligibility]}</td>
                        <td className={NUM}>{c.hasTarget ? sharePct(c.compliance) : "—"}</td>
                        <td className={NUM}>{formatScore(c.score)}</td>
                        <td className={NUM}>{costPer1k(c.costPer1kTokens)}</td>
                        <td className={NUM}>{perDollar(c.scorePerDollar)}</td>
                        <td className={NUM}>{formatMetric(c.p95LatencyMs, "ms")}</td>
                        <td className={NUM}>{formatMetric(c.errorRate, "ratio")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Scroll>
            </div>
          ))}
        </div>
      )}
    </Section>
  );
}
