// Where each evidence file goes in a pack: files/<candidate>/<evidence id>/<name>. Every part is
// plain ASCII without slashes or dots at the start, so no entry can climb out of the folder it is
// extracted into, whatever a candidate named their file; the manifest keeps the original name.

/** Letters, digits, dot, dash and underscore; accents dropped, anything else becomes "_". */
export function safePart(text: string, fallback: string, max = 80): string {
  const plain = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._]+/, "")
    .replace(/_+$/, "");
  const cut = plain.length > max ? plain.slice(plain.length - max) : plain;
  return cut.replace(/^[._]+/, "") || fallback;
}

/** The candidate's folder: their name for people, their id so two people of one name never share one. */
export function candidateFolder(candidate: { id: string; name: string }): string {
  return `${safePart(candidate.name.toLowerCase(), "candidate", 60)}-${safePart(candidate.id, "id")}`;
}

/**
 * Names the files of one evidence item uniquely: a name already taken in the folder gets the
 * file's id in front of it.
 */
export function evidenceFilePaths(
  candidate: { id: string; name: string },
  evidenceId: string,
  files: readonly { id: string; originalName: string }[],
): Map<string, string> {
  const folder = `files/${candidateFolder(candidate)}/${safePart(evidenceId, "evidence")}`;
  const taken = new Set<string>();
  const paths = new Map<string, string>();
  for (const file of files) {
    let name = safePart(file.originalName, "file");
    if (taken.has(name.toLowerCase())) name = `${safePart(file.id, "file")}-${name}`;
    taken.add(name.toLowerCase());
    paths.set(file.id, `${folder}/${name}`);
  }
  return paths;
}
