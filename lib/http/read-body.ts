import { gunzip } from "node:zlib";
import { promisify } from "node:util";
import { AppError } from "@/lib/errors.ts";

const gunzipAsync = promisify(gunzip);

/** 5 MiB: the largest body ingest accepts, before and after gzip (DESIGN.md §3). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * A request body and its headers, whichever server received it: a Fetch API Request in route handlers
 * (webBody), a node:http request on the server's own ingest path (lib/http/node-ingest.ts).
 */
export interface BodySource {
  header(name: string): string | null;
  /** The bytes as sent; stops reading and throws the 413 past `maxBytes`. */
  readRaw(maxBytes: number): Promise<Buffer>;
}

export function webBody(req: Request): BodySource {
  return { header: (name) => req.headers.get(name), readRaw: (maxBytes) => readLimited(req, maxBytes) };
}

/**
 * Reads a request body, enforcing the size limit on the bytes as sent (streaming: it stops reading past the
 * limit) and, for gzip, on the bytes after decompression, so a small gzip bomb cannot inflate into memory.
 */
export function readBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  return readBodyFrom(webBody(req), maxBytes);
}

export async function readBodyFrom(source: BodySource, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(source.header("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const encoding = (source.header("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", 415, `Content-Encoding "${encoding}" is not supported; send identity or gzip.`);
  }
  const raw = await source.readRaw(maxBytes);
  if (encoding === "identity") return raw;
  try {
    return await gunzipAsync(raw, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxBytes);
    throw new AppError("BAD_REQUEST", 400, "The body is not valid gzip.");
  }
}

async function readLimited(req: Request, maxBytes: number): Promise<Buffer> {
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", 413, `The body is larger than ${maxBytes / 1024 / 1024} MiB; split the batch.`);
}

/** Accepts a Content-Type of `application/json` (with any parameters such as charset); anything else is a 415. */
export function assertJsonContentType(contentType: string | null): void {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", 415, `Content-Type must be application/json; got "${type || "none"}".`);
  }
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new AppError("BAD_REQUEST", 400, `The body is not valid JSON: ${(error as Error).message}`);
  }
}
