import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session.ts";
import { MainNav } from "./_components/main-nav.tsx";
import { signOutAction } from "./actions.ts";
import { DisabledChannelsBanner } from "@/components/alerts/disabled-channels-banner.tsx";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <span className="text-lg font-semibold tracking-tight">LLM Vitals</span>
          <MainNav />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span data-testid="current-user">
              <span className="font-medium">{user.name}</span>{" "}
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase tracking-wide text-slate-700">{user.role}</span>
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <DisabledChannelsBanner />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
