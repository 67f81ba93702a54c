import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requirePermission } from "@/lib/auth/session.ts";
import { listApiKeys, listApiKeyTargets } from "@/lib/services/api-keys/list-api-keys.ts";
import { contextFor } from "@/lib/services/context.ts";
import { ApiKeyTable } from "./_components/api-key-table.tsx";
import { CreateApiKeyForm } from "./_components/create-api-key-form.tsx";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const user = await requirePermission("apikeys.manage");
  const ctx = contextFor(user);
  const [keys, targets] = await Promise.all([listApiKeys(ctx), listApiKeyTargets(ctx)]);
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys with the ingest scope may send telemetry to POST /api/ingest; keys with the read scope may call the read-only JSON APIs. A key is shown once, when it is created. Creating and revoking keys is written to the audit log."
      />
      <section aria-labelledby="create-key-heading" className="mb-8 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="create-key-heading" className="text-lg font-semibold">
          Create a key
        </h2>
        <CreateApiKeyForm allServices={targets.allServices} services={targets.services} />
      </section>
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="mb-3 text-lg font-semibold">
          {targets.allServices ? "All keys" : "Keys of your services"}
        </h2>
        <ApiKeyTable keys={keys} />
      </section>
    </>
  );
}
