import { createElement, Fragment, type ReactNode } from "react";

// A deliberately small Markdown dialect for evidence descriptions. Candidates write plain text
// or a little Markdown; nothing they type is ever treated as HTML. Text reaches React as text
// nodes (escaped by React) or, for the HTML output, through `escapeHtml`. Links are kept only
// for http(s) and mailto addresses; anything else is shown as the text that was typed.
//
// Supported: paragraphs (a blank line between), line breaks (a single newline), **bold**,
// *italic* and _italic_, `code`, bullet lists (-, * or +), numbered lists (1. or 1)),
// headings (#, ## and ###, shown below the page's own headings), [links](https://...) and
// bare https:// addresses.

export type Inline =
  | { type: "text"; value: string }
  | { type: "code"; value: string }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] }
  | { type: "break" };

export type Block =
  | { type: "paragraph"; children: Inline[] }
  | { type: "heading"; level: number; children: Inline[] }
  | { type: "list"; ordered: boolean; start: number; items: Inline[][] };

export type RenderOptions = {
  /** The heading level the document's largest heading becomes (default 3: under a page's h1 and h2). */
  baseHeadingLevel?: number;
};

const linkRel = "noopener noreferrer nofollow";
const allowedProtocols = new Set(["http:", "https:", "mailto:"]);

/** The URL, normalised, if it is an absolute http(s) or mailto address; otherwise null. */
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

// ---- Blocks -------------------------------------------------------------------------------

const headingPattern = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const bulletPattern = /^ {0,3}[-*+][ \t]+(.*)$/;
const numberedPattern = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const continuationPattern = /^(?: {2,}|\t)\S/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").replace(/\0/g, "\uFFFD").split("\n");
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; start: number; items: string[][] } | null = null;

  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: "paragraph", children: parseInline(paragraph.join("\n")) });
    paragraph = [];
  };
  const flushList = () => {
    if (list) blocks.push({ type: "list", ordered: list.ordered, start: list.start, items: list.items.map((item) => parseInline(item.join("\n"))) });
    list = null;
  };

  for (const line of lines) {
    if (line.trim() === "") {
      flushParagraph();
      flushList();
      continue;
    }
    const heading = headingPattern.exec(line);
    if (heading) {
      flushParagraph();
      flushList();
      blocks.push({ type: "heading", level: heading[1]?.length ?? 1, children: parseInline(heading[2] ?? "") });
      continue;
    }
    const bullet = bulletPattern.exec(line);
    const numbered = bullet ? null : numberedPattern.exec(line);
    if (bullet || numbered) {
      flushParagraph();
      const ordered = Boolean(numbered);
      const text = (bullet ? bullet[1] : numbered?.[2]) ?? "";
      if (!list || list.ordered !== ordered) {
        flushList();
        list = { ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
      }
      list.items.push([text]);
      continue;
    }
    const currentList: { items: string[][] } | null = list;
    const lastItem = currentList?.items.at(-1);
    if (lastItem && continuationPattern.test(line)) {
      lastItem.push(line.trim());
      continue;
    }
    flushList();
    paragraph.push(line.trim());
  }
  flushParagraph();
  flushList();
  return blocks;
}

// ---- Inline -------------------------------------------------------------------------------

const asciiPunctuation = /[!-/:-@[-`{-~]/;
const wordCharacter = /[\p{L}\p{N}]/u;

/** Index just past the code span starting at `start` (a run of backticks), or -1 if it never closes. */
function codeSpanEnd(text: string, start: number): { end: number; contentStart: number; contentEnd: number } | null {
  let run = 0;
  while (text[start + run] === "`") run++;
  let i = start + run;
  while (i < text.length) {
    const next = text.indexOf("`", i);
    if (next === -1) return null;
    let closing = 0;
    while (text[next + closing] === "`") closing++;
    if (closing === run) return { end: next + closing, contentStart: start + run, contentEnd: next };
    i = next + closing;
  }
  return null;
}

/** Position of the closing delimiter for emphasis opened at `from`, skipping escapes and code. */
function findCloser(text: string, from: number, delimiter: string): number {
  let i = from;
  while (i < text.length) {
    const char = text[i];
    if (char === "\\") {
      i += 2;
      continue;
    }
    if (char === "`") {
      const span = codeSpanEnd(text, i);
      if (span) {
        i = span.end;
        continue;
      }
    }
    if (text.startsWith(delimiter, i)) {
      const before = text[i - 1] ?? " ";
      const after = text[i + delimiter.length] ?? " ";
      const single = delimiter.length === 1;
      // A single delimiter next to another of the same kind belongs to a double one: skip both.
      if (single && (after === delimiter || before === delimiter)) {
        i += after === delimiter ? 2 : 1;
        continue;
      }
      const closesAfterText = !/\s/.test(before);
      const underscoreAtWordEnd = !delimiter.startsWith("_") || !wordCharacter.test(after);
      if (closesAfterText && underscoreAtWordEnd) return i;
    }
    i++;
  }
  return -1;
}

/** Index of the `close` bracket matching the `open` one at `from`, or -1. */
function matchingBracket(text: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char === "\\") {
      i++;
      continue;
    }
    if (char === open) depth++;
    else if (char === close) {
      depth--;
      if (depth === 0) return i;
    } else if (char === "\n" && open === "(") return -1;
  }
  return -1;
}

