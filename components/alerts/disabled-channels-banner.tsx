import Link from "next/link";
import { can } from "@/lib/auth/permissions.ts";
import { getCurrentUser } from "@/lib/auth/session.ts";
import { DISABLE_AFTER_FAILURES } from "@/lib/integrations/retry-policy.ts";
import { listDisabledChannelNotices } from "@/lib/services/channels/list-channels.ts";

/**
 * Server component for the dashboard layout: one line per disabled channel, shown to every signed-in user —
 * an alert that cannot be delivered is everyone's concern; admins also get the link to fix it.
 */
export async function DisabledChannelsBanner() {
  const user = await getCurrentUser();
  if (!user) return null;
  const channels = await listDisabledChannelNotices();
  if (channels.length === 0) return null;
  const admin = can(user, "channels.manage");
  return (
    <div role="alert" data-testid="disabled-channels-banner" className="border-b border-critical/40 bg-critical-soft">
      <ul className="mx-auto max-w-7xl space-y-1 px-4 py-2 text-sm text-critical">
        {channels.map((c) => (
          <li key={c.id}>
            Channel <strong>{c.name}</strong> was disabled{c.disabledReason?.startsWith("Disabled after") ? ` after ${DISABLE_AFTER_FAILURES} failed deliveries` : ""} — re-enable in{" "}
            {admin ? (
              <Link href="/settings/channels" className="font-medium underline">
                Settings → Channels
              </Link>
            ) : (
              "Settings → Channels (ask an admin)"
            )}
            .
          </li>
        ))}
      </ul>
    </div>
  );
}
