// Client-side reads of the JSON APIs: an error body's message becomes the thrown Error's message, so error
// states can say what went wrong (the APIs never put internals in it).

/** How often live views refresh the current window. */
export const REFRESH_MS = 30_000;

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { cache: "no-store", signal, headers: { accept: "application/json" } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new Error(message ?? `The server answered ${res.status}.`);
  }
  return body as T;
}

/** A query string from the defined entries only. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Replaces the address bar's query without a navigation (Next's router keeps useSearchParams in sync). */
export function replaceQuery(params: Record<string, string | number | undefined | null>, push = false): void {
  const url = `${window.location.pathname}${queryString(params)}`;
  if (push) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}
