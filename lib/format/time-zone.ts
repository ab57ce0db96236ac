// One place for the time zone a centre's dates are shown and read in when none is known.
// prisma/schema.prisma gives Centre.timeZone the same default (tests/unit/time-zone.test.ts checks).

/** Centres run on UK time unless their admin sets another zone. */
export const DEFAULT_TIME_ZONE = "Europe/London";

/** The zone a centre's dates are shown and read in: its own, else the default. */
export function timeZoneOf(centre: { timeZone?: string | null } | null | undefined): string {
  return centre?.timeZone || DEFAULT_TIME_ZONE;
}
