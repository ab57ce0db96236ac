import { describe, expect, it } from "vitest";
import type { SessionActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { actingCentreId } from "@/lib/people/acting-centre";

// One person, active as assessor at A and admin at B: every admin page must agree on the centre.
const roles = [
  { centreId: "A", centreName: "Centre A", role: "ASSESSOR" as const },
  { centreId: "B", centreName: "Centre B", role: "CENTRE_ADMIN" as const },
];
const actor = (active: (typeof roles)[number]): SessionActor => ({
  userId: "u",
  name: "Pat",
  email: "pat@example.org",
  isPlatformAdmin: false,
  memberships: roles.map(({ centreId, role }) => ({ centreId, role })),
  roles,
  active,
});

/** Whether the People pages (actingCentreId + policy) would act at all, and where. */
function peopleCentre(a: SessionActor): string | null {
  const centreId = actingCentreId(a, "user.list");
  return can(a, "user.list", { kind: "centre", centreId }) ? centreId : null;
}

describe("the centre an admin page acts in", () => {
  it("is none while the person acts as assessor elsewhere, for progress and People pages alike", () => {
    const asAssessor = actor(roles[0]!);
    expect(centreForRole(asAssessor, "CENTRE_ADMIN")).toBeNull();
    expect(peopleCentre(asAssessor)).toBeNull();
  });

  it("is the active centre once they switch to centre admin there, for both", () => {
    const asAdmin = actor(roles[1]!);
    expect(centreForRole(asAdmin, "CENTRE_ADMIN")).toEqual({ centreId: "B", centreName: "Centre B" });
    expect(peopleCentre(asAdmin)).toBe("B");
  });
});
