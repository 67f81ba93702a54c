import type { UserSummary } from "@/lib/db/users.ts";
import { DisableButton, RoleSelect } from "./user-controls.tsx";

export function UserTable({ users, currentUserId }: { users: UserSummary[]; currentUserId: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Users</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">User</th>
            <th scope="col" className="px-4 py-2">Role</th>
            <th scope="col" className="px-4 py-2">Status</th>
            <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((user) => {
            const self = user.id === currentUserId;
            return (
              <tr key={user.id} data-testid={`user-row-${user.email}`}>
                <td className="px-4 py-3">
                  <div className="font-medium">{user.name}</div>
                  <div className="text-xs text-slate-500">{user.email}</div>
                </td>
                <td className="px-4 py-3">
                  {/* keyed by role: a saved change remounts the form with the new value as its default */}
                  <RoleSelect key={user.role} userId={user.id} email={user.email} role={user.role} disabled={self} />
                </td>
                <td className="px-4 py-3">{user.disabled ? "Disabled" : "Active"}</td>
                <td className="px-4 py-3 text-right">
                  {!self && <DisableButton userId={user.id} email={user.email} disabled={user.disabled} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
