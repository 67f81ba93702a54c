import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requirePermission } from "@/lib/auth/session.ts";
import { listUsers } from "@/lib/db/users.ts";
import { CreateUserForm } from "./_components/create-user-form.tsx";
import { UserTable } from "./_components/user-table.tsx";

export const metadata: Metadata = { title: "Users and roles" };

export default async function UsersPage() {
  const admin = await requirePermission("users.manage");
  const users = await listUsers();
  return (
    <>
      <PageHeader
        title="Users and roles"
        description="Role changes and disabled accounts take effect on the user's next request; a disabled account cannot sign in. Every change is written to the audit log."
      />
      <section aria-labelledby="add-user-heading" className="mb-8 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="add-user-heading" className="text-lg font-semibold">
          Add a person
        </h2>
        <CreateUserForm />
      </section>
      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="mb-3 text-lg font-semibold">
          All people
        </h2>
        <UserTable users={users} currentUserId={admin.id} />
      </section>
    </>
  );
}
