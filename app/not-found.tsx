import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-10">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-1 text-2xl font-semibold">Nothing here</h1>
      <p className="mt-2 text-slate-600">The page or service you asked for does not exist.</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 hover:underline">
        Back to the portfolio
      </Link>
    </main>
  );
}
