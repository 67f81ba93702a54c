"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Admins only (the page hides it otherwise; the API refuses anyone else): saves the report as shown and opens it. */
export function SaveSnapshotButton({ search }: { search: string }) {
  const router = useRouter();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const res = await fetch("/api/reports/snapshots", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(Object.fromEntries(new URLSearchParams(search))),
      });
      const body = (await res.json().catch(() => null)) as { id?: string; error?: { message?: string } } | null;
      if (!res.ok || !body?.id) throw new Error(body?.error?.message ?? `The snapshot was not saved (HTTP ${res.status}).`);
      router.push(`/reports/snapshots/${body.id}`);
    } catch (e) {
      setError((e as Error).message);
      setSaving(false);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void save()} disabled={saving} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white hover:bg-slate-700 disabled:opacity-60">
        {saving ? "Saving…" : "Save as snapshot"}
      </button>
      {error && <p role="alert" className="w-full text-sm text-critical">{error}</p>}
    </>
  );
}
