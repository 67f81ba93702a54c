import type { ApiKeySummary } from "@/lib/db/api-keys.ts";
import { RevokeButton } from "./revoke-button.tsx";

/** "2026-11-26 12:00 UTC": the same on the server and in every viewer's time zone. */
function formatTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function When({ at, empty }: { at: Date | null; empty: string }) {
  return at ? <time dateTime={at.toISOString()}>{formatTime(at)}</time> : <span className="text-slate-500">{empty}</span>;
}

export function ApiKeyTable({ keys }: { keys: ApiKeySummary[] }) {
  if (keys.length === 0) {
    return (
      <div role="status" className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
        <p className="font-medium text-slate-800">No API keys yet</p>
        <p className="mt-1">Create one above, then send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code> with each request.</p>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">API keys, active first</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">Name</th>
            <th scope="col" className="px-4 py-2">Key</th>
            <th scope="col" className="px-4 py-2">Service</th>
            <th scope="col" className="px-4 py-2">Scopes</th>
            <th scope="col" className="px-4 py-2">Created</th>
            <th scope="col" className="px-4 py-2">Last used</th>
            <th scope="col" className="px-4 py-2">Status</th>
            <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((key) => (
            <tr key={key.id} data-testid={`api-key-row-${key.prefix}`} className={key.revokedAt ? "text-slate-500" : undefined}>
              <td className="px-4 py-3 font-medium">{key.name}</td>
              <td className="px-4 py-3 font-mono text-xs">{key.prefix}…</td>
              <td className="px-4 py-3">{key.service ? key.service.name : <span className="font-medium">All services</span>}</td>
              <td className="px-4 py-3">{key.scopes.join(", ") || "—"}</td>
              <td className="px-4 py-3">
                <When at={key.createdAt} empty="—" />
                <div className="text-xs text-slate-500">{key.createdByEmail ?? "by the system"}</div>
              </td>
              <td className="px-4 py-3">
                <When at={key.lastUsedAt} empty="Never" />
              </td>
              <td className="px-4 py-3">
                {key.revokedAt ? (
                  <span className="rounded border border-slate-300 bg-slate-100 px-1.5 py-0.5 text-xs font-medium">
                    Revoked <When at={key.revokedAt} empty="" />
                  </span>
                ) : (
                  <span className="rounded border border-healthy/40 bg-healthy-soft px-1.5 py-0.5 text-xs font-medium text-healthy">Active</span>
                )}
              </td>
              <td className="px-4 py-3 text-right">
                {!key.revokedAt && <RevokeButton id={key.id} label={`${key.name} (${key.prefix})`} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
