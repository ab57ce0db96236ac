import type { CriterionKind, Group } from "../schema";

// The CASE item types of a unit's objects. CFItemType is free text in CASE; a package declares
// the ones it uses in CFDefinitions.CFItemTypes, and import reads them back by title.

export type GroupKind = Group["kind"];
export type ItemTypeDefinition = { title: string; typeCode: string; description: string };

export const groupTypes: Record<GroupKind, ItemTypeDefinition> = {
  learningOutcome: {
    title: "Learning Outcome",
    typeCode: "group.learningOutcome",
    description: "A learning outcome of a qualification unit; its assessment criteria are its children.",
  },
  performanceCriteria: {
    title: "Performance Criteria Group",
    typeCode: "group.performanceCriteria",
    description: 'The performance criteria of a standard ("You must be able to").',
  },
  outcomes: {
    title: "Outcomes Group",
    typeCode: "group.outcomes",
    description: "The outcomes of effective performance.",
  },
  behaviours: {
    title: "Behaviours Group",
    typeCode: "group.behaviours",
    description: "The behaviours which underpin effective performance.",
  },
  knowledge: {
    title: "Knowledge Group",
    typeCode: "group.knowledge",
    description: "A group of knowledge and understanding statements.",
  },
  skills: { title: "Skills Group", typeCode: "group.skills", description: "The skills a standard lists." },
};

export const criterionTypes: Record<CriterionKind, ItemTypeDefinition> = {
  performance: {
    title: "Performance Criterion",
    typeCode: "criterion.performance",
    description: "Something the candidate must be able to do at work.",
  },
  assessment: {
    title: "Assessment Criterion",
    typeCode: "criterion.assessment",
    description: "What the candidate must show to meet a learning outcome.",
  },
  outcome: { title: "Outcome", typeCode: "criterion.outcome", description: "An outcome of effective performance." },
  knowledge: {
    title: "Knowledge",
    typeCode: "criterion.knowledge",
    description: "Something the candidate must know and understand.",
  },
  behaviour: {
    title: "Behaviour",
    typeCode: "criterion.behaviour",
    description: "A behaviour which underpins effective performance.",
  },
  skill: { title: "Skill", typeCode: "criterion.skill", description: "A skill the candidate must show." },
};

export const rangeItemType: ItemTypeDefinition = {
  title: "Range Item",
  typeCode: "rangeItem",
  description:
    "One item of a criterion's range. The criterion's notes give the range heading, how many items the evidence must cover, and guidance.",
};
export const requirementType: ItemTypeDefinition = {
  title: "Evidence Requirement",
  typeCode: "requirement",
  description: "A rule about the evidence for the whole unit, checked when the unit is signed off.",
};
export const requirementItemType: ItemTypeDefinition = {
  title: "Evidence Requirement Item",
  typeCode: "requirement.item",
  description: "One item an evidence requirement lists.",
};

export const allItemTypes: ItemTypeDefinition[] = [
  ...Object.values(groupTypes),
  ...Object.values(criterionTypes),
  rangeItemType,
  requirementType,
  requirementItemType,
];

export const typeKey = (type: string | null | undefined) => (type ?? "").trim().replace(/\s+/g, " ").toLowerCase();
export const groupKindByType = new Map(
  Object.entries(groupTypes).map(([kind, def]) => [typeKey(def.title), kind as GroupKind]),
);
export const criterionKindByType = new Map(
  Object.entries(criterionTypes).map(([kind, def]) => [typeKey(def.title), kind as CriterionKind]),
);

export const groupKindForCriterion: Record<CriterionKind, GroupKind> = {
  performance: "performanceCriteria",
  assessment: "learningOutcome",
  outcome: "outcomes",
  knowledge: "knowledge",
  behaviour: "behaviours",
  skill: "skills",
};
export const criterionKindForGroup: Record<GroupKind, CriterionKind> = {
  learningOutcome: "assessment",
  performanceCriteria: "performance",
  outcomes: "outcome",
  behaviours: "behaviour",
  knowledge: "knowledge",
  skills: "skill",
};
