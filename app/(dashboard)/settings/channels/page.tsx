import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requirePermission } from "@/lib/auth/session.ts";
import { listChannels } from "@/lib/services/channels/list-channels.ts";
import { contextFor } from "@/lib/services/context.ts";
import { ChannelForm } from "./_components/channel-form.tsx";
import { ChannelTable } from "./_components/channel-table.tsx";

export const metadata: Metadata = { title: "Channels" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ChannelsPage({ searchParams }: Props) {
  const user = await requirePermission("channels.manage");
  const [channels, search] = await Promise.all([listChannels(contextFor(user)), searchParams]);
  const editing = typeof search.edit === "string" ? channels.find((c) => c.id === search.edit) : undefined;
  return (
    <>
      <PageHeader
        title="Channels"
        description="Where alerts go. Score configs route each severity to channels by name. A channel is disabled after 5 failed deliveries in a row; its waiting deliveries are kept until you re-enable it. Every change is written to the audit log."
      />
      <section aria-labelledby="channel-form-heading" className="mb-8 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex items-baseline justify-between gap-4">
          <h2 id="channel-form-heading" className="text-lg font-semibold">
            {editing ? `Edit ${editing.name}` : "Add a channel"}
          </h2>
          {editing && (
            <Link href="/settings/channels" className="text-sm text-blue-700 hover:underline">
              Cancel editing
            </Link>
          )}
        </div>
        <ChannelForm key={editing?.id ?? "new"} editing={editing ? { id: editing.id, name: editing.name, kind: editing.kind, config: editing.config ?? {} } : undefined} />
      </section>
      <section aria-labelledby="channels-heading">
        <h2 id="channels-heading" className="mb-3 text-lg font-semibold">
          All channels
        </h2>
        <ChannelTable
          channels={channels.map((c) => ({
            ...c,
            disabledAt: c.disabledAt?.toISOString() ?? null,
            createdAt: c.createdAt.toISOString(),
            deliveries: c.deliveries.map((d) => ({ ...d, createdAt: d.createdAt.toISOString(), sentAt: d.sentAt?.toISOString() ?? null, nextAttemptAt: d.nextAttemptAt.toISOString() })),
          }))}
        />
      </section>
    </>
  );
}
