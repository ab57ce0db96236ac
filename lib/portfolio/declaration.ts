// The words the candidate confirms when submitting evidence. Stored verbatim on the evidence,
// so a later change of wording does not change what earlier candidates agreed to. Evidence the
// candidate marked as simulated (a simulation or role-play) gets its own words: declaring it
// "from real work activities" would be false.

const realWorkDeclaration =
  "I confirm this evidence is my own work, from real work activities, and is true and accurate";
const simulatedDeclaration =
  "I confirm this evidence is my own work, from a simulation or role-play (not real work activities), and is true and accurate";

/** The declaration that fits the evidence: from real work, or simulated. */
export function evidenceDeclaration(simulated: boolean): string {
  return simulated ? simulatedDeclaration : realWorkDeclaration;
}

/** What to say when the declaration was not ticked, in the same words the box shows. */
export function declarationMissingMessage(simulated: boolean): string {
  // The declaration's own words, from the candidate's side: "my own work" becomes "your own work".
  return `Tick the declaration to confirm ${evidenceDeclaration(simulated)
    .replace(/^I confirm /, "")
    .replace(" my own ", " your own ")}.`;
}
