import { z } from "zod";
import { boundedDate, enrolmentDates } from "../format/date-bounds";
import { MAX_ENROLMENTS_AT_ONCE } from "./limits";

// The inputs of the enrolment operations, shared by the domain functions (which validate
// whatever they are given) and the forms (which show the messages next to each field).

export const enrolmentStatuses = ["ACTIVE", "COMPLETED", "WITHDRAWN"] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

const id = (missing: string) => z.string({ error: missing }).trim().min(1, missing).max(100, missing);

/**
 * One or more values of a checkbox group (or a single value, as the one-enrolment callers give):
 * blanks dropped, repeats removed.
 */
const oneOrMore = (missing: string, maxLength: number) =>
  z.preprocess(
    (value) => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]),
    z
      .array(z.string({ error: missing }).trim().max(maxLength, missing))
      .max(MAX_ENROLMENTS_AT_ONCE, `Choose at most ${MAX_ENROLMENTS_AT_ONCE}.`)
      .transform((values) => [...new Set(values.filter((value) => value.length > 0))])
      .pipe(z.array(z.string()).min(1, missing)),
  );

/** Enrols every chosen candidate on every chosen unit, with the same assessor, IQA and dates. */
export const CreateEnrolmentInput = z
  .object({
    centreId: id("The centre is missing. Reload the page and try again."),
    candidateId: oneOrMore("Choose at least one candidate.", 100),
    unitCode: oneOrMore("Choose at least one unit.", 50),
    assessorId: id("Choose the assessor."),
    iqaId: id("Choose the internal quality assurer."),
    // Bounded (lib/format/date-bounds.ts): a mistyped year is refused here, not stored and carried into every progress view.
    startDate: boundedDate({
      name: "the start date",
      missing: "Enter the start date.",
      range: () => enrolmentDates(),
      example: "2026-03-01",
    }),
    plannedEndDate: boundedDate({
      name: "the planned end date",
      missing: "Enter the planned end date.",
      range: () => enrolmentDates(),
      example: "2026-12-01",
    }),
  })
  .refine((input) => input.plannedEndDate > input.startDate, {
    path: ["plannedEndDate"],
    message: "The planned end date must be after the start date.",
  })
  .refine((input) => input.candidateId.length * input.unitCode.length <= MAX_ENROLMENTS_AT_ONCE, {
    path: ["candidateId"],
    error: (issue) => {
      const input = issue.input as { candidateId: string[]; unitCode: string[] };
      const pairs = input.candidateId.length * input.unitCode.length;
      return `${input.candidateId.length} candidates on ${input.unitCode.length} units would be ${pairs} enrolments; at most ${MAX_ENROLMENTS_AT_ONCE} can be made at once. Choose fewer candidates or units, and enrol the rest in a second go.`;
    },
  });
export type CreateEnrolmentInput = z.input<typeof CreateEnrolmentInput>;

export const ChangeAssessorInput = z.object({
  enrolmentId: id("The enrolment is missing. Reload the page and try again."),
  assessorId: id("Choose the new assessor."),
});
export type ChangeAssessorInput = z.input<typeof ChangeAssessorInput>;

export const WithdrawEnrolmentInput = z.object({
  enrolmentId: id("The enrolment is missing. Reload the page and try again."),
  reason: z
    .string({ error: "Give the reason for the withdrawal." })
    .trim()
    .min(1, "Give the reason for the withdrawal.")
    .max(1000, "Keep the reason to 1000 characters or fewer."),
});
export type WithdrawEnrolmentInput = z.input<typeof WithdrawEnrolmentInput>;

export const ShareWithEqaInput = z.object({
  enrolmentId: id("The enrolment is missing. Reload the page and try again."),
  eqaUserId: id("Choose the external quality assurer."),
  /** Whether it is a date within the allowed days is checked by shareWithEqa, against the centre's today. */
  lastDay: z.string({ error: "Enter the last day of access." }).trim().min(1, "Enter the last day of access."),
});
export type ShareWithEqaInput = z.input<typeof ShareWithEqaInput>;

export const PAGE_SIZE = 25;

export const ListEnrolmentsInput = z.object({
  centreId: id("The centre is missing."),
  page: z.coerce.number().int().min(1).catch(1).default(1),
  unitCode: z.string().trim().max(50).optional().catch(undefined),
  assessorId: z.string().trim().max(100).optional().catch(undefined),
  status: z
    .string()
    .optional()
    .catch(undefined)
    .transform((value) => enrolmentStatuses.find((status) => status === value)),
  search: z.string().trim().max(200).optional().catch(undefined),
});
export type ListEnrolmentsInput = z.input<typeof ListEnrolmentsInput>;