const bareUrlPattern = /^https?:\/\/[^\s<>"'`]+/i;

/** A bare URL without the punctuation that usually ends the sentence around it. */
function trimBareUrl(url: string): string {
  let result = url;
  for (;;) {
    const last = result.at(-1);
    if (last && ".,;:!?*_~".includes(last)) result = result.slice(0, -1);
    else if (last === ")" && (result.match(/\(/g)?.length ?? 0) < (result.match(/\)/g)?.length ?? 0)) result = result.slice(0, -1);
    else return result;
  }
}

export function parseInline(text: string, insideLink = false): Inline[] {
  const nodes: Inline[] = [];
  let buffer = "";
  // Delimiters already found to have no closer: later openers of the same kind cannot close either.
  const unclosed = new Set<string>();

  const pushText = (value: string) => {
    buffer += value;
  };
  const flush = () => {
    if (buffer) nodes.push({ type: "text", value: buffer });
    buffer = "";
  };

  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? "";
    const next = text[i + 1] ?? "";

    if (char === "\\" && asciiPunctuation.test(next)) {
      pushText(next);
      i += 2;
      continue;
    }
    if (char === "\n") {
      flush();
      nodes.push({ type: "break" });
      i++;
      continue;
    }
    if (char === "`") {
      const span = codeSpanEnd(text, i);
      if (span) {
        let content = text.slice(span.contentStart, span.contentEnd).replace(/\n/g, " ");
        if (content.length > 2 && content.startsWith(" ") && content.endsWith(" ")) content = content.slice(1, -1);
        flush();
        nodes.push({ type: "code", value: content });
        i = span.end;
        continue;
      }
      let run = 0;
      while (text[i + run] === "`") run++;
      pushText("`".repeat(run));
      i += run;
      continue;
    }
    if ((char === "*" || char === "_") && next === char) {
      const delimiter = char + char;
      const opensBeforeText = text[i + 2] !== undefined && !/\s/.test(text[i + 2] ?? " ");
      const underscoreAtWordStart = char !== "_" || !wordCharacter.test(text[i - 1] ?? " ");
      if (opensBeforeText && underscoreAtWordStart && !unclosed.has(delimiter)) {
        const close = findCloser(text, i + 2, delimiter);
        if (close > i + 2) {
          flush();
          nodes.push({ type: "strong", children: parseInline(text.slice(i + 2, close), insideLink) });
          i = close + 2;
          continue;
        }
        unclosed.add(delimiter);
      }
      pushText(delimiter);
      i += 2;
      continue;
    }
    if (char === "*" || char === "_") {
      const opensBeforeText = next !== "" && !/\s/.test(next);
      const underscoreAtWordStart = char !== "_" || !wordCharacter.test(text[i - 1] ?? " ");
      if (opensBeforeText && underscoreAtWordStart && !unclosed.has(char)) {
        const close = findCloser(text, i + 1, char);
        if (close > i + 1) {
          flush();
          nodes.push({ type: "em", children: parseInline(text.slice(i + 1, close), insideLink) });
          i = close + 1;
          continue;
        }
        unclosed.add(char);
      }
      pushText(char);
      i++;
      continue;
    }
    if (char === "[" && !insideLink && !unclosed.has("[")) {
      const closeBracket = matchingBracket(text, i, "[", "]");
      if (closeBracket === -1) unclosed.add("[");
      if (closeBracket !== -1 && text[closeBracket + 1] === "(") {
        const closeParen = matchingBracket(text, closeBracket + 1, "(", ")");
        if (closeParen !== -1) {
          const label = text.slice(i + 1, closeBracket);
          const target = text.slice(closeBracket + 2, closeParen).trim();
          // [text](<url> "title") and [text](url "title"): the title is dropped.
          const url = target.startsWith("<") ? target.slice(1, target.indexOf(">") === -1 ? undefined : target.indexOf(">")) : (target.split(/\s+/)[0] ?? "");
          const href = safeHref(url);
          if (href && label.trim()) {
            flush();
            nodes.push({ type: "link", href, children: parseInline(label, true) });
          } else {
            // Not a link we allow: show exactly what was typed, as text.
            pushText(text.slice(i, closeParen + 1));
          }
          i = closeParen + 1;
          continue;
        }
      }
      pushText(char);
      i++;
      continue;
    }
    if ((char === "h" || char === "H") && !insideLink && text.slice(i, i + 4).toLowerCase() === "http" && !wordCharacter.test(text[i - 1] ?? " ")) {
      const match = bareUrlPattern.exec(text.slice(i, i + 2048));
      if (match) {
        const url = trimBareUrl(match[0]);
        const href = safeHref(url);
        if (href) {
          flush();
          nodes.push({ type: "link", href, children: [{ type: "text", value: url }] });
          i += url.length;
          continue;
        }
      }
    }
    pushText(char);
    i++;
  }
  flush();
  return nodes;
}

