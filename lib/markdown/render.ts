import { createElement, type ReactNode } from "react";
import { classes, markdownToSafeHtml, type RenderOptions } from "./engine";
import { MARKDOWN_MAX_CHARS } from "./limits";

// Evidence descriptions: plain text or a little Markdown, parsed by markdown-it and filtered by
// sanitize-html (engine.ts; ADR 0010). Nothing typed is treated as HTML, and links are kept only
// for absolute http(s) and mailto addresses; anything else is shown as the text that was typed.
//
// Shown: paragraphs (a blank line between), line breaks (a single newline), **bold**, *italic*
// and _italic_, `code`, bullet and numbered lists (nested too), headings (#, ## and ###, shown
// below the page's own headings), [links](https://...) and bare https:// addresses.

export { MARKDOWN_MAX_CHARS } from "./limits";
export { safeHref, type RenderOptions } from "./engine";

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const paragraph = (html: string) => `<p class="${classes.p}">${html}</p>`;

/**
 * Text over the limit, as typed: escaped paragraphs and line breaks, with a notice above. The
 * evidence form refuses descriptions this long, so this is for text stored by other routes or
 * before the limit. Showing it whole as plain text costs time in proportion to its length (no
 * Markdown parsing), and hides nothing from an assessor, which cutting it short would.
 */
function plainTextHtml(text: string): string {
  const limit = MARKDOWN_MAX_CHARS.toLocaleString("en-GB");
  const notice = paragraph(
    `<em>This text is longer than ${limit} characters, so it is shown as typed, without formatting. Shortening it to ${limit} characters or fewer brings the formatting back.</em>`,
  );
  const paragraphs = text
    .split(/\n[ \t]*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => paragraph(escapeHtml(part).replace(/\n/g, "<br>")));
  return [notice, ...paragraphs].join("\n");
}

/** The Markdown as an HTML string with only the renderer's own tags and attributes. */
export function renderMarkdownToHtml(source: string, options: RenderOptions = {}): string {
  // Counted with line breaks as "\n", as the browser's maxlength and the form's check count them.
  const text = source.replace(/\r\n?/g, "\n");
  return text.length > MARKDOWN_MAX_CHARS ? plainTextHtml(text) : markdownToSafeHtml(text, options);
}

/**
 * The Markdown as a React element, for server components (markdown-it and sanitize-html then
 * stay out of the browser bundle): the sanitised HTML inside one `display: contents` div, which
 * adds no box, so the paragraphs lay out as the caller's own children would.
 */
export function renderMarkdown(source: string, options: RenderOptions = {}): ReactNode {
  return createElement("div", {
    className: "contents",
    dangerouslySetInnerHTML: { __html: renderMarkdownToHtml(source, options) },
  });
}
