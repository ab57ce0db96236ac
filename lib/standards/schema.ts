import { z } from "zod";

// The shape of a unit file in standards/. Everything the source document says, nothing
// invented: texts are verbatim (only whitespace may differ), rules are data.
// standards/unit.schema.json is generated from this file (npm run standards:schema).

const text = z.string().trim().min(1, "must not be empty");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");

export const criterionKinds = ["performance", "assessment", "outcome", "knowledge", "behaviour", "skill"] as const;
export const CriterionKind = z.enum(criterionKinds);
export type CriterionKind = z.infer<typeof CriterionKind>;

export const groupKinds = [
  "learningOutcome",
  "performanceCriteria",
  "outcomes",
  "behaviours",
  "knowledge",
  "skills",
] as const;

/** How many range items the evidence must cover: every one, or at least n. */
export const RangeRule = z.discriminatedUnion("rule", [
  z.object({ rule: z.literal("all") }).strict(),
  z.object({ rule: z.literal("atLeast"), n: z.number().int().min(1) }).strict(),
]);
export type RangeRule = z.infer<typeof RangeRule>;

export const Range = z
  .object({
    /** The heading the source gives the range, e.g. "Methods to monitor customer service operations". */
    title: text.optional(),
    /** Null when the source lists items without saying how many must be covered. */
    rule: RangeRule.nullable(),
    /** Guidance sentences kept verbatim, e.g. "Here the candidate will evaluate at least two sources of information." */
    guidance: z.array(text).default([]),
    items: z.array(text),
  })
  .strict()
  .superRefine((range, ctx) => {
    if (range.rule?.rule === "atLeast" && range.rule.n > range.items.length) {
      ctx.addIssue({
        code: "custom",
        path: ["rule", "n"],
        message: `asks for at least ${range.rule.n} of only ${range.items.length} items`,
      });
    }
    if (range.rule && range.items.length === 0) {
      ctx.addIssue({ code: "custom", path: ["items"], message: "a range with a rule needs items" });
    }
  });
export type Range = z.infer<typeof Range>;

/**
 * One item of a CASE framework written by another system, as its publisher wrote it
 * (lib/standards/case, ADR 0022): kept so the unit exports back to CASE with the same item
 * types, coding scheme and statements, and so associations naming the item resolve to it.
 */
export const CaseNode = z
  .object({
    /** The CFItem's identifier in the source framework. */
    identifier: text,
    /** The CFItemType as published ("Standard", "Cluster", ...). */
    itemType: text.optional(),
    /** The humanCodingScheme exactly as published; absent when the source gave none. */
    humanCodingScheme: z.string().min(1).optional(),
    /** The fullStatement exactly as published, when it differs from the text kept (ancestors always have it). */
    fullStatement: z.string().min(1).optional(),
  })
  .strict();
export type CaseNode = z.infer<typeof CaseNode>;

export const Criterion = z
  .object({
    /** The reference as the source gives it: "1.2", "CS5/O4", "CS5/B3", "7". */
    ref: text,
    kind: CriterionKind,
    text,
    range: Range.optional(),
    /** Guidance that is not a range list (e.g. CS34 2.1's definition of the service offer), verbatim. */
    guidance: z.array(text).optional(),
    /** Set when the criterion was imported from another system's CASE framework. */
    case: CaseNode.optional(),
  })
  .strict();
export type Criterion = z.infer<typeof Criterion>;

export const Group = z
  .object({
    ref: text.optional(),
    kind: z.enum(groupKinds),
    /** "Understand the management of customer service operations", "You must be able to:", ... */
    title: text,
    /** Evidence methods the source allows for this group (CS34: "Evidence may be supplied by"). */
    assessmentMethods: z.array(text).optional(),
    notes: z.array(text).optional(),
    criteria: z.array(Criterion).min(1, "a group needs at least one criterion"),
    /**
     * Set when the group was imported from another system's CASE framework: the items above the
     * group's item (outermost first), and the group's item itself, absent when the group holds
     * the items that sit directly under the CFDocument.
     */
    case: z
      .object({ ancestors: z.array(CaseNode), item: CaseNode.optional() })
      .strict()
      .optional(),
  })
  .strict();
export type Group = z.infer<typeof Group>;

export const RequirementChecks = z
  .object({
    /** Evidence must come from a real job with real customers. */
    realWorkOnly: z.boolean().optional(),
    /** False where the source says simulation is not allowed. */
    simulationAllowed: z.boolean().optional(),
    /** The assessor must confirm each sub-item is shown by evidence. */
    eachItemEvidenced: z.boolean().optional(),
    /** The assessor must confirm the evidence spans a sufficient period. */
    sufficientPeriod: z.boolean().optional(),
  })
  .strict();

export const EvidenceRequirement = z
  .object({
    ref: text,
    text,
    items: z.array(z.object({ ref: text, text }).strict()).default([]),
    checks: RequirementChecks.default({}),
  })
  .strict();
export type EvidenceRequirement = z.infer<typeof EvidenceRequirement>;

export const UnitFile = z
  .object({
    $schema: z.string().optional(),
    code: text,
    title: text,
    kind: z.enum(["nationalOccupationalStandard", "qualificationUnit"]),
    metadata: z
      .object({
        developedBy: text.optional(),
        originatingOrganisation: text.optional(),
        awardingBody: text.optional(),
        suite: text.optional(),
        level: text.optional(),
        creditValue: z.number().int().positive().optional(),
        version: text.optional(),
        approvedOn: isoDate.optional(),
        reviewOn: isoDate.optional(),
        originalUrn: text.optional(),
        relevantOccupations: z.array(text).optional(),
        keywords: z.array(text).optional(),
        overview: z.array(text).optional(),
        aims: z.array(text).optional(),
      })
      .strict(),
    /** Notes about the transcription itself, e.g. how references were assigned. */
    transcriptionNotes: z.array(text).optional(),
    /** Notes the source makes about the unit as a whole, verbatim. */
    notes: z.array(text).optional(),
    groups: z.array(Group).min(1),
    evidenceRequirements: z.array(EvidenceRequirement).default([]),
  })
  .strict()
  .superRefine((unit, ctx) => {
    const seen = new Map<string, string>();
    unit.groups.forEach((group, g) =>
      group.criteria.forEach((criterion, c) => {
        const key = `${criterion.kind} ${criterion.ref}`;
        const where = `groups[${g}].criteria[${c}]`;
        const first = seen.get(key);
        if (first)
          ctx.addIssue({
            code: "custom",
            path: ["groups", g, "criteria", c, "ref"],
            message: `duplicate reference ${criterion.ref} (${criterion.kind}); first used at ${first}`,
          });
        else seen.set(key, where);
      }),
    );
    const reqRefs = new Set<string>();
    unit.evidenceRequirements.forEach((req, r) => {
      if (reqRefs.has(req.ref))
        ctx.addIssue({
          code: "custom",
          path: ["evidenceRequirements", r, "ref"],
          message: `duplicate requirement reference ${req.ref}`,
        });
      reqRefs.add(req.ref);
    });
  });
export type UnitFile = z.infer<typeof UnitFile>;
