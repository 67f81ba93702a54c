import { readPrincipal } from "@/lib/http/read-principal.ts";
import { handleApi } from "@/lib/http/respond.ts";
import { toJson, toYaml } from "@/lib/schemas/score-config.ts";
import { exportActiveConfig } from "@/lib/services/configs/export-config.ts";

export const dynamic = "force-dynamic";

/** YAML when the client asks for it (Accept: application/yaml or text/yaml), JSON otherwise. */
function wantsYaml(req: Request): boolean {
  return /\b(application|text)\/(x-)?yaml\b/i.test(req.headers.get("accept") ?? "");
}

/** GET /api/services/{slug}/config — the active config as a file, its version in X-Config-Version. */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return handleApi(async () => {
    const principal = await readPrincipal(req, new Date());
    const { version, config } = await exportActiveConfig(principal, slug);
    const yaml = wantsYaml(req);
    return new Response(yaml ? toYaml(config) : toJson(config), {
      headers: {
        "content-type": yaml ? "application/yaml; charset=utf-8" : "application/json; charset=utf-8",
        "x-config-version": String(version),
        "cache-control": "no-store",
        vary: "accept",
      },
    });
  });
}
