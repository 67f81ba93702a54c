import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfigEditor } from "@/components/config/config-editor.tsx";
import { VersionHistory } from "@/components/config/version-history.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { can } from "@/lib/auth/permissions.ts";
import { requirePermission } from "@/lib/auth/session.ts";
import { findServiceBySlug } from "@/lib/db/services.ts";
import { configMetrics, METRIC_VOCABULARY } from "@/lib/domain/score/index.ts";
import { getDraft, getVersion } from "@/lib/services/configs/get-version.ts";
import { listVersions } from "@/lib/services/configs/list-versions.ts";
import { contextFor } from "@/lib/services/context.ts";
import { getMetricValues } from "@/lib/services/health/get-metric-values.ts";
import { loadScoredService } from "@/lib/services/health/scored-service.ts";
import { backtestTextAction, proposeTextAction, rollbackAction, saveDraftAction } from "./actions.ts";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Score config" };

export default async function ConfigPage({ params, searchParams }: Props) {
  const user = await requirePermission("dashboard.read");
  const [{ slug }, search] = await Promise.all([params, searchParams]);
  const service = await findServiceBySlug(slug);
  if (!service) notFound();
  const ctx = contextFor(user);
  const principal = { kind: "user", user } as const;
  // Owners are listed by email on the summary; can() decides, with this user as an owner or not.
  const mayEdit = can(user, "configs.propose", { ownerIds: service.ownerIds });
  const from = typeof search.from === "string" ? search.from : null;
  const [scored, versions, draft, fromVersion] = await Promise.all([
    loadScoredService(principal, slug),
    listVersions(ctx, slug),
    mayEdit ? getDraft(ctx, slug) : null,
    mayEdit && from ? getVersion(ctx, from).catch(() => null) : null,
  ]);
  // What the editor opens: the version being edited, else the caller's draft, else the active config.
  const basis = fromVersion ?? draft;
  const initial = basis?.config ?? scored.config;
  const inUse = [...configMetrics(initial), ...configMetrics(scored.config)];
  // Drift needs a week of baseline per point: only read it for drift metrics the config already uses.
  const vocabulary = [...new Set([...inUse, ...METRIC_VOCABULARY.filter((m) => !m.startsWith("drift."))])];
  const values = await getMetricValues(principal, slug, vocabulary, ctx.now).catch(() => null);
  const basisText = fromVersion
    ? `Editing version ${fromVersion.version}${fromVersion.status === "pending" ? ": saving withdraws the pending proposal and continues it as your draft" : ""}.`
    : draft
      ? `Your draft (version ${draft.version}), saved ${draft.createdAt.slice(0, 16).replace("T", " ")} UTC.`
      : scored.configVersion === null ? "No config yet: starting from the built-in default." : `Starting from the active version ${scored.configVersion}.`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/" className="text-blue-700 underline">Portfolio</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={`/services/${slug}`} className="text-blue-700 underline">{service.name}</Link> <span aria-hidden="true">/</span> <span>Score config</span>
      </nav>
      <PageHeader title={`Score config of ${service.name}`}
        description={mayEdit
          ? <>{basisText} Changes are proposed, reviewed by someone else and only then score the service. Values shown are over the config&apos;s window{values ? ` (${values.window})` : ""}.</>
          : `The active config${scored.configVersion === null ? " (the built-in default)" : ` (version ${scored.configVersion})`}, read-only: only the service's owners and admins propose changes.`} />
      <ConfigEditor key={fromVersion?.id ?? "editor"} slug={slug} initial={initial} readOnly={!mayEdit} values={values} vocabulary={vocabulary}
        fromVersionId={fromVersion?.status === "pending" ? fromVersion.id : undefined}
        actions={mayEdit ? { save: saveDraftAction, propose: proposeTextAction, backtest: backtestTextAction } : null} />
      <section aria-labelledby="history-title" className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="history-title" className="mb-3 text-base font-semibold">Version history</h2>
        <VersionHistory slug={slug} versions={versions}
          rollback={mayEdit ? rollbackAction.bind(null, slug) : null} />
      </section>
    </>
  );
}
