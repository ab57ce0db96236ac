import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type SessionActor } from "@/lib/auth/actor";
import { ForbiddenError, type Role } from "@/lib/authz/policy";
import { CANDIDATES_LISTED, findCandidates } from "@/lib/enrolments/enrolment-options";
import { provider, useMigratedDb } from "../helpers/test-db";

// The enrolment form's candidate search against a real database: a centre with more candidates
// than the form lists at once, searched by name and email whatever the case, only this centre's
// candidates whose role is not ended, invited ones by the name the centre typed, and nobody
// but the centre's admins may search.

const state = useMigratedDb();
const ids: Record<string, string> = {};
const centres = { a: "", b: "" };

async function person(
  key: string,
  name: string,
  centre: keyof typeof centres,
  role: Role,
  membership: { endedAt?: Date; awaitingAcceptance?: boolean; invitedName?: string } = {},
) {
  const user = await state.db.user.create({ data: { email: `${key}@search.test`, name } });
  await state.db.membership.create({ data: { userId: user.id, centreId: centres[centre], role, ...membership } });
  ids[key] = user.id;
}

async function actor(key: string): Promise<SessionActor> {
  const loaded = await loadActor(state.db, ids[key] ?? "");
  if (!loaded) throw new Error(`cannot load ${key}`);
  return loaded;
}

const names = (found: { candidates: { name: string }[] }) => found.candidates.map((c) => c.name);

describe(`the enrolment form's candidate search on ${provider}`, () => {
  const many = CANDIDATES_LISTED + 10;

  beforeAll(async () => {
    const db = state.db;
    centres.a = (await db.centre.create({ data: { slug: "search-a", name: "Alpha", timeZone: "Europe/London" } })).id;
    centres.b = (await db.centre.create({ data: { slug: "search-b", name: "Beta", timeZone: "Europe/London" } })).id;
    await person("adminA", "Ann Admin", "a", "CENTRE_ADMIN");
    await person("adminB", "Bob Admin", "b", "CENTRE_ADMIN");
    for (let i = 0; i < many; i++)
      await person(`cand${i}`, `Cohort Candidate ${String(i).padStart(3, "0")}`, "a", "CANDIDATE");
    await person("DEV.SHAH", "Dev Shah", "a", "CANDIDATE");
    await person("devassessor", "Dev Assessor", "a", "ASSESSOR");
    await person("devbeta", "Dev Beta", "b", "CANDIDATE");
    await person("ended", "Dev Ended", "a", "CANDIDATE", { endedAt: new Date("2026-01-01T00:00:00Z") });
    await person("invited", "Account Holder", "a", "CANDIDATE", {
      awaitingAcceptance: true,
      invitedName: "Ivy Invited",
    });
  });

  it("lists the first candidates by name and says how many there are", async () => {
    const found = await findCandidates(state.db, await actor("adminA"), centres.a, "");
    expect(found.matching).toBe(many + 2); // the cohort, Dev Shah and the invited one
    expect(found.candidates).toHaveLength(CANDIDATES_LISTED);
    expect(names(found)).toEqual([...names(found)].sort((x, y) => x.localeCompare(y, "en")));
    expect(names(found)[0]).toBe("Cohort Candidate 000");
  });

  it("finds a candidate beyond the first page by part of the name or email, whatever the case", async () => {
    const admin = await actor("adminA");
    const last = `Cohort Candidate ${String(many - 1).padStart(3, "0")}`;
    expect(names(await findCandidates(state.db, admin, centres.a, "candidate 0" + String(many - 1)))).toEqual([last]);
    const dev = await findCandidates(state.db, admin, centres.a, "  DEV ");
    // Not the assessor, not the ended role, not another centre's candidate.
    expect(dev).toMatchObject({ query: "DEV", matching: 1 });
    expect(dev.candidates).toEqual([{ id: ids["DEV.SHAH"], name: "Dev Shah", email: "DEV.SHAH@search.test" }]);
    expect(names(await findCandidates(state.db, admin, centres.a, "dev.shah@SEARCH"))).toEqual(["Dev Shah"]);
    expect(names(await findCandidates(state.db, admin, centres.a, "shah dev"))).toEqual(["Dev Shah"]);
  });

  it("shows an invited candidate by the name the centre typed, and never searches the account's own name", async () => {
    const admin = await actor("adminA");
    expect(names(await findCandidates(state.db, admin, centres.a, "ivy"))).toEqual(["Ivy Invited"]);
    expect((await findCandidates(state.db, admin, centres.a, "account holder")).matching).toBe(0);
  });

  it("takes % and _ as themselves", async () => {
    const admin = await actor("adminA");
    expect((await findCandidates(state.db, admin, centres.a, "%")).matching).toBe(0);
    expect((await findCandidates(state.db, admin, centres.a, "_")).matching).toBe(0);
  });

  it("finds only candidates enrolled at the centre when the form asks for them (an EQA visit's scope)", async () => {
    const unit = await state.db.unit.create({ data: { code: "SEARCH1" } });
    const version = await state.db.unitVersion.create({
      data: { unitId: unit.id, number: 1, title: "Search unit", kind: "unit", contentHash: "search", document: {} },
    });
    const enrol = (candidate: string, centre: keyof typeof centres) =>
      state.db.enrolment.create({
        data: {
          centreId: centres[centre],
          candidateId: ids[candidate] ?? "",
          unitVersionId: version.id,
          startDate: new Date("2026-01-05T00:00:00Z"),
          plannedEndDate: new Date("2026-09-30T00:00:00Z"),
          startMs: 0n,
          endMs: 1n,
          greenUntilMs: 1n,
          amberUntilMs: 1n,
        },
      });
    await enrol("DEV.SHAH", "a");
    await enrol("cand1", "b"); // enrolled, but at the other centre
    const admin = await actor("adminA");
    const enrolled = await findCandidates(state.db, admin, centres.a, "", { enrolledOnly: true });
    expect(enrolled).toMatchObject({ matching: 1 });
    expect(names(enrolled)).toEqual(["Dev Shah"]);
    expect((await findCandidates(state.db, admin, centres.a, "cohort", { enrolledOnly: true })).matching).toBe(0);
    expect((await findCandidates(state.db, admin, centres.a, "cohort")).matching).toBe(many);
  });

  it("refuses another centre's admin and anyone who is not an admin", async () => {
    await expect(findCandidates(state.db, await actor("adminB"), centres.a, "dev")).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(findCandidates(state.db, await actor("devassessor"), centres.a, "")).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const own = await findCandidates(state.db, await actor("adminB"), centres.b, "dev");
    expect(names(own)).toEqual(["Dev Beta"]);
  });
});
