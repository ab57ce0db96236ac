import { z } from "zod";

// The inputs of the mapping and submission operations, shared by the domain functions (which
// validate whatever they are given) and the server actions (which pass form data straight in).

const id = (missing: string) => z.string({ error: missing }).trim().min(1, missing).max(100, missing);

const rangeItemIds = z
  .array(z.string().trim().min(1).max(100), {
    error: "The range items could not be read. Reload the page and try again.",
  })
  .max(200, "Too many range items were sent. Reload the page and try again.")
  .default([])
  .transform((ids) => [...new Set(ids)]);

export const ProposeMappingInput = z.object({
  evidenceId: id("Choose the evidence to map."),
  enrolmentId: id("The unit is missing. Reload the page and try again."),
  criterionId: id("The criterion is missing. Reload the page and try again."),
  rangeItemIds,
});
export type ProposeMappingInput = z.input<typeof ProposeMappingInput>;

/** At most this many claims in one step: a criterion and its equivalents in the candidate's other units. */
export const MAX_CLAIMS_AT_ONCE = 20;

const claim = z.object({
  enrolmentId: id("The unit is missing. Reload the page and try again."),
  criterionId: id("The criterion is missing. Reload the page and try again."),
  rangeItemIds,
});

export const ProposeMappingsInput = z.object({
  evidenceId: id("Choose the evidence to map."),
  claims: z
    .array(claim, { error: "The criteria could not be read. Reload the page and try again." })
    .min(1, "Choose a criterion to map to.")
    .max(MAX_CLAIMS_AT_ONCE, `Map to at most ${MAX_CLAIMS_AT_ONCE} criteria at once.`)
    .refine(
      (claims) => new Set(claims.map((c) => `${c.enrolmentId} ${c.criterionId}`)).size === claims.length,
      "The same criterion was sent twice. Reload the page and try again.",
    ),
});
export type ProposeMappingsInput = z.input<typeof ProposeMappingsInput>;

export const UpdateMappingRangeInput = z.object({
  mappingId: id("The mapping is missing. Reload the page and try again."),
  rangeItemIds,
});
export type UpdateMappingRangeInput = z.input<typeof UpdateMappingRangeInput>;

export const RemoveMappingInput = z.object({
  mappingId: id("The mapping is missing. Reload the page and try again."),
});
export type RemoveMappingInput = z.input<typeof RemoveMappingInput>;

export const SearchMappableCriteriaInput = z.object({
  query: z.string().max(500, "Keep the search to 500 characters or fewer.").default(""),
  evidenceId: id("The evidence is missing. Reload the page and try again.").optional(),
});
export type SearchMappableCriteriaInput = z.input<typeof SearchMappableCriteriaInput>;
