// Ids of what focus moves to after a mapping action, shared by the server-rendered page parts
// and the client forms (a "use client" module's functions cannot be called on the server).

/** The line that says the evidence was submitted (evidence-mappings.tsx): focus goes there after submitting. */
export function submittedStatusId(evidenceId: string): string {
  return `submitted-${evidenceId}`;
}
