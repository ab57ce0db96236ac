import { switchRole } from "@/lib/actions/switch-role";
import type { SessionActor } from "@/lib/auth/actor";
import { roleLabels } from "@/lib/authz/labels";

export function RoleSwitcher({ actor }: { actor: SessionActor }) {
  if (actor.roles.length < 2) return null;
  const current = actor.active ? `${actor.active.centreId}:${actor.active.role}` : undefined;
  return (
    <form action={switchRole} className="flex items-center gap-2 text-sm">
      <label htmlFor="role-switcher" className="font-medium">
        Acting as
      </label>
      <select
        id="role-switcher"
        name="role"
        defaultValue={current}
        className="rounded border border-slate-500 px-2 py-1"
      >
        {actor.roles.map((r) => (
          <option key={`${r.centreId}:${r.role}`} value={`${r.centreId}:${r.role}`}>
            {roleLabels[r.role]} · {r.centreName}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded border border-slate-300 px-2 py-1 font-medium hover:bg-slate-100">
        Switch
      </button>
    </form>
  );
}
