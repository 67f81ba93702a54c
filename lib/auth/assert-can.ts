import { AppError } from "@/lib/errors.ts";
import { can, type Action, type Actor, type Resource } from "./permissions.ts";

/** For use cases: throws 403 unless the permissions table allows the action. */
export function assertCan(actor: Actor, action: Action, resource?: Resource): void {
  if (!can(actor, action, resource)) {
    throw new AppError("FORBIDDEN", 403, "Your role does not allow this.");
  }
}
