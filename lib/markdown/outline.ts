import type { Token } from "markdown-it";
import { md, safeHref } from "./engine";

// The document as a small tree (paragraphs, headings and lists of inline runs), read from the
// same markdown-it tokens the HTML is rendered from, for code that wants the structure rather
// than markup. Pages use render.ts. A list item is one run: its paragraphs and any nested lists
// are joined with line breaks.

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

type Container = { type?: Inline["type"]; children: Inline[] };

/** markdown-it's inline tokens as Inline nodes; with `flattenLinks`, a link's text without the link. */
function toInline(tokens: Token[], flattenLinks = false): Inline[] {
  const root: Container = { children: [] };
  const stack: Container[] = [root];
  const top = () => stack[stack.length - 1] ?? root;
  const pushText = (value: string) => {
    if (!value) return;
    const siblings = top().children;
    const last = siblings.at(-1);
    if (last?.type === "text") last.value += value;
    else siblings.push({ type: "text", value });
  };
  for (const token of tokens) {
    switch (token.type) {
      case "text":
      case "text_special":
        pushText(token.content);
        break;
      case "code_inline":
        top().children.push({ type: "code", value: token.content });
        break;
      case "softbreak":
      case "hardbreak":
        top().children.push({ type: "break" });
        break;
      case "strong_open":
      case "em_open":
      case "link_open": {
        const href = safeHref(token.attrGet("href") ?? "");
        if (token.type === "link_open" && (flattenLinks || !href)) break;
        const node: Extract<Inline, Container> =
          token.type === "link_open" ? { type: "link", href: href ?? "", children: [] } : { type: token.type === "strong_open" ? "strong" : "em", children: [] };
        top().children.push(node);
        stack.push(node);
        break;
      }
      case "link_close":
        if (top().type === "link") stack.pop();
        break;
      case "strong_close":
      case "em_close":
        stack.pop();
        break;
      default:
        if (token.content) pushText(token.content);
    }
  }
  return root.children;
}

/** The inline Markdown in `text` (no blocks); with `insideLink`, links are shown as their text. */
export function parseInline(text: string, insideLink = false): Inline[] {
  const [line] = md.parseInline(text, {});
  return toInline(line?.children ?? [], insideLink);
}

/** The index of the token closing the one opened at `open`. */
function closeOf(tokens: Token[], open: number): number {
  const level = tokens[open]?.level;
  let i = open + 1;
  while (i < tokens.length && !(tokens[i]?.nesting === -1 && tokens[i]?.level === level)) i++;
  return i;
}

/** Every inline run from `from` to `to`, joined with line breaks. */
function runsBetween(tokens: Token[], from: number, to: number): Inline[] {
  const runs = tokens.slice(from, to).filter((token) => token.type === "inline");
  return runs.flatMap((run, index) => [...(index > 0 ? [{ type: "break" } as const] : []), ...toInline(run.children ?? [])]);
}

export function parseMarkdown(source: string): Block[] {
  const tokens = md.parse(source, {});
  const blocks: Block[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (!token || token.nesting !== 1) {
      i++;
      continue;
    }
    const end = closeOf(tokens, i);
    if (token.type === "paragraph_open") blocks.push({ type: "paragraph", children: runsBetween(tokens, i, end) });
    else if (token.type === "heading_open") blocks.push({ type: "heading", level: Number(token.tag.slice(1)), children: runsBetween(tokens, i, end) });
    else if (token.type === "bullet_list_open" || token.type === "ordered_list_open") {
      const items: Inline[][] = [];
      for (let j = i + 1; j < end; j = closeOf(tokens, j) + 1) items.push(runsBetween(tokens, j, closeOf(tokens, j)));
      const ordered = token.type === "ordered_list_open";
      blocks.push({ type: "list", ordered, start: ordered ? Number(token.attrGet("start") ?? 1) : 1, items });
    }
    i = end + 1;
  }
  return blocks;
}
