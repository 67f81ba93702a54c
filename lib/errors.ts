import { ZodError } from "zod";

// One error type for what a client may be told, and one mapper from any thrown value to the JSON body
// `{ error: { code, message, issues? } }`. Unknown errors never leak their message.

export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "UNPROCESSABLE"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "INTERNAL";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly publicMessage: string,
    /** For 429 and 503: how long the client should wait before retrying. */
    readonly retryAfterSeconds?: number,
  ) {
    super(publicMessage);
    this.name = "AppError";
  }
}

export interface ErrorIssue {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: ErrorIssue[]; requestId?: string };
}

/** "events.3.latency_ms" style paths, the form every error message in the product uses. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(root)" : path.map(String).join(".");
}

export function zodIssues(error: ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({ path: issuePath(issue.path), message: messageOf(issue) }));
}

/** zod reports a bad record key as "Invalid key in record" and nests the reason; the reason is what helps. */
function messageOf(issue: ZodError["issues"][number]): string {
  if (issue.code === "invalid_key") {
    const reason = issue.issues[0]?.message;
    if (reason) return `Invalid key: ${reason}`;
  }
  return issue.message;
}

export function toErrorResponse(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: error.status, body: { error: { code: error.code, message: error.publicMessage } } };
  }
  if (error instanceof ZodError) {
    return {
      status: 400,
      body: { error: { code: "BAD_REQUEST", message: "The request is not valid.", issues: zodIssues(error) } },
    };
  }
  console.error(`[${requestId}]`, error);
  return {
    status: 500,
    body: { error: { code: "INTERNAL", message: "Something went wrong on our side.", requestId } },
  };
}
