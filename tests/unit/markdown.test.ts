import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { evidenceLimits } from "@/lib/evidence/evidence-form-schema";
import { MARKDOWN_MAX_CHARS, renderMarkdown, renderMarkdownToHtml, safeHref } from "@/lib/markdown/render";

const wrapper = '<div class="contents">';

/** What the React output holds inside its one wrapper, which adds no box (display: contents). */
function unwrap(markup: string): string {
  expect(markup.startsWith(wrapper) && markup.endsWith("</div>")).toBe(true);
  return markup.slice(wrapper.length, -"</div>".length);
}

/** Both outputs, with the styling classes and the line breaks between tags removed so the tests read as plain HTML. */
function both(source: string): { react: string; html: string } {
  const strip = (html: string) =>
    html
      .replace(/ class="[^"]*"/g, "")
      .replace(/<br\s*\/?>/g, "<br/>")
      .replace(/\n/g, "");
  return {
    react: strip(unwrap(renderToStaticMarkup(renderMarkdown(source)))),
    html: strip(renderMarkdownToHtml(source)),
  };
}

function expectBoth(source: string, expected: string) {
  const { react, html } = both(source);
  expect(react).toBe(expected);
  expect(html).toBe(expected);
}

const rel = 'rel="noopener noreferrer nofollow"';

describe("renderMarkdown: what it supports", () => {
  it("turns blank-line-separated text into paragraphs and single newlines into line breaks", () => {
    expectBoth("First line\nsecond line\n\nNew paragraph", "<p>First line<br/>second line</p><p>New paragraph</p>");
  });

  it("renders bold, italic and code", () => {
    const { react } = both("I **greeted** the *customer* and checked `order-42`; _politely_.");
    expect(react).toBe(
      "<p>I <strong>greeted</strong> the <em>customer</em> and checked <code>order-42</code>; <em>politely</em>.</p>",
    );
  });

  it("leaves underscores inside words and lone asterisks alone", () => {
    const { react } = both("see file_name_here and 2 * 3 * 4 and **unclosed");
    expect(react).toBe("<p>see file_name_here and 2 * 3 * 4 and **unclosed</p>");
  });

  it("renders bullet and numbered lists, keeping a numbered list's first number", () => {
    expectBoth(
      "- one\n- **two**\n\n3. third\n4. fourth",
      '<ul><li>one</li><li><strong>two</strong></li></ul><ol start="3"><li>third</li><li>fourth</li></ol>',
    );
    expectBoth("1. a\n2. b", "<ol><li>a</li><li>b</li></ol>");
  });

  it("renders headings below the page's own headings, keeping their order", () => {
    expectBoth("### What I did\ntext", "<h3>What I did</h3><p>text</p>");
    expectBoth("# Top\n## Next", "<h3>Top</h3><h4>Next</h4>");
    expect(both("## C# notes").react).toBe("<h3>C# notes</h3>");
  });

  it("renders http(s) and mailto links with rel noopener noreferrer nofollow", () => {
    expectBoth(
      "[policy](https://example.org/policy?a=1&b=2)",
      `<p><a href="https://example.org/policy?a=1&amp;b=2" ${rel}>policy</a></p>`,
    );
    expectBoth("[Email me](mailto:cara@example.org)", `<p><a href="mailto:cara@example.org" ${rel}>Email me</a></p>`);
    expectBoth(
      "See https://example.org/page.",
      `<p>See <a href="https://example.org/page" ${rel}>https://example.org/page</a>.</p>`,
    );
  });

  it("keeps backslash-escaped punctuation literal", () => {
    expectBoth("\\*not italic\\* and \\# not a heading", "<p>*not italic* and # not a heading</p>");
  });

  it("renders plain text with no Markdown as one paragraph, and blank text as nothing", () => {
    expectBoth("Just words.", "<p>Just words.</p>");
    expectBoth("   \n\n", "");
  });
});

