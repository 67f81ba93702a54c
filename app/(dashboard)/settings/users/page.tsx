import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requirePermission } from "@/lib/auth/session.ts";
import { listUsers } from "@/lib/db/users.ts";
import { UserTable } from "./_components/user-table.tsx";

export const metadata: Metadata = { title: "Users and roles" };

export default async function UsersPage() {
  const admin = await requirePermission("users.manage");
  const users = await listUsers();
  return (
    <>
      <PageHeader
        title="Users and roles"
        description="Role changes and disabled accounts take effect on the user's next request. Every change is written to the audit log."
      />
      <UserTable users={users} currentUserId={admin.id} />
    </>
  );
}
