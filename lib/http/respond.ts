import { randomUUID } from "node:crypto";
import { AppError, toErrorResponse } from "@/lib/errors.ts";

/** Errors that mean "the database is not there right now" rather than "this request is wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message} ${(error as { code?: string }).code ?? ""}` : "";
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|57P01|57P03|53300|connection terminated|Can't reach database|SQLITE_BUSY|database is locked|P1001|P1017|P2024/i.test(
    text,
  );
}

/** An answer before it becomes a Response (route handlers) or is written to a node:http response (node-ingest.ts). */
export interface ApiReply {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * Runs a route handler body and turns whatever it throws into the product's JSON error shape. A database
 * outage is a 503 with Retry-After (clients retry; nothing was acknowledged), never a 500.
 */
export async function handleApi(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (thrown) {
    return replyToResponse(errorReply(thrown));
  }
}

/** handleApi for work that answers an ApiReply. */
export async function handleApiReply(work: () => Promise<ApiReply>): Promise<ApiReply> {
  try {
    return await work();
  } catch (thrown) {
    return errorReply(thrown);
  }
}

export function replyToResponse({ status, body, headers }: ApiReply): Response {
  return Response.json(body, { status, headers });
}

function errorReply(thrown: unknown): ApiReply {
  const requestId = randomUUID();
  const error = isDatabaseUnavailable(thrown)
    ? new AppError("UNAVAILABLE", 503, "The database is unavailable; retry later. Nothing from this request was stored.")
    : thrown;
  if (error !== thrown) console.error(`[${requestId}] database unavailable:`, thrown);
  const { status, body } = toErrorResponse(error, requestId);
  const headers: Record<string, string> = { "x-request-id": requestId };
  if (status === 503) headers["Retry-After"] = "5";
  if (error instanceof AppError && error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
  return { status, body, headers };
}
