// npm run lint (last step): lists every function, arrow function and method in app/, components/,
// lib/ and scripts/ (not generated/) that spans more than 80 lines, and exits 1 if any is not exempt.
//
// A long function is exempt when it says why, either
//   - in a comment on the line above it:  // long-function: <reason>
//   - or in scripts/long-functions-allowed.txt, one `path:functionName # reason` per line
//     (for functions whose files are being reworked elsewhere; an entry that no longer matches
//     a long function is reported too, so the list only shrinks).
// Lines are counted from the line the function starts on to the line it ends on, both included,
// so a function nested in another counts towards both.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";

export const MAX_FUNCTION_LINES = 80;
const ROOTS = ["app", "components", "lib", "scripts"];
const SKIPPED_DIRS = new Set(["generated", "node_modules"]);
const ALLOWED_FILE = "scripts/long-functions-allowed.txt";
const EXEMPTION = /^\s*\/\/\s*long-function:\s*\S/;

export type LongFunction = {
  file: string;
  name: string;
  /** 1-based line the function starts on. */
  line: number;
  lines: number;
  /** The reason given in a `// long-function:` comment above it, if any. */
  reason?: string;
};

/** A readable name: the declared name, the variable or property it is assigned to, or the call it is passed to. */
function functionName(node: ts.SignatureDeclaration, sourceFile: ts.SourceFile): string {
  if (node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) || ts.isPrivateIdentifier(node.name))) {
    return node.name.text;
  }
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText(sourceFile);
  if (ts.isExportAssignment(parent)) return "default";
  if (ts.isFunctionDeclaration(node) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) {
    return "default";
  }
  if (ts.isCallExpression(parent)) return `${parent.expression.getText(sourceFile)} callback`;
  return "(anonymous)";
}

/** The text of the comment lines directly above `line` (0-based), nearest first. */
function commentLinesAbove(lines: readonly string[], line: number): string[] {
  const found: string[] = [];
  for (let i = line - 1; i >= 0; i--) {
    const text = (lines[i] ?? "").trim();
    if (!(text.startsWith("//") || text.startsWith("/*") || text.startsWith("*"))) break;
    found.push(text);
  }
  return found;
}

/** The first line of the statement a function is declared in (for `const f = () => {`, the `const` line). */
function declarationStart(node: ts.Node, sourceFile: ts.SourceFile): number {
  let start: ts.Node = node;
  const sameLine = (n: ts.Node) =>
    sourceFile.getLineAndCharacterOfPosition(n.getStart(sourceFile)).line ===
    sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line;
  for (let parent = node.parent; parent && !ts.isSourceFile(parent) && sameLine(parent); parent = parent.parent) {
    start = parent;
  }
  return sourceFile.getLineAndCharacterOfPosition(start.getStart(sourceFile)).line;
}

/** Every function in `text` longer than `maxLines` lines, with the exemption reason if it has one. */
export function findLongFunctions(text: string, file: string, maxLines = MAX_FUNCTION_LINES): LongFunction[] {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const lines = text.split("\n");
  const found: LongFunction[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line;
      const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd()).line;
      const length = end - start + 1;
      if (length > maxLines) {
        const comment = commentLinesAbove(lines, declarationStart(node, sourceFile)).find((l) => EXEMPTION.test(l));
        const reason = comment?.replace(/^\s*\/\/\s*long-function:\s*/, "").trim();
        found.push({ file, name: functionName(node, sourceFile), line: start + 1, lines: length, reason });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** Parses the allowed list: `path:functionName # reason` per line; blank lines and `#` lines are skipped. */
export function parseAllowedList(text: string): { entries: Map<string, string>; errors: string[] } {
  const entries = new Map<string, string>();
  const errors: string[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const match = /^(\S+:[^#]+?)\s+#\s*(\S.*)$/.exec(line);
    if (!match?.[1] || !match[2]) {
      errors.push(`${ALLOWED_FILE}:${index + 1}: write "path:functionName # reason" (a reason is required).`);
      return;
    }
    entries.set(match[1].trim(), match[2]);
  });
  return { entries, errors };
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Problems to report for the tree at `root`: unexplained long functions and stale allowed-list entries. */
export function checkTree(root: string): { problems: string[]; exempt: number } {
  const files = ROOTS.flatMap((dir) => sourceFiles(path.join(root, dir)));
  const long = files.flatMap((full) => {
    const relative = path.relative(root, full).split(path.sep).join("/");
    return findLongFunctions(fs.readFileSync(full, "utf8"), relative);
  });
  const allowedPath = path.join(root, ALLOWED_FILE);
  const { entries, errors } = parseAllowedList(fs.existsSync(allowedPath) ? fs.readFileSync(allowedPath, "utf8") : "");
  const used = new Set<string>();
  const problems = [...errors];
  let exempt = 0;
  for (const fn of long) {
    const key = `${fn.file}:${fn.name}`;
    if (fn.reason || entries.has(key)) {
      exempt++;
      used.add(key);
      continue;
    }
    problems.push(
      `${fn.file}:${fn.line}: ${fn.name} is ${fn.lines} lines (over ${MAX_FUNCTION_LINES}). ` +
        `Split it by responsibility, or say why above it: // long-function: <reason>`,
    );
  }
  for (const key of entries.keys()) {
    if (!used.has(key)) problems.push(`${ALLOWED_FILE}: ${key} is no longer a long function; remove the line.`);
  }
  return { problems, exempt };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { problems, exempt } = checkTree(process.cwd());
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`${problems.length} function-length problem(s).`);
    process.exitCode = 1;
  } else {
    console.log(`Function length: none over ${MAX_FUNCTION_LINES} lines without a reason (${exempt} with one).`);
  }
}
