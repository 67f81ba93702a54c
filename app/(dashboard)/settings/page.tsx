import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { can } from "@/lib/auth/permissions.ts";
import { requirePermission } from "@/lib/auth/session.ts";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePermission("dashboard.read");
  const sections = [
    { href: "/settings/users", title: "Users and roles", body: "Add people, change roles, disable accounts.", allowed: can(user, "users.manage"), ready: true },
    { href: "/settings/services", title: "Services", body: "Add services with their owners, risk tier and starting score template; edit them.", allowed: can(user, "services.manage"), ready: true },
    { href: "/settings/api-keys", title: "API keys", body: "Keys for the ingest, OTLP and read APIs, per service or for all.", allowed: can(user, "apikeys.manage"), ready: true },
    { href: "/settings/channels", title: "Channels", body: "Where alerts go: webhook, Slack, PagerDuty, Alertmanager, tickets, action webhooks.", allowed: can(user, "channels.manage"), ready: true },
    { href: "/settings/vendors", title: "Vendors / SLA targets", body: "Per-provider p95 latency and error rate targets behind the vendor view's SLA compliance.", allowed: can(user, "vendors.manage"), ready: true },
    { href: "/settings/audit", title: "Audit log", body: "Every change, hash-chained; filter it and verify the chain.", allowed: can(user, "audit.read"), ready: true },
  ].filter((s) => s.allowed);
  return (
    <>
      <PageHeader title="Settings" />
      {sections.length === 0 ? (
        <p className="text-sm text-slate-600">Your role ({user.role}) has no settings to manage.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {sections.map((s) => (
            <li key={s.title} className="rounded-lg border border-slate-200 bg-white p-4">
              {s.ready && s.href ? (
                <Link href={s.href} className="font-medium text-blue-700 hover:underline">
                  {s.title}
                </Link>
              ) : (
                <span className="font-medium">{s.title}</span>
              )}
              <p className="mt-1 text-sm text-slate-600">{s.body}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
