import { roleLabels } from "../authz/labels";
import { roles, type Role } from "../authz/policy";

function rolesIn(value: unknown, key: string): Role[] {
  if (!value || typeof value !== "object") return [];
  const list = (value as Record<string, unknown>)[key];
  return Array.isArray(list) ? roles.filter((role) => list.includes(role)) : [];
}

function labelList(list: ReadonlyArray<Role>): string {
  return list.length ? list.map((role) => roleLabels[role]).join(", ") : "none";
}

/** An audit event about a person, in words for the admin. */
export function describePersonEvent(event: { action: string; before: unknown; after: unknown }): string {
  switch (event.action) {
    case "person.invite":
      return `Invited to the centre as ${labelList(rolesIn(event.after, "rolesAdded"))}`;
    case "person.importCandidate":
      return "Added as a candidate from a CSV import";
    case "invitation.resend":
      return "New invitation link created";
    case "invitation.accept":
      return "Accepted the invitation";
    case "person.changeRoles":
      return `Roles changed from ${labelList(rolesIn(event.before, "roles"))} to ${labelList(rolesIn(event.after, "roles"))}`;
    case "person.deactivate":
      return "Deactivated at this centre";
    case "person.reactivate":
      return "Reactivated at this centre";
    case "password.resetSent":
      return "Password reset link sent to their email";
    default:
      return event.action;
  }
}
