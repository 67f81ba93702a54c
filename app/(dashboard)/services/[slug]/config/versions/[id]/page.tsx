import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { BacktestRange } from "@/components/config/backtest-range.tsx";
import { BacktestView } from "@/components/config/backtest-view.tsx";
import { DiffTable } from "@/components/config/diff-table.tsx";
import { ReviewPanel } from "@/components/config/review-panel.tsx";
import { VersionStatusBadge } from "@/components/config/version-status.tsx";
import { formatTime } from "@/components/ui/format.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LoadingBlock } from "@/components/ui/states.tsx";
import { requirePermission } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { getVersion } from "@/lib/services/configs/get-version.ts";
import { runBacktest } from "@/lib/services/configs/run-backtest.ts";
import type { VersionDetail } from "@/lib/services/configs/types.ts";
import { contextFor, type Ctx } from "@/lib/services/context.ts";
import { proposeVersionAction, reviewAction, withdrawAction } from "../../actions.ts";

type Props = { params: Promise<{ slug: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Config version" };

/** ?days=N within 1..30; anything else is the default week. */
function daysOf(value: string | string[] | undefined): number {
  const n = typeof value === "string" ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 30 ? n : 7;
}

export default async function VersionPage({ params, searchParams }: Props) {
  const user = await requirePermission("dashboard.read");
  const [{ slug, id }, search] = await Promise.all([params, searchParams]);
  const ctx = contextFor(user);
  const version = await getVersion(ctx, id).catch((error: unknown) => {
    if (error instanceof AppError && (error.status === 404 || error.status === 400)) notFound();
    throw error;
  });
  if (version.serviceSlug !== slug) notFound();
  const days = daysOf(search.days);
  const actions = {
    review: reviewAction.bind(null, slug, version.id),
    withdraw: withdrawAction.bind(null, slug, version.id),
    propose: proposeVersionAction.bind(null, slug, version.id),
  };
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/services/${slug}`} className="text-blue-700 underline">{slug}</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={`/services/${slug}/config`} className="text-blue-700 underline">Score config</Link> <span aria-hidden="true">/</span> <span>Version {version.version}</span>
      </nav>
      <PageHeader title={`Version ${version.version} of ${slug}'s score config`}>
        <VersionStatusBadge status={version.status} />
      </PageHeader>
      <div className="flex flex-col gap-6">
        <VersionFacts version={version} />
        <ReviewPanel slug={slug} version={version} actions={actions} />
        <section aria-labelledby="diff-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="diff-title" className="mb-3 text-base font-semibold">Changes against the active config</h2>
          <DiffTable changes={version.diff} against={version.status === "active" ? "itself" : "the active config"} />
        </section>
        <section aria-labelledby="backtest-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
            <h2 id="backtest-title" className="text-base font-semibold">Backtest</h2>
            <BacktestRange days={days} />
          </div>
          <Suspense key={days} fallback={<LoadingBlock label="Replaying both configs over recent history" className="h-72" />}>
            <VersionBacktest ctx={ctx} version={version} days={days} />
          </Suspense>
        </section>
        <details className="rounded-lg border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer text-base font-semibold">The config as YAML</summary>
          <pre className="mt-3 overflow-x-auto text-sm" data-testid="version-yaml">{version.yaml}</pre>
        </details>
      </div>
    </>
  );
}

function VersionFacts({ version: v }: { version: VersionDetail }) {
  const facts: [string, string][] = [
    ["Author", v.author ? `${v.author.name} (${v.author.email})` : "system"],
    ["Created", formatTime(v.createdAt, true)],
    ...(v.proposedAt ? [["Proposed", formatTime(v.proposedAt, true)] as [string, string]] : []),
    ...(v.reviewer ? [["Reviewed by", `${v.reviewer.name}${v.reviewedAt ? `, ${formatTime(v.reviewedAt, true)}` : ""}`] as [string, string]] : []),
    ...(v.reviewComment ? [["Review comment", v.reviewComment] as [string, string]] : []),
    ...(v.activateAt ? [["Activates at", formatTime(v.activateAt, true)] as [string, string]] : []),
    ...(v.activatedAt ? [["Activated", formatTime(v.activatedAt, true)] as [string, string]] : []),
  ];
  return (
    <section aria-label="About this version" className="rounded-lg border border-slate-200 bg-white p-4">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {facts.map(([k, value]) => (
          <div key={k} className="contents">
            <dt className="font-medium text-slate-600">{k}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <dt className="font-medium text-slate-600">Rationale</dt>
        <dd className="whitespace-pre-wrap" data-testid="rationale">{v.rationale || "— (a draft has none until it is proposed)"}</dd>
      </dl>
    </section>
  );
}

async function VersionBacktest({ ctx, version, days }: { ctx: Ctx; version: VersionDetail; days: number }) {
  const backtest = await runBacktest(ctx, version.serviceSlug, { versionId: version.id, days }).catch((error: unknown) => {
    if (error instanceof AppError) return error.publicMessage;
    throw error;
  });
  if (typeof backtest === "string") return <p role="alert" className="text-sm font-medium text-critical">{backtest}</p>;
  return <BacktestView backtest={backtest} thresholds={version.config.thresholds} />;
}
