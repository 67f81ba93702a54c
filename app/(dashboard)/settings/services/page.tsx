import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requirePermission } from "@/lib/auth/session.ts";
import { listUsers } from "@/lib/db/users.ts";
import { SCORE_TEMPLATE_IDS, SCORE_TEMPLATES } from "@/lib/domain/score/templates.ts";
import { contextFor } from "@/lib/services/context.ts";
import { listManagedServices } from "@/lib/services/services/list-managed-services.ts";
import { ServiceForm } from "./_components/service-form.tsx";
import { ServiceTable } from "./_components/service-table.tsx";

export const metadata: Metadata = { title: "Services" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const TEMPLATES = SCORE_TEMPLATE_IDS.map((id) => ({ id, title: SCORE_TEMPLATES[id].title, description: SCORE_TEMPLATES[id].description }));

export default async function ServicesSettingsPage({ searchParams }: Props) {
  const user = await requirePermission("services.manage");
  const [services, users, search] = await Promise.all([listManagedServices(contextFor(user)), listUsers(), searchParams]);
  const editing = typeof search.edit === "string" ? services.find((s) => s.slug === search.edit) : undefined;
  const people = users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, disabled: u.disabled }));
  return (
    <>
      <PageHeader
        title="Services"
        description="The LLM services Vitals scores. A new service takes events at once and is scored by the template config it starts from. Every change is written to the audit log."
      />
      <section aria-labelledby="service-form-heading" className="mb-8 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex items-baseline justify-between gap-4">
          <h2 id="service-form-heading" className="text-lg font-semibold">
            {editing ? `Edit ${editing.name}` : "Add a service"}
          </h2>
          {editing && (
            <Link href="/settings/services" className="text-sm text-blue-700 hover:underline">
              Cancel editing
            </Link>
          )}
        </div>
        <ServiceForm
          key={editing?.slug ?? "new"}
          people={people}
          templates={TEMPLATES}
          editing={editing ? { slug: editing.slug, name: editing.name, description: editing.description, businessUnit: editing.businessUnit, riskTier: editing.riskTier, storePrompts: editing.storePrompts, ownerIds: editing.ownerIds, template: "" } : undefined}
        />
      </section>
      <section aria-labelledby="services-heading">
        <h2 id="services-heading" className="mb-3 text-lg font-semibold">
          All services
        </h2>
        <ServiceTable services={services} />
      </section>
    </>
  );
}
