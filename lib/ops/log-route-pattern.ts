import fs from "node:fs";
import path from "node:path";

// The route pattern a path belongs to (/candidate/evidence/[id], not /candidate/evidence/ck9...),
// for the completion line and the metrics' route label: raw paths carry ids and tokens, and
// would give metrics one series per id.

/** A path that matches no route of the build: one label for all of them, however many there are. */
export const unmatchedRoute = "(unmatched)";

type Matcher = { pattern: string; regex: RegExp; rank: number[] };

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Static segments before [param], before [...catchAll], before [[...optional]], segment by segment. */
function segmentRank(segment: string): number {
  if (segment.startsWith("[[...")) return 3;
  if (segment.startsWith("[...")) return 2;
  if (segment.startsWith("[")) return 1;
  return 0;
}

function compileRoute(pattern: string): Matcher {
  const segments = pattern.split("/").filter(Boolean);
  let source = "";
  for (const segment of segments) {
    const rank = segmentRank(segment);
    if (rank === 3) source += "(?:/.+)?";
    else if (rank === 2) source += "/.+";
    else if (rank === 1) source += "/[^/]+";
    else source += `/${escape(segment)}`;
  }
  return { pattern, regex: new RegExp(`^${source || "/"}/?$`), rank: segments.map(segmentRank) };
}

function byRank(a: Matcher, b: Matcher): number {
  for (let i = 0; i < Math.max(a.rank.length, b.rank.length); i++) {
    const difference = (a.rank[i] ?? -1) - (b.rank[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** A function naming the pattern each path matches, among the given patterns (as in Next's app-path-routes-manifest.json). */
export function routeMatcher(patterns: Iterable<string>): (pathname: string) => string {
  const matchers = [...new Set(patterns)].map(compileRoute).sort(byRank);
  return (pathname) => {
    if (pathname.startsWith("/_next/static/")) return "/_next/static";
    if (pathname.startsWith("/_next/image")) return "/_next/image";
    return matchers.find((matcher) => matcher.regex.test(pathname))?.pattern ?? unmatchedRoute;
  };
}

/** The build's routes (`next build` writes them to .next/app-path-routes-manifest.json); none when there is no build. */
export function buildRoutePatterns(distDir = path.join(process.cwd(), ".next")): string[] {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "app-path-routes-manifest.json"), "utf8"));
    return Object.values(manifest as Record<string, string>);
  } catch {
    return [];
  }
}
