import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseMarkdown, renderMarkdown, renderMarkdownToHtml, safeHref } from "@/lib/markdown/render";

/** Both outputs, with the styling classes removed so the tests read as plain HTML. */
function both(source: string): { react: string; html: string } {
  const strip = (html: string) => html.replace(/ class="[^"]*"/g, "").replace(/<br>/g, "<br/>");
  return { react: strip(renderToStaticMarkup(renderMarkdown(source))), html: strip(renderMarkdownToHtml(source).replace(/\n/g, "")) };
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
    expect(react).toBe("<p>I <strong>greeted</strong> the <em>customer</em> and checked <code>order-42</code>; <em>politely</em>.</p>");
  });

  it("leaves underscores inside words and lone asterisks alone", () => {
    const { react } = both("see file_name_here and 2 * 3 * 4 and **unclosed");
    expect(react).toBe("<p>see file_name_here and 2 * 3 * 4 and **unclosed</p>");
  });

  it("renders bullet and numbered lists, keeping a numbered list's first number", () => {
    expectBoth("- one\n- **two**\n\n3. third\n4. fourth", '<ul><li>one</li><li><strong>two</strong></li></ul><ol start="3"><li>third</li><li>fourth</li></ol>');
    expectBoth("1. a\n2. b", "<ol><li>a</li><li>b</li></ol>");
  });

  it("renders headings below the page's own headings, keeping their order", () => {
    expectBoth("### What I did\ntext", "<h3>What I did</h3><p>text</p>");
    expectBoth("# Top\n## Next", "<h3>Top</h3><h4>Next</h4>");
    expect(both("## C# notes").react).toBe("<h3>C# notes</h3>");
  });

  it("renders http(s) and mailto links with rel noopener noreferrer nofollow", () => {
    expectBoth("[policy](https://example.org/policy?a=1&b=2)", `<p><a href="https://example.org/policy?a=1&amp;b=2" ${rel}>policy</a></p>`);
    expectBoth("[Email me](mailto:cara@example.org)", `<p><a href="mailto:cara@example.org" ${rel}>Email me</a></p>`);
    expectBoth("See https://example.org/page.", `<p>See <a href="https://example.org/page" ${rel}>https://example.org/page</a>.</p>`);
  });

  it("keeps backslash-escaped punctuation literal", () => {
    expectBoth("\\*not italic\\* and \\# not a heading", "<p>*not italic* and # not a heading</p>");
  });

  it("parses plain text with no Markdown into one paragraph", () => {
    expect(parseMarkdown("Just words.")).toEqual([{ type: "paragraph", children: [{ type: "text", value: "Just words." }] }]);
    expect(parseMarkdown("   \n\n")).toEqual([]);
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
    expectBoth('<img src=x onerror="alert(1)">', "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>");
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

  it("copes with long unclosed input quickly", () => {
    const started = performance.now();
    renderMarkdownToHtml("*a _b [c `d ".repeat(2000));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
