import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { sanitizeHtml } from "./sanitize.ts";

describe("sanitizeHtml", () => {
  it("keeps Mastodon's markup: paragraphs, mentions, hashtags, links", () => {
    const mastodon = '<p><span class="h-card" translate="no"><a href="https://m.example/@ann" class="u-url mention">@<span>ann</span></a></span> hi <a href="https://m.example/tags/cats" class="mention hashtag" rel="tag">#<span>cats</span></a><br>bye</p>';
    assert.equal(sanitizeHtml(mastodon),
      '<p><span class="h-card" translate="no"><a href="https://m.example/@ann" class="u-url mention" rel="nofollow noopener noreferrer" target="_blank">@<span>ann</span></a></span> hi <a href="https://m.example/tags/cats" class="mention hashtag" rel="nofollow noopener noreferrer" target="_blank">#<span>cats</span></a><br>bye</p>');
  });

  it("drops script, style and embedded documents with their content", () => {
    assert.equal(sanitizeHtml("<p>a<script>alert(1)</script>b<style>p{}</style>c</p>"), "<p>abc</p>");
    assert.equal(sanitizeHtml('<p>x<iframe src="https://evil.example"></iframe><svg><script>1</script></svg>y</p>'), "<p>xy</p>");
    assert.equal(sanitizeHtml("<SCRIPT>alert(1)</SCRIPT >ok"), "ok");
    assert.equal(sanitizeHtml("<script>never closed"), "");
  });

  it("removes event handlers, styles and unknown attributes", () => {
    assert.equal(sanitizeHtml('<p onclick="x()" style="color:red" id="a">t</p>'), "<p>t</p>");
    assert.equal(sanitizeHtml('<span class="evil invisible" onmouseover=x>t</span>'), '<span class="invisible">t</span>');
    assert.equal(sanitizeHtml('<img src=x onerror="alert(1)">'), "");
  });

  it("refuses javascript:, data: and disguised schemes in links", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "jav&#x61;script:alert(1)", "javascript&colon;alert(1)", "data:text/html,<script>", " vbscript:x", "/relative"]) {
      assert.equal(sanitizeHtml(`<p><a href="${href}">x</a></p>`), "<p>x</p>", href);
    }
  });

  it("unwraps unknown elements, keeps their text, and escapes stray markup", () => {
    assert.equal(sanitizeHtml("<h1>Title</h1><div><p>a &lt;b&gt; &amp; c</p></div>"), "Title<p>a &lt;b&gt; &amp; c</p>");
    assert.equal(sanitizeHtml("1 < 2 > 0 <!-- comment --> & done"), "1 &lt; 2 &gt; 0  &amp; done");
    assert.equal(sanitizeHtml('<a href="https://x.example/?a=1&amp;b=2" title="t">l</a>'), '<a href="https://x.example/?a=1&amp;b=2" rel="nofollow noopener noreferrer" target="_blank">l</a>');
  });

  it("balances tags whatever the input does", () => {
    assert.equal(sanitizeHtml("<p><b>bold<i>both</p>after"), "<p><b>bold<i>both</i></b></p>after");
    assert.equal(sanitizeHtml("</p></b>text<br/>"), "text<br>");
    assert.equal(sanitizeHtml('<p title="a>b">x</p>'), "<p>x</p>");
  });
});
