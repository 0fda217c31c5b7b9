/**
 * The nesting cap (readers/nesting.ts) in process, with small limits: which tags nest (HTML's void
 * and implied-end elements do not; in XML every non-self-closing tag does), what is skipped (comments,
 * CDATA, script contents, a > inside a quoted attribute), and which tags a too deep chain loses.
 */
import { describe, expect, it } from "vitest";
import { capNesting, MAX_NESTING } from "../../../src/extract/readers/nesting.js";

const divs = (n: number, inner = "x") => "<div>".repeat(n) + inner + "</div>".repeat(n);

describe("capNesting", () => {
  it("leaves text that nests no deeper than the limit as it is", () => {
    const src = divs(3);
    const r = capNesting(src, true, 3);
    expect(r).toEqual({ text: src, dropped: 0 });
    expect(r.text).toBe(src);
    expect(MAX_NESTING).toBe(256);
    expect(capNesting(divs(256), true).dropped).toBe(0);
    // one level over: no element is both deeper and taller than 128; at 300, those at depths 129–171 go
    expect(capNesting(divs(257), true).dropped).toBe(0);
    expect(capNesting(divs(300), true).dropped).toBe(2 * 43);
  });
  it("drops the tags of elements deeper than half the limit that hold more than half of it below them", () => {
    // depths 1–4, heights 3–0, half of 2 is 1: only the second div is both deeper and taller than 1
    expect(capNesting(divs(4), true, 2)).toEqual({ text: divs(3), dropped: 2 });
    // three deep over a limit of 2: no element is both, nothing dropped
    expect(capNesting(divs(3), true, 2)).toEqual({ text: divs(3), dropped: 0 });
    // a long chain keeps its outer and inner levels, its text in order
    const r = capNesting(`<div>a${divs(10, "b")}c</div>`, true, 4);
    expect(r.text.replace(/<[^>]+>/g, "")).toBe("abc");
    expect(r.text.startsWith("<div>a<div>")).toBe(true);
    expect(r.text.endsWith("</div></div>c</div>")).toBe(true);
    // depths 3–8 are deeper than 2 with more than 2 levels below them
    expect(r.dropped).toBe(2 * 6);
  });
  it("in XML every tag nests but a self-closing one; names keep their case", () => {
    expect(capNesting("<a><b><c><d>t</d></c></b></a>", false, 2)).toEqual({ text: "<a><c><d>t</d></c></a>", dropped: 2 });
    expect(capNesting("<a><b><c/><c/><c/></b></a>", false, 2)).toEqual({ text: "<a><b><c/><c/><c/></b></a>", dropped: 0 });
    expect(capNesting("<a><b><c><d></d></c></b></a>", false, 2).dropped).toBe(2);
    expect(capNesting("<w:p><w:r><w:t><w:x>t</w:x></w:t></w:r></w:p>", false, 2).text).toBe("<w:p><w:t><w:x>t</w:x></w:t></w:p>");
    // in XML a <br> nests like any other tag
    expect(capNesting("<br><br><br><br>x</br></br></br></br>", false, 2).dropped).toBe(2);
  });
  it("HTML's void and implied-end elements do not nest, whatever their case", () => {
    const src = "<div><P><BR><img src='a>b'><li><div><div><div>x</div></div></div></div>";
    expect(capNesting(src, true, 2)).toEqual({ text: "<div><P><BR><img src='a>b'><li><div><div>x</div></div></div>", dropped: 2 });
    expect(capNesting("<br><br><br><br>x", true, 1)).toEqual({ text: "<br><br><br><br>x", dropped: 0 });
    expect(capNesting("<p><p><p><p>x", true, 1).dropped).toBe(0);
    expect(capNesting("<div><div><hr/><div><div>x</div></div></div></div>", true, 2).text).toBe("<div><hr/><div><div>x</div></div></div>");
  });
  it("the contents of script and style, comments and CDATA hold no tags", () => {
    const script = `<div><script>if (a<b) { "<div><div><div>" }</script><div><div><div>x</div></div></div></div>`;
    expect(capNesting(script, true, 2).text).toBe(`<div><script>if (a<b) { "<div><div><div>" }</script><div><div>x</div></div></div>`);
    expect(capNesting(`<div><STYLE>p<q</style>${divs(3)}</div>`, true, 2).text).toBe(`<div><STYLE>p<q</style>${divs(2)}</div>`);
    expect(capNesting(`<!-- ${divs(9)} --><div><div>x</div></div>`, true, 2)).toEqual({
      text: `<!-- ${divs(9)} --><div><div>x</div></div>`,
      dropped: 0,
    });
    expect(capNesting(`<![CDATA[${"<a>".repeat(9)}]]><a><b>t</b></a>`, false, 2).dropped).toBe(0);
    // in XML, script is a tag like the others
    expect(capNesting("<script><a><b><c>t</c></b></a></script>", false, 2).dropped).toBe(2);
  });
  it("a stray closing tag, a < that opens no tag, an unfinished tag at the end", () => {
    expect(capNesting(`</p>a < b <> ${divs(4)}`, true, 2)).toEqual({ text: `</p>a < b <> ${divs(3)}`, dropped: 2 });
    expect(capNesting(`${divs(4)}<div class="x`, true, 2)).toEqual({ text: `${divs(3)}<div class="x`, dropped: 2 });
    expect(capNesting(`${divs(4)}</div></div>`, true, 2).text).toBe(`${divs(3)}</div></div>`);
    // an unclosed comment or CDATA ends the tags
    expect(capNesting(`${divs(4)}<!-- <div>`, true, 2).dropped).toBe(2);
    expect(capNesting(`${divs(4)}<![CDATA[ <a>`, false, 2).dropped).toBe(2);
    expect(capNesting(`${divs(4)}<script>`, true, 2).dropped).toBe(2);
  });
});
