import { getCurrentUser } from "@/lib/auth/session.ts";
import { AppError } from "@/lib/errors.ts";
import { assertJsonContentType, readBody } from "@/lib/http/read-body.ts";
import { handleApi } from "@/lib/http/respond.ts";
import { ConfigInvalidError } from "@/lib/services/configs/config-invalid.ts";
import { proposerForKey } from "@/lib/services/configs/key-proposer.ts";
import { proposeConfig } from "@/lib/services/configs/propose-config.ts";
import { contextFor } from "@/lib/services/context.ts";

export const dynamic = "force-dynamic";

const MAX_PROPOSAL_BYTES = 512 * 1024;

async function parseJson(req: Request): Promise<unknown> {
  // JSON only: a cross-site form can post text/plain with the browser's cookies, never application/json.
  assertJsonContentType(req.headers.get("content-type"));
  const text = (await readBody(req, MAX_PROPOSAL_BYTES)).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", 400, 'The body is not JSON: send {"config": "<yaml or json text>", "format": "yaml", "rationale": "…"}.');
  }
}

/**
 * POST /api/services/{slug}/config/proposals — config as code: {config, format, rationale} becomes a pending
 * proposal (it still needs a reviewer in the UI). A `propose` API key acts for its creator; without a key, the
 * signed-in owner (or admin). A config that does not validate is a 422 listing each problem with its line.
 */
export async function POST(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return handleApi(async () => {
    const now = new Date();
    const header = req.headers.get("authorization");
    let actor;
    if (header !== null) {
      actor = await proposerForKey(header, slug, now);
    } else {
      const user = await getCurrentUser();
      if (!user) throw new AppError("UNAUTHENTICATED", 401, "Sign in, or send an API key with the propose scope: Authorization: Bearer lvk_…");
      actor = { user, via: undefined };
    }
    const body = await parseJson(req);
    try {
      const proposal = await proposeConfig(contextFor(actor.user, now), slug, body as never, actor.via);
      return Response.json(proposal, { status: 201, headers: { "x-config-version": String(proposal.version) } });
    } catch (error) {
      if (!(error instanceof ConfigInvalidError)) throw error;
      return Response.json(
        { error: { code: "UNPROCESSABLE", message: error.publicMessage, issues: error.issues } },
        { status: 422 },
      );
    }
  });
}
