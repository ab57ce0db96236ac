// The witness signs by typing their full name. It must be the name the request was sent to,
// compared loosely: capitals, spaces and the kind of apostrophe (phones type ’) do not matter;
// letters and hyphens do. A different name is refused with the expected one shown, so a witness
// whose name was misspelt in the request knows to ask for a new link rather than guess.

/** The name as compared: Unicode-normalised, lower case, no white space, one kind of apostrophe. */
export function comparableName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u02BC`]/g, "'")
    .toLocaleLowerCase("en-GB")
    .replace(/\s+/g, "");
}

export function signatureMatches(typed: string, witnessName: string): boolean {
  return comparableName(typed) === comparableName(witnessName);
}

export function signatureMismatchMessage(witnessName: string): string {
  return `Type your full name as the request gives it, “${witnessName}”, to sign (capitals and spaces do not matter). If that is not your name, contact the person who asked you for the testimony.`;
}

/** What the witness confirms by signing; the form shows it above the signature, and the evidence keeps it. */
export const witnessConfirmation =
  "By typing your full name you sign this testimony: you confirm that it is true and that you saw this work yourself.";

/** The evidence's declaration: the typed signature and when it was made. */
export function witnessDeclaration(signedName: string, signedAt: string): string {
  return `${signedName} signed this witness testimony by typing their full name on ${signedAt}, confirming that it is true and that they saw this work themselves.`;
}
