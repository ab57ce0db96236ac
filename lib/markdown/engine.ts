import MarkdownIt, { type Token } from "markdown-it";
import sanitizeHtml from "sanitize-html";

// Markdown to safe HTML, with no length limit: render.ts adds the limit (MARKDOWN_MAX_CHARS) and
// is what pages use; the bench (scripts/bench/markdown-bench.ts) calls this directly to time
// 100 kB documents. ADR 0010 says why markdown-it and sanitize-html.
//
// Two layers. markdown-it never passes HTML through (`html: false`: a typed tag is text) and
// accepts a link only if `safeHref` does. sanitize-html then keeps only the tags and attributes
// below, in case a markdown-it rule or option changes under us: it is the allow-list, not the
// parser, that decides what reaches the page.

export type RenderOptions = {
  /** The heading level the document's largest heading becomes (default 3: under a page's h1 and h2). */
  baseHeadingLevel?: number;
};

export const linkRel = "noopener noreferrer nofollow";
const allowedProtocols = new Set(["http:", "https:", "mailto:"]);

/**
 * The URL, normalised, if it is an absolute http(s) or mailto address; otherwise null.
 * Relative addresses are refused too: a description is read inside the app, where a relative
 * link would point at the app's own pages and routes.
 */
export function safeHref(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^(https?:\/\/|mailto:)/i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    if (!allowedProtocols.has(url.protocol)) return null;
    if (url.protocol !== "mailto:" && !url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}

export const classes = {
  p: "my-3 first:mt-0 last:mb-0",
  h: "mt-4 mb-2 font-semibold first:mt-0",
  ul: "my-3 list-disc space-y-1 pl-6",
  ol: "my-3 list-decimal space-y-1 pl-6",
  code: "rounded bg-slate-100 px-1 font-mono text-[0.9em]",
  a: "text-brand-700 underline underline-offset-2",
};

// The elements the app has always shown for a description: paragraphs, line breaks, bold,
// italic, code, lists, headings and links. Block quotes, code blocks, rules, tables, images and
// strikethrough stay plain text, as before; setext headings ("text" over "---") too, so a line
// of dashes under a sentence does not turn it into a heading.
export const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false }).disable([
  "table",
  "code",
  "fence",
  "blockquote",
  "hr",
  "lheading",
  "image",
  "strikethrough",
]);
// maxNesting (default 100) bounds how deep lists nest and how far markdown-it looks inside
// brackets for a link; 20, as in its CommonMark preset, means each unclosed "[" costs at most
// 20 nested look-aheads instead of 100.
// (Set after construction: markdown-it reads it, but its type definitions leave it out.)
Object.assign(md.options, { maxNesting: 20 });

// Bare addresses become links only when they start with http:// or https://, as before: not
// "example.org", "cara@example.org", "//host" or ftp:.
md.linkify
  .set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false })
  .add("//", null)
  .add("ftp:", null)
  .add("mailto:", null);
md.validateLink = (url) => safeHref(url) !== null;

type HeadingLevel = (level: number) => number;

/** Headings move down so the document's largest one becomes `baseHeadingLevel`, keeping their order. */
function headingLevels(tokens: Token[], options: RenderOptions): HeadingLevel {
  const base = Math.min(Math.max(options.baseHeadingLevel ?? 3, 1), 6);
  let smallest = 6;
  for (const token of tokens)
    if (token.type === "heading_open") smallest = Math.min(smallest, Number(token.tag.slice(1)));
  return (level) => Math.min(base + level - smallest, 6);
}

function decorateInline(children: Token[]) {
  for (const token of children) {
    if (token.type === "code_inline") token.attrSet("class", classes.code);
    else if (token.type === "link_open") {
      // Titles are dropped (as before); the address is the normalised one safeHref accepted.
      const href = safeHref(token.attrGet("href") ?? "");
      token.attrs = [...(href ? [["href", href] as [string, string]] : []), ["rel", linkRel], ["class", classes.a]];
    }
  }
}

/** The app's classes and heading levels, set on markdown-it's tokens before they are rendered. */
function decorate(tokens: Token[], options: RenderOptions) {
  const level = headingLevels(tokens, options);
  for (const token of tokens) {
    switch (token.type) {
      case "heading_open":
      case "heading_close":
        token.tag = `h${level(Number(token.tag.slice(1)))}`;
        if (token.nesting === 1) token.attrSet("class", classes.h);
        break;
      case "paragraph_open":
        token.attrSet("class", classes.p);
        break;
      case "bullet_list_open":
        token.attrSet("class", classes.ul);
        break;
      case "ordered_list_open":
        token.attrSet("class", classes.ol);
        break;
      case "inline":
        decorateInline(token.children ?? []);
        break;
    }
  }
}

const classList = (names: string) => names.split(" ");
const headingTags = ["h1", "h2", "h3", "h4", "h5", "h6"];

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "code", "ul", "ol", "li", "a", ...headingTags],
  allowedAttributes: {
    a: ["href", "rel", "class"],
    ol: ["start", "class"],
    ...Object.fromEntries(["p", "ul", "code", ...headingTags].map((tag) => [tag, ["class"]])),
  },
  allowedClasses: {
    p: classList(classes.p),
    ul: classList(classes.ul),
    ol: classList(classes.ol),
    code: classList(classes.code),
    a: classList(classes.a),
    ...Object.fromEntries(headingTags.map((tag) => [tag, classList(classes.h)])),
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  // sanitize-html lets relative addresses through; safeHref does not.
  transformTags: {
    a: (tagName, attribs) => {
      const { href: raw, ...rest } = attribs;
      const href = raw === undefined ? null : safeHref(raw);
      return { tagName, attribs: href ? { href, ...rest, rel: linkRel } : { ...rest, rel: linkRel } };
    },
  },
  // Anything else is escaped, so it shows as the text that was typed rather than vanishing.
  disallowedTagsMode: "escape",
};

/** The Markdown as sanitised HTML, however long it is. Pages use `renderMarkdownToHtml` (render.ts), which has the limit. */
export function markdownToSafeHtml(source: string, options: RenderOptions = {}): string {
  const env = {};
  const tokens = md.parse(source, env);
  decorate(tokens, options);
  return sanitizeHtml(md.renderer.render(tokens, md.options, env), sanitizeOptions);
}
