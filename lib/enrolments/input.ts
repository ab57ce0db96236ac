import { z } from "zod";
import { AppError, fieldErrorsOf } from "../errors";
import { boundedDate, enrolmentDates } from "../format/date-bounds";

// The inputs of the enrolment operations, shared by the domain functions (which validate
// whatever they are given) and the forms (which show the messages next to each field).

export const enrolmentStatuses = ["ACTIVE", "COMPLETED", "WITHDRAWN"] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

/** A failure the user can fix: a message for the summary, and messages per form field. */
export class EnrolmentInputError extends AppError {
  constructor(
    userMessage: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(userMessage);
  }

  static forField(field: string, message: string): EnrolmentInputError {
    return new EnrolmentInputError(message, { [field]: [message] });
  }
}

const id = (missing: string) => z.string({ error: missing }).trim().min(1, missing).max(100, missing);

export const CreateEnrolmentInput = z
  .object({
    centreId: id("The centre is missing. Reload the page and try again."),
    candidateId: id("Choose the candidate."),
    unitCode: z.string({ error: "Choose the unit." }).trim().min(1, "Choose the unit.").max(50, "Choose the unit."),
    assessorId: id("Choose the assessor."),
    iqaId: id("Choose the internal quality assurer."),
    // Bounded (lib/format/date-bounds.ts): a mistyped year is refused here, not stored and carried into every progress view.
    startDate: boundedDate({ name: "the start date", missing: "Enter the start date.", range: () => enrolmentDates(), example: "2026-03-01" }),
    plannedEndDate: boundedDate({ name: "the planned end date", missing: "Enter the planned end date.", range: () => enrolmentDates(), example: "2026-12-01" }),
  })
  .refine((input) => input.plannedEndDate > input.startDate, {
    path: ["plannedEndDate"],
    message: "The planned end date must be after the start date.",
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

/** Parses input, or throws an EnrolmentInputError carrying a message for every field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors = fieldErrorsOf(result.error);
  const count = Object.keys(fieldErrors).length;
  throw new EnrolmentInputError(count === 1 ? "There is a problem with one answer. Correct it and try again." : `There are problems with ${count} answers. Correct them and try again.`, fieldErrors);
}