describe("renderMarkdown: nothing typed becomes active content", () => {
  const attacks = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)>",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x](//evil.example/)",
    '[x](https://example.org/"onmouseover="alert(1))',
    "**<b onmouseover=alert(1)>bold</b>**",
    "`<script>alert(1)</script>`",
    "- <iframe src=javascript:alert(1)>",
    "### <svg onload=alert(1)>",
    "javascript:alert(1)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    '![x](https://example.org/x.png" onerror="alert(1))',
    "[x]: javascript:alert(1)\n\n[x]",
    '[x](https://example.org "t" onmouseover=alert(1))',
    "[x](/relative)",
    "```\n<script>alert(1)</script>\n```",
    "> <script>alert(1)</script>",
  ];

  for (const attack of attacks) {
    it(`renders ${JSON.stringify(attack)} inert`, () => {
      for (const html of Object.values(both(attack))) {
        // Only the renderer's own tags, none with an event handler, and links only to http(s) or mailto.
        expect(html).not.toMatch(/<(?!\/?(p|br|strong|em|code|ul|ol|li|h[3-6]|a)[\s>/])[a-z]/i);
        expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
        expect(html).not.toMatch(/href="(?!https?:\/\/|mailto:)/i);
      }
    });
  }

  it("shows the script tag as text", () => {
    expectBoth("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  });

  it("shows a javascript: link as the text that was typed, not as a link", () => {
    expectBoth("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>");
  });

  it("shows an img tag with onerror as text", () => {
    // A double quote in text (outside any tag) ends nothing, so the sanitiser leaves it unescaped.
    expectBoth('<img src=x onerror="alert(1)">', '<p>&lt;img src=x onerror="alert(1)"&gt;</p>');
  });

  it("keeps a quote in a link's address from closing the attribute", () => {
    const { html } = both('[x](https://example.org/"onmouseover="alert(1))');
    expect(html).toBe(`<p><a href="https://example.org/%22onmouseover=%22alert(1)" ${rel}>x</a></p>`);
  });

  it("accepts only absolute http(s) and mailto addresses", () => {
    expect(safeHref("https://example.org")).toBe("https://example.org/");
    expect(safeHref("mailto:a@example.org")).toBe("mailto:a@example.org");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("java\nscript:alert(1)")).toBeNull();
    expect(safeHref("/relative")).toBeNull();
    expect(safeHref("https://")).toBeNull();
  });

  it("renders long unclosed input as its text (its time is measured by npm run bench, markdown section)", () => {
    // 19,992 characters: under MARKDOWN_MAX_CHARS, so the Markdown parser sees all of it.
    const html = renderMarkdownToHtml("*a _b [c `d ".repeat(1666));
    // Every unclosed bracket is kept as text: none is lost, none becomes a link.
    expect(html.match(/\[c/g)).toHaveLength(1666);
    expect(html).not.toMatch(/<a\b/);
  });
});

describe("renderMarkdown: Markdown it has not shown before", () => {
  it("nests lists", () => {
    expectBoth("- a\n  - b\n- c", "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>");
  });

  it("keeps block quotes, code blocks, images, rules and relative links as the text typed", () => {
    expectBoth("> quoted", "<p>&gt; quoted</p>");
    expectBoth("![photo](https://example.org/p.png)", `<p>!<a href="https://example.org/p.png" ${rel}>photo</a></p>`);
    expectBoth("a\n---", "<p>a<br/>---</p>");
    expectBoth("[x](/admin)", "<p>[x](/admin)</p>");
  });
});

describe("renderMarkdown: pathological input at the limit", () => {
  const half = MARKDOWN_MAX_CHARS / 2;

  it("renders 20,000 characters of nested brackets as the brackets typed", () => {
    expectBoth("[".repeat(half) + "]".repeat(half), `<p>${"[".repeat(half)}${"]".repeat(half)}</p>`);
  });

  it("finds a link inside deeply nested brackets", () => {
    const depth = 500;
    expectBoth(
      `${"[".repeat(depth)}[x](https://example.org/)${"]".repeat(depth)}`,
      `<p>${"[".repeat(depth)}<a href="https://example.org/" ${rel}>x</a>${"]".repeat(depth)}</p>`,
    );
  });

  it("renders 20,000 characters of chained links as that many links, each with rel", () => {
    const link = "[a](https://example.org/a)";
    const count = Math.floor(MARKDOWN_MAX_CHARS / link.length);
    expectBoth(link.repeat(count), `<p>${`<a href="https://example.org/a" ${rel}>a</a>`.repeat(count)}</p>`);
  });

  it("renders 20,000 characters of emphasis runs with only balanced strong and em tags", () => {
    const { react, html } = both("*a**b***".repeat(MARKDOWN_MAX_CHARS / 8));
    expect(react).toBe(html);
    expect(html).not.toMatch(/<(?!\/?(p|strong|em)>)/);
    for (const tag of ["strong", "em"]) expect(html.split(`<${tag}>`).length).toBe(html.split(`</${tag}>`).length);
  });
});

describe("renderMarkdown: text over MARKDOWN_MAX_CHARS", () => {
  const notice = `<p><em>This text is longer than ${MARKDOWN_MAX_CHARS.toLocaleString("en-GB")} characters, so it is shown as typed, without formatting. Shortening it to ${MARKDOWN_MAX_CHARS.toLocaleString("en-GB")} characters or fewer brings the formatting back.</em></p>`;

  it("is the limit the evidence form applies to descriptions", () => {
    expect(evidenceLimits.description).toBe(MARKDOWN_MAX_CHARS);
  });

  it("formats text of exactly the limit, counting a CRLF line break as one character", () => {
    const source = "**bold**\r\n" + "x".repeat(MARKDOWN_MAX_CHARS - 9);
    expect(both(source).html).toBe(`<p><strong>bold</strong><br/>${"x".repeat(MARKDOWN_MAX_CHARS - 9)}</p>`);
  });

  it("shows longer text whole and unformatted, escaped, under a notice saying why", () => {
    const filler = "x".repeat(MARKDOWN_MAX_CHARS);
    expectBoth(
      `**bold** <script>alert(1)</script>\nnext line\n\n[x](https://example.org) ${filler}`,
      `${notice}<p>**bold** &lt;script&gt;alert(1)&lt;/script&gt;<br/>next line</p><p>[x](https://example.org) ${filler}</p>`,
    );
  });
});
