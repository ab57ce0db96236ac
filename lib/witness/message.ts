import { formatInCentre } from "../people/invitation";
import type { WitnessCriterion } from "./find-request";
import { WITNESS_LINK_VALID_DAYS } from "./schemas";

export function witnessLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/witness/${token}`;
}

/** The mail to the witness: who asks, about whom and why, the criteria, and the link. */
export function witnessRequestMessage(args: {
  witnessName: string;
  requester: { name: string; isCandidate: boolean };
  candidateName: string;
  centre: { name: string; timeZone: string };
  relationship: string;
  criteria: ReadonlyArray<WitnessCriterion>;
  link: string;
  expiresAt: Date;
}) {
  const asker = args.requester.isCandidate
    ? `${args.candidateName}, a candidate at ${args.centre.name},`
    : `${args.requester.name}, ${args.candidateName}'s assessor at ${args.centre.name},`;
  return {
    subject: `${args.candidateName} asks for your witness testimony`,
    text: [
      `Hello ${args.witnessName},`,
      "",
      `${asker} asks you for a witness testimony. ${args.candidateName} is working towards a qualification at work, and you were named as someone who has seen them at work (${args.relationship}).`,
      "",
      `A witness testimony is a short statement of what you saw ${args.candidateName} do, which you sign by typing your name. It is about these criteria of the qualification:`,
      ...args.criteria.map((c) => `- ${c.unitCode} ${c.ref}: ${c.text}`),
      "",
      `Open this link to read the criteria and write your statement; you do not need an account. The link works once, for ${WITNESS_LINK_VALID_DAYS} days, until ${formatInCentre(args.expiresAt, args.centre.timeZone)}:`,
      args.link,
      "",
      "An assessor reads your statement and judges it; it does not sign anything off by itself. If you were not expecting this message, or cannot help, you can ignore it.",
    ].join("\n"),
  };
}
