import { roleLabels } from "@/lib/authz/labels";
import { roles } from "@/lib/authz/policy";

/** A checkbox per role, sent as "roles"; each box's id is the prefix, a dash and the role. */
export function RoleCheckboxes({
  idPrefix,
  checked,
  describedBy,
}: {
  idPrefix: string;
  checked: ReadonlyArray<string>;
  /** The ids of what describes every box (the group's error, say). */
  describedBy?: string;
}) {
  return (
    <div className="mt-2 space-y-2">
      {roles.map((role) => (
        <div key={role} className="flex items-center gap-2">
          <input
            id={`${idPrefix}-${role}`}
            name="roles"
            type="checkbox"
            value={role}
            defaultChecked={checked.includes(role)}
            aria-describedby={describedBy}
            className="h-5 w-5"
          />
          <label htmlFor={`${idPrefix}-${role}`}>{roleLabels[role]}</label>
        </div>
      ))}
    </div>
  );
}
