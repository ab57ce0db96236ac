import Ajv2019, { type ErrorObject } from "ajv/dist/2019";
import addFormats from "ajv-formats";
import schema from "./ob_v3p0_achievementcredential_schema.json";

// 1EdTech's Open Badges 3.0 AchievementCredential JSON Schema (draft 2019-09), shipped as
// published (its source: tests/fixtures/README.md), compiled once per process.

let compiled: ReturnType<Ajv2019["compile"]> | undefined;

function validator() {
  // strictTuples off: the published schema gives @context a two-item tuple with additionalItems,
  // which Ajv's strict mode would warn about on every start.
  compiled ??= addFormats(new Ajv2019({ allErrors: true, strictTuples: false })).compile(schema);
  return compiled;
}

function describe(error: ErrorObject): string {
  return `${error.instancePath || "the credential"} ${error.message ?? "is not valid"}`;
}

/** The schema's complaints about a credential in words (the first few), or none when it is valid. */
export function achievementCredentialProblems(credential: unknown): string[] {
  const validate = validator();
  if (validate(credential)) return [];
  return (validate.errors ?? []).slice(0, 3).map(describe);
}