// ---- Output -------------------------------------------------------------------------------

const classes = {
  p: "my-3 first:mt-0 last:mb-0",
  h: "mt-4 mb-2 font-semibold first:mt-0",
  ul: "my-3 list-disc space-y-1 pl-6",
  ol: "my-3 list-decimal space-y-1 pl-6",
  code: "rounded bg-slate-100 px-1 font-mono text-[0.9em]",
  a: "text-brand-700 underline underline-offset-2",
};

function headingLevels(blocks: Block[], options: RenderOptions): (level: number) => number {
  const base = Math.min(Math.max(options.baseHeadingLevel ?? 3, 1), 6);
  const smallest = Math.min(...blocks.flatMap((b) => (b.type === "heading" ? [b.level] : [])), 6);
  return (level) => Math.min(base + level - smallest, 6);
}

function inlineToReact(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.type) {
      case "text":
        return createElement(Fragment, { key: index }, node.value);
      case "break":
        return createElement("br", { key: index });
      case "code":
        return createElement("code", { key: index, className: classes.code }, node.value);
      case "strong":
        return createElement("strong", { key: index }, ...inlineToReact(node.children));
      case "em":
        return createElement("em", { key: index }, ...inlineToReact(node.children));
      case "link":
        return createElement("a", { key: index, href: node.href, rel: linkRel, className: classes.a }, ...inlineToReact(node.children));
    }
  });
}

/** The Markdown as React elements, for server and client components. */
export function renderMarkdown(source: string, options: RenderOptions = {}): ReactNode {
  const blocks = parseMarkdown(source);
  const level = headingLevels(blocks, options);
  return createElement(
    Fragment,
    null,
    ...blocks.map((block, index) => {
      switch (block.type) {
        case "paragraph":
          return createElement("p", { key: index, className: classes.p }, ...inlineToReact(block.children));
        case "heading":
          return createElement(`h${level(block.level)}`, { key: index, className: classes.h }, ...inlineToReact(block.children));
        case "list":
          return createElement(
            block.ordered ? "ol" : "ul",
            { key: index, className: block.ordered ? classes.ol : classes.ul, start: block.ordered && block.start !== 1 ? block.start : undefined },
            ...block.items.map((item, itemIndex) => createElement("li", { key: itemIndex }, ...inlineToReact(item))),
          );
      }
    }),
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function inlineToHtml(nodes: Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case "text":
          return escapeHtml(node.value);
        case "break":
          return "<br>";
        case "code":
          return `<code class="${classes.code}">${escapeHtml(node.value)}</code>`;
        case "strong":
          return `<strong>${inlineToHtml(node.children)}</strong>`;
        case "em":
          return `<em>${inlineToHtml(node.children)}</em>`;
        case "link":
          return `<a href="${escapeHtml(node.href)}" rel="${linkRel}" class="${classes.a}">${inlineToHtml(node.children)}</a>`;
      }
    })
    .join("");
}

/** The Markdown as an HTML string in which every piece of the source text is escaped. */
export function renderMarkdownToHtml(source: string, options: RenderOptions = {}): string {
  const blocks = parseMarkdown(source);
  const level = headingLevels(blocks, options);
  return blocks
    .map((block) => {
      switch (block.type) {
        case "paragraph":
          return `<p class="${classes.p}">${inlineToHtml(block.children)}</p>`;
        case "heading": {
          const tag = `h${level(block.level)}`;
          return `<${tag} class="${classes.h}">${inlineToHtml(block.children)}</${tag}>`;
        }
        case "list": {
          const tag = block.ordered ? "ol" : "ul";
          const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : "";
          const items = block.items.map((item) => `<li>${inlineToHtml(item)}</li>`).join("");
          return `<${tag} class="${block.ordered ? classes.ol : classes.ul}"${start}>${items}</${tag}>`;
        }
      }
    })
    .join("\n");
}
