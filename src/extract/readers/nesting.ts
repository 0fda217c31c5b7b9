/**
 * A cap on markup nesting for the HTML and .docx readers. 500 000 nested <div>s or 100 000 nested
 * content controls make a DOM whose walk is quadratic and recursive: minutes of work, then a stack
 * overflow. No report nests that deep, so the wrappers in the middle of such a chain lose their tags
 * (their text stays, in order), in two linear passes before parsing.
 */

/** Deeper than this, tags are dropped. Real pages and Word documents stay far below it. */
export const MAX_NESTING = 256;

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
  "basefont",
  "frame",
  "keygen",
]);
/** HTML elements whose end tag may be left out: they do not nest when unclosed. */
const IMPLIED_END = new Set([
  "p",
  "li",
  "dt",
  "dd",
  "tr",
  "td",
  "th",
  "option",
  "optgroup",
  "thead",
  "tbody",
  "tfoot",
  "colgroup",
  "rt",
  "rp",
  "caption",
]);
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp"]);

interface Tag {
  start: number;
  end: number;
  name: string;
  closing: boolean;
  selfClosing: boolean;
}

/** The tags of `src` in order, skipping comments, declarations and the content of script/style. */
function* tags(src: string, html: boolean): Generator<Tag> {
  let i = src.indexOf("<");
  while (i >= 0 && i < src.length) {
    if (src.startsWith("<!--", i)) {
      const e = src.indexOf("-->", i + 4);
      i = e < 0 ? -1 : src.indexOf("<", e + 3);
      continue;
    }
    if (src.startsWith("<![CDATA[", i)) {
      const e = src.indexOf("]]>", i + 9);
      i = e < 0 ? -1 : src.indexOf("<", e + 3);
      continue;
    }
    const closing = src.charCodeAt(i + 1) === 0x2f;
    let j = i + (closing ? 2 : 1);
    const nameStart = j;
    while (j < src.length && /[\w:.-]/.test(src[j])) j++;
    if (j === nameStart) {
      i = src.indexOf("<", i + 1);
      continue;
    }
    const name = src.slice(nameStart, j);
    // to the end of the tag, over quoted attribute values
    let quote = 0;
    for (; j < src.length; j++) {
      const c = src.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3e) break;
    }
    if (j >= src.length) return;
    const tag = { start: i, end: j + 1, name: html ? name.toLowerCase() : name, closing, selfClosing: src.charCodeAt(j - 1) === 0x2f };
    yield tag;
    if (html && !closing && RAW_TEXT.has(tag.name)) {
      const e = src.toLowerCase().indexOf(`</${tag.name}`, j + 1);
      i = e < 0 ? -1 : e;
      continue;
    }
    i = src.indexOf("<", j + 1);
  }
}

/** Whether a tag opens or closes a level of nesting. */
function nests(t: Tag, html: boolean): boolean {
  if (t.selfClosing && !t.closing) return false;
  if (!html) return true;
  return !VOID.has(t.name) && !IMPLIED_END.has(t.name);
}

/**
 * `src` with the tags of the middle of a too deep chain removed: an element is dropped when it
 * stands deeper than max/2 *and* holds more than max/2 levels below it, so the outer levels and the
 * innermost ones (a paragraph, its runs, its text) keep their tags, and only the wrappers in between
 * go — their text stays, in order. Unchanged (the same string) when nothing nests deeper than `max`.
 */
export function capNesting(src: string, html: boolean, max = MAX_NESTING): { text: string; dropped: number } {
  // pass 1: the depth and the height (levels below it) of every element that nests
  const depthOf: number[] = [];
  const heightOf: number[] = [];
  const stack: number[] = [];
  let deepest = 0;
  let k = 0;
  const pop = () => {
    const i = stack.pop()!;
    const below = heightOf[i];
    if (stack.length) heightOf[stack[stack.length - 1]] = Math.max(heightOf[stack[stack.length - 1]], below + 1);
  };
  for (const t of tags(src, html)) {
    if (!nests(t, html)) continue;
    if (t.closing) {
      if (stack.length) pop();
      continue;
    }
    depthOf[k] = stack.length + 1;
    heightOf[k] = 0;
    deepest = Math.max(deepest, stack.length + 1);
    stack.push(k++);
  }
  while (stack.length) pop();
  if (deepest <= max) return { text: src, dropped: 0 };
  // pass 2: drop the open and close tags of the middle elements
  const half = max >> 1;
  const parts: string[] = [];
  const open: boolean[] = [];
  let at = 0;
  let dropped = 0;
  k = 0;
  for (const t of tags(src, html)) {
    if (!nests(t, html)) continue;
    let drop: boolean;
    if (t.closing) {
      if (!open.length) continue;
      drop = open.pop()!;
    } else {
      drop = depthOf[k] > half && heightOf[k] > half;
      open.push(drop);
      k++;
    }
    if (!drop) continue;
    parts.push(src.slice(at, t.start));
    at = t.end;
    dropped++;
  }
  parts.push(src.slice(at));
  return { text: parts.join(""), dropped };
}
