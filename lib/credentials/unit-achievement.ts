import { unitToCasePackage } from "../standards/case/export";
import { caseIds } from "../standards/case/identifiers";
import type { UnitFile } from "../standards/schema";
import { credentialUrls } from "./urls";

// The Open Badges Achievement of a unit version: what the unit is, what it took, and where it
// sits in the published standard. The alignments point at this app's own CASE 1.0 endpoints
// (/ims/case/v1p0/), with the same identifiers and URIs the CASE export mints for the version.

export type Alignment = {
  type: ["Alignment"];
  targetType: string;
  targetName: string;
  targetUrl: string;
  targetCode: string;
  targetFramework: string;
};

export type UnitAchievement = {
  id: string;
  type: ["Achievement"];
  achievementType: "Competency";
  name: string;
  description: string;
  humanCode: string;
  version: string;
  inLanguage: "en";
  criteria: { id: string; narrative: string };
  alignment: Alignment[];
};

function criteriaNarrative(unit: UnitFile, versionNumber: number): string {
  const lines = unit.groups.flatMap((group) => group.criteria.map((c) => `- ${c.ref} ${c.text}`));
  const requirements =
    unit.evidenceRequirements.length > 0
      ? ` and each of its ${unit.evidenceRequirements.length} evidence requirements was confirmed`
      : "";
  return [
    `Signed off by the centre's assessor once every criterion of ${unit.code} (version ${versionNumber}) was judged met from the candidate's own evidence${requirements}, and the candidate had declared the portfolio their own work. The criteria:`,
    "",
    ...lines,
  ].join("\n");
}

/**
 * The unit version as an Achievement, the same for every centre and candidate (its id is the
 * version's public page). achievementType "Competency": a unit of competence is
 * signed off when the candidate has shown every criterion at work, which is what 1EdTech's
 * Competency names; an "ext:" value would be opaque to the wallets and records that read it.
 */
export function unitAchievement(unit: UnitFile, versionNumber: number, options: { baseUrl: string }): UnitAchievement {
  const pkg = unitToCasePackage(unit, versionNumber, { baseUrl: options.baseUrl });
  const framework = `${unit.code} ${unit.title} (version ${versionNumber})`;
  const itemUri = new Map(pkg.CFItems.map((item) => [item.identifier, item.uri]));
  const criteria = unit.groups.flatMap((group) => group.criteria);
  const alignment: Alignment[] = [
    {
      type: ["Alignment"],
      // A CFDocument is not one of the enumerated target types, which name nodes; "ext:" says so.
      targetType: "ext:CFDocument",
      targetName: `${unit.code} ${unit.title}`,
      targetUrl: pkg.CFDocument.uri,
      targetCode: unit.code,
      targetFramework: framework,
    },
    ...criteria.map((criterion) => {
      const identifier = caseIds.criterion(unit.code, versionNumber, criterion.kind, criterion.ref);
      const uri = itemUri.get(identifier);
      if (!uri) throw new Error(`CASE package of ${unit.code} v${versionNumber} lacks criterion ${criterion.ref}`);
      return {
        type: ["Alignment"] as ["Alignment"],
        targetType: "CFItem",
        targetName: criterion.text,
        targetUrl: uri,
        targetCode: criterion.ref,
        targetFramework: framework,
      };
    }),
  ];
  const page = credentialUrls(options.baseUrl).unitVersion(unit.code, versionNumber);
  const about = [...(unit.metadata.overview ?? []), ...(unit.metadata.aims ?? [])].join("\n\n");
  return {
    id: page,
    type: ["Achievement"],
    achievementType: "Competency",
    name: `${unit.code} ${unit.title}`,
    description: about || `The unit ${unit.code} ${unit.title}, version ${versionNumber}.`,
    humanCode: unit.code,
    version: String(versionNumber),
    inLanguage: "en",
    criteria: { id: page, narrative: criteriaNarrative(unit, versionNumber) },
    alignment,
  };
}
