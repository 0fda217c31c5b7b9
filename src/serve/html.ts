/** HTML for the review pages: every piece of report text goes through `esc`; no script, no CDN. */

/** Escapes text for HTML content and attribute values. */
export function esc(v: unknown): string {
  return String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A tagged template whose interpolations are escaped unless wrapped in `raw`. */
export class Raw {
  constructor(readonly html: string) {}
}
export const raw = (html: string) => new Raw(html);
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0];
  values.forEach((v, i) => {
    out +=
      (Array.isArray(v) ? v.map((x) => (x instanceof Raw ? x.html : esc(x))).join("") : v instanceof Raw ? v.html : esc(v)) +
      strings[i + 1];
  });
  return new Raw(out);
}

const CSS = `
body{font:14px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;margin:0;color:#222}
header{background:#24405a;color:#fff;padding:.5em 1em}header a{color:#fff}
main{padding:1em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f3f5f7}.num{text-align:right;font-variant-numeric:tabular-nums}.flag{color:#a40}.missing{color:#999}
.corrected{background:#fff4d6}.doc{display:grid;grid-template-columns:minmax(28em,1fr) 1fr;gap:1em}
.text{white-space:pre-wrap;font-family:inherit;background:#fafafa;padding:1em;max-height:85vh;overflow:auto}
mark{background:#ffe58a}mark:target,mark.active{background:#ffb020;outline:2px solid #e08000}tr.active{background:#e8f1fb}
.uncertain{color:#a40}nav a{margin-right:1em}th a{color:inherit}.score td{font-size:13px}
figure#page-view{margin:0 0 1em}figure#page-view .sheet{position:relative}figure#page-view img{width:100%;display:block;outline:1px solid #ccc}
figure#page-view .box{position:absolute;outline:3px solid #e00;outline-offset:1px;background:rgba(255,200,0,.25);pointer-events:none}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:1em}.chart{height:380px}
form.filters input,form.filters select{margin-right:.5em}form.review{display:flex;gap:.3em;flex-wrap:wrap}
details.budget{margin:.5em 0}details.budget summary{cursor:pointer}.lines td{font-size:13px;padding:.15em .4em}td.failed{background:#fde2e2;color:#a00}
`;

/** A whole page; `scripts` are paths of the server's own assets. */
export function page(title: string, body: Raw, scripts: string[] = []): string {
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>` +
    `<header><nav><a href="/">jixiao</a><a href="/">documents</a><a href="/charts">charts</a></nav>${esc(title)}</header><main>${body.html}</main>` +
    scripts.map((s) => `<script src="${esc(s)}"></script>`).join("") +
    `</body></html>`
  );
}
