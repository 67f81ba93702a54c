import { verifyAuditChain } from "@/lib/services/audit/verify-audit.ts";
import type { Command } from "./main.ts";

const USAGE = `Usage: npx vitals audit verify

Recomputes the audit log's hash chain row by row. Exit 0: "audit chain OK: N rows"; exit 1 names the first
broken row and why (its content was altered, or a row before it was removed or inserted).`;

export const auditCommand: Command = {
  summary: "verify the audit log's hash chain (tampering is detectable)",
  usage: USAGE,
  async run(args) {
    if (args[0] !== "verify") {
      console.error(USAGE);
      return 2;
    }
    const result = await verifyAuditChain();
    if (result.ok) {
      console.log(`audit chain OK: ${result.rows} rows`);
      return 0;
    }
    console.log(`audit chain broken at row ${result.firstBrokenId}: ${result.reason}`);
    return 1;
  },
};
