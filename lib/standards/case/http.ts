// What the CASE route handlers need besides the objects: reading the identifier in the path,
// and the CASE error body.

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The identifier in a CASE path segment (lower-cased; OpenSALT also accepts a ".json" suffix), or null if it is not a UUID. */
export function parseCaseId(segment: string): string | null {
  const id = segment.replace(/\.json$/i, "").toLowerCase();
  return uuidPattern.test(id) ? id : null;
}

/** A CASE imsx_StatusInfo error body. */
export function caseErrorBody(description: string, codeMinor: "invalid_uuid" | "unknownobject") {
  return {
    imsx_codeMajor: "failure",
    imsx_severity: "error",
    imsx_description: description,
    imsx_codeMinor: {
      imsx_codeMinorField: [{ imsx_codeMinorFieldName: "sourcedId", imsx_codeMinorFieldValue: codeMinor }],
    },
  } as const;
}
