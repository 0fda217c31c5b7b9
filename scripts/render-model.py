#!/usr/bin/python3
"""Renders a document model (paragraphs, and tables whose cells span rows and columns) as the other
formats jixiao reads, for the table format-invariance test (test/extract/table-invariance.test.ts):

    /usr/bin/python3 scripts/render-model.py MODEL.json OUT_DIR [MODEL.json OUT_DIR ...]

MODEL.json: {"blocks": [{"kind": "paragraph", "text": "…"} | {"kind": "table", "rows": [[{"text": "…",
"colspan": 1, "rowspan": 1}, …], …]}]} — a row lists the cells that start in it, left to right, as in
HTML. OUT_DIR receives:
  report.docx   python-docx: the paragraphs, each table with its cells merged as the model spans them
  report.html   the same in a bare web page (rowspan, colspan)
  report.pdf    LibreOffice's PDF of the .docx (one LibreOffice run for all the models)
Needs Debian's python3-docx, libreoffice-writer-nogui and fonts-wqy-microhei (see render-formats.py).
"""
import json
import os
import shutil
import sys
import tempfile

from fixture_formats import soffice_convert
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

FONT = "WenQuanYi Micro Hei"


def placed(rows):
    """Cells → [(r, c, rowspan, colspan, text)] on the grid, and its width: a cell takes the first
    column its row has free (cells spanning down from rows above hold theirs)."""
    taken = set()
    out = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            rs, cs = max(1, cell.get("rowspan", 1)), max(1, cell.get("colspan", 1))
            rs = min(rs, len(rows) - r)
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            out.append((r, c, rs, cs, cell.get("text", "")))
            c += cs
            width = max(width, c)
    for (r, c) in taken:
        width = max(width, c + 1)
    return out, width


def font(run, size):
    run.font.name = FONT
    run.font.size = Pt(size)
    rpr = run._element.get_or_add_rPr()
    rpr.rFonts.set(qn("w:eastAsia"), FONT)


def make_docx(blocks, out):
    doc = Document()
    section = doc.sections[0]
    # landscape, narrow margins: the wide tables of a 部门预算 fit as they do in its PDF
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Pt(36))
    for b in blocks:
        if b["kind"] == "paragraph":
            font(doc.add_paragraph().add_run(b["text"]), 11)
            continue
        cells, width = placed(b["rows"])
        if not cells or width == 0:
            continue
        table = doc.add_table(rows=len(b["rows"]), cols=width)
        table.style = "Table Grid"
        # kept on one page where it fits, as the source's table was (a header row alone at the foot of a
        # page, its columns on the next, is the renderer's doing, not the author's)
        for row in table.rows:
            props = row._tr.get_or_add_trPr()
            props.append(OxmlElement("w:cantSplit"))
        for (r, c, rs, cs, text) in cells:
            cell = table.cell(r, c)
            if rs > 1 or cs > 1:
                cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
            cell.text = ""
            lines = text.split("\n")
            para = cell.paragraphs[0]
            para.paragraph_format.keep_with_next = r + rs < len(b["rows"])
            for i, line in enumerate(lines):
                run = para.add_run(line)
                font(run, 8)
                if i < len(lines) - 1:
                    run.add_break()
        doc.add_paragraph()
    doc.save(out)


def make_html(blocks, out):
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
    body = []
    for b in blocks:
        if b["kind"] == "paragraph":
            body.append(f"<p>{esc(b['text'])}</p>")
            continue
        trs = []
        for row in b["rows"]:
            tds = []
            for cell in row:
                rs, cs = cell.get("rowspan", 1), cell.get("colspan", 1)
                attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                tds.append(f"<td{attrs}>{esc(cell.get('text', ''))}</td>")
            trs.append("<tr>" + "".join(tds) + "</tr>")
        body.append('<table border="1" cellspacing="0">' + "".join(trs) + "</table>")
    with open(out, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n<body>\n' + "\n".join(body) + "\n</body></html>\n")


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        print("usage: render-model.py MODEL.json OUT_DIR [MODEL.json OUT_DIR ...]", file=sys.stderr)
        return 2
    pairs = list(zip(argv[0::2], argv[1::2]))
    with tempfile.TemporaryDirectory() as stage:
        docs = []
        for i, (model, out_dir) in enumerate(pairs):
            blocks = json.load(open(model, encoding="utf-8"))["blocks"]
            work = os.path.join(stage, str(i))
            os.makedirs(work)
            make_docx(blocks, os.path.join(work, "report.docx"))
            make_html(blocks, os.path.join(work, "report.html"))
            docs.append(os.path.join(work, "report.docx"))
        # one LibreOffice run for all: its start-up is most of the time; the PDFs land side by side, so
        # each .docx goes under its own name first
        named = []
        for i, d in enumerate(docs):
            n = os.path.join(stage, f"m{i}.docx")
            shutil.copy(d, n)
            named.append(n)
        soffice_convert(named, "pdf", stage)
        for i, (model, out_dir) in enumerate(pairs):
            pdf = os.path.join(stage, f"m{i}.pdf")
            if not os.path.exists(pdf):
                print(f"render-model: LibreOffice made no PDF of {model}", file=sys.stderr)
                return 1
            shutil.move(pdf, os.path.join(stage, str(i), "report.pdf"))
            os.makedirs(out_dir, exist_ok=True)
            # the PDF written last: a directory with report.pdf in it is complete
            for name in ("report.docx", "report.html", "report.pdf"):
                shutil.move(os.path.join(stage, str(i), name), os.path.join(out_dir, name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
