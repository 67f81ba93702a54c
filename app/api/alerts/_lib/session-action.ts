import { getCurrentUser } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { readBody } from "@/lib/http/read-body.ts";
import { handleApi } from "@/lib/http/respond.ts";
import { contextFor, type Ctx } from "@/lib/services/context.ts";

/** Acknowledging and resolving are a person's acts: a browser session only, never an API key. */
export function sessionAction(req: Request, work: (ctx: Ctx, body: unknown) => Promise<unknown>): Promise<Response> {
  return handleApi(async () => {
    if (req.headers.get("authorization") !== null) {
      throw new AppError("UNAUTHENTICATED", 401, "Acknowledging and resolving alerts needs a signed-in person; API keys cannot.");
    }
    const user = await getCurrentUser();
    if (!user) throw new AppError("UNAUTHENTICATED", 401, "Sign in to acknowledge or resolve alerts.");
    return Response.json(await work(contextFor(user), await jsonBody(req)), { headers: { "cache-control": "no-store" } });
  });
}

/** An empty body is `{}`; anything else must be a JSON object of at most 4 KiB. */
async function jsonBody(req: Request): Promise<unknown> {
  const text = (await readBody(req, 4096)).toString("utf8").trim();
  if (text === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", 400, "The body is not valid JSON; send {} or nothing.");
  }
}
