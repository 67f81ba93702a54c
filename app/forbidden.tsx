import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl p-10">
      <p className="text-sm font-semibold text-critical">403</p>
      <h1 className="mt-1 text-2xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-slate-600">Your role does not include this area. If you need it, ask an admin to change your role.</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 hover:underline">
        Back to the portfolio
      </Link>
    </main>
  );
}
