import { AppError } from "@/lib/errors.ts";
import { isUniqueViolation } from "@/lib/db/client.ts";

const ATTEMPTS = 3;


/**
 * Version numbers are max + 1 per service, unique per service. The audit lock serialises numbering on
 * PostgreSQL, but if two writers ever pick the same number (another writer outside the lock, a replica on an
 * older release) the unique index refuses one: it retries with a fresh number, then gives up with a 409.
 */
export async function withFreshVersionNumber<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= ATTEMPTS) throw new AppError("CONFLICT", 409, "Another version of this service was saved at the same moment; try again.");
    }
  }
}
