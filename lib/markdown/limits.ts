// Kept apart from the renderer so that forms (client components) can import the limit without
// pulling markdown-it and sanitize-html into the browser bundle.

/**
 * The longest Markdown text the app accepts and formats, in characters (UTF-16 code units, as
 * zod's `.max()` and a textarea's `maxlength` count them). The evidence form refuses longer
 * descriptions; the renderer shows anything longer as plain text (see `renderMarkdownToHtml`).
 */
export const MARKDOWN_MAX_CHARS = 20_000;
