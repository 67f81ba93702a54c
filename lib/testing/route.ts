import { gzipSync } from "node:zlib";

export interface CallOptions {
  body?: unknown;
  /** Sent as is (no JSON encoding) when a string or bytes. */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
  gzip?: boolean;
}

/** Builds a web Request the way a client would send it, for calling a route handler module directly. */
export function jsonRequest(url: string, options: CallOptions = {}): Request {
  let payload: string | Uint8Array | undefined = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (options.gzip && payload !== undefined) {
    payload = gzipSync(payload);
    headers["content-encoding"] = "gzip";
  }
  return new Request(`http://localhost${url}`, { method: "POST", headers, body: payload as BodyInit | undefined });
}
