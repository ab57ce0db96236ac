// The words a candidate confirms before their unit is signed off. Stored verbatim on the
// enrolment, so a later change of wording does not change what earlier candidates agreed to.
// Plain data, safe to import from client components.

export function candidateDeclarationText(unitCode: string): string {
  return `I declare that the evidence in my portfolio for ${unitCode} is my own work, was produced in real work activities, and is true and accurate.`;
}
