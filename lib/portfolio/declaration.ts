// The words the candidate confirms when submitting evidence. Stored verbatim on the evidence,
// so a later change of wording does not change what earlier candidates agreed to.
export const evidenceDeclaration = "I confirm this evidence is my own work, from real work activities, and is true and accurate";
