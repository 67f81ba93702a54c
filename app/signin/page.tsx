import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session.ts";
import { SignInForm } from "./_components/sign-in-form.tsx";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getCurrentUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  let target = "/";
  try {
    // Keep only the path and query, whatever form the link carried.
    if (callbackUrl) {
      const url = new URL(callbackUrl, "http://local");
      target = url.pathname + url.search;
    }
  } catch {
    target = "/";
  }
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">LLM Vitals</h1>
        <p className="mt-1 text-sm text-slate-600">Sign in to see how your LLM services are doing.</p>
        <SignInForm callbackUrl={target} />
      </div>
    </main>
  );
}
