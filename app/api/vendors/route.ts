import { readApi } from "@/lib/http/read-api.ts";
import { VendorQuery } from "@/lib/schemas/vendors.ts";
import { getVendors } from "@/lib/services/vendors/get-vendors.ts";

export const dynamic = "force-dynamic";

/**
 * GET /api/vendors?period=week|month|quarter|custom&date=YYYY-MM-DD (or from=…&to=… for custom) — session or an
 * API key with `read`: the VendorReport (lib/domain/vendors/build.ts), the figures of the /vendors page.
 */
export function GET(req: Request): Promise<Response> {
  return readApi(req, VendorQuery, getVendors);
}
