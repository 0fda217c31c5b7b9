"""Document builders shared by the fixture scripts: a source text (paragraphs, tab-separated table
rows) as a .docx (python-docx), a LibreOffice PDF and Word 97 .doc of that .docx, a CID-font PDF
(reportlab, STSong-Light) and a saved web page.

Used by scripts/make-fixtures.py (the committed fixtures) and scripts/render-formats.py (the real
excerpts of ../shared rendered for the format-invariance tests, cached outside git).
Needs Debian's python3-docx, python3-reportlab, libreoffice-writer-nogui and a Chinese font.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.lib import colors

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "fixtures")
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")


def clean_lines(text):
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        line = re.sub(r"\[bookmark: [^\]]*\]", "", line)
        lines.append(line.rstrip("\n"))
    return lines


def parse(text):
    """Source text → list of ("p", text) / ("table", rows)."""
    blocks = []
    lines = clean_lines(text)
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line and len([c for c in line.split("\t") if c.strip()]) >= 2:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append([c.strip() for c in lines[i].rstrip("\t").split("\t")])
                i += 1
            width = max(len(r) for r in rows)
            blocks.append(("table", [r + [""] * (width - len(r)) for r in rows]))
            continue
        if line.strip():
            blocks.append(("p", line.strip()))
        i += 1
    return blocks


def heading_level(text):
    if len(text) > 40 or "。" in text[:-1]:
        return None
    if re.match(r"^\s*[一二三四五六七八九十]+、", text):
        return 1
    if re.match(r"^\s*[（(][一二三四五六七八九十]+[）)]", text):
        return 2
    return None


def set_cjk_font(run, name="SimSun", size=None):
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)


def add_page_field(paragraph, font="SimSun"):
    """'- PAGE -' as a real Word field."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = paragraph.add_run("- ")
    set_cjk_font(r, font)
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    r = paragraph.add_run(" -")
    set_cjk_font(r, font)


def merge_plan(rows):
    """Cells to merge: a label row's empty tail merges right; empty cells in the first two columns merge up."""
    spans = []  # (r0, c0, r1, c1)
    width = len(rows[0])
    taken = set()
    for r, row in enumerate(rows):
        filled = [c for c, v in enumerate(row) if v]
        # "预期目标 | long text | | | …": the text spans the rest of the row
        if len(filled) == 2 and filled[0] == 0 and filled[1] <= 2 and width > 3:
            spans.append((r, filled[1], r, width - 1))
            taken.update((r, c) for c in range(filled[1], width))
            if filled[1] == 2:
                spans.append((r, 0, r, 1))
                taken.update([(r, 0), (r, 1)])
        if len(filled) == 1 and width > 2:
            spans.append((r, filled[0], r, width - 1))
            taken.update((r, c) for c in range(filled[0], width))
    for c in (0, 1):
        r = 0
        while r < len(rows):
            if rows[r][c] and (r, c) not in taken:
                end = r
                while end + 1 < len(rows) and not rows[end + 1][c] and any(rows[end + 1][2:]) and (end + 1, c) not in taken and (c == 0 or rows[end + 1][0] == ""):
                    end += 1
                if end > r:
                    spans.append((r, c, end, c))
                    taken.update((x, c) for x in range(r, end + 1))
                r = end + 1
            else:
                r += 1
    return spans


def make_docx(blocks, title, out, header=True, fonts=("SimSun", "SimHei")):
    """header=False: no running title in the page header (the page-number footer stays).
    fonts: body and heading font (a font LibreOffice has, for a PDF that does not depend on its substitutes)."""
    body_font, head_font = fonts
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = body_font
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), body_font)
    normal.font.size = Pt(12)
    section = doc.sections[0]
    if header:
        hp = section.header.paragraphs[0]
        hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_cjk_font(hp.add_run(title), body_font, size=9)
    add_page_field(section.footer.paragraphs[0], body_font)
    for kind, content in blocks:
        if kind == "p":
            level = heading_level(content)
            if level:
                p = doc.add_heading("", level=level)
                set_cjk_font(p.add_run(content), head_font, 14 if level == 1 else 12)
            else:
                p = doc.add_paragraph()
                p.paragraph_format.first_line_indent = Pt(24)
                set_cjk_font(p.add_run(content), body_font)
        else:
            rows = content
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            spans = merge_plan(rows)
            covered = set()
            for (r0, c0, r1, c1) in spans:
                for r in range(r0, r1 + 1):
                    for c in range(c0, c1 + 1):
                        if (r, c) != (r0, c0):
                            covered.add((r, c))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if (r, c) in covered:
                        continue
                    cell = table.cell(r, c)
                    cell.text = ""
                    set_cjk_font(cell.paragraphs[0].add_run(value), body_font, size=9)
            for (r0, c0, r1, c1) in spans:
                table.cell(r0, c0).merge(table.cell(r1, c1))
            doc.add_paragraph()
    doc.save(out)


def make_cid_pdf(blocks, title, out, header=True):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=18, firstLineIndent=22, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontSize=13, leading=22, firstLineIndent=0, spaceBefore=6)
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=7.5, leading=9.5, wordWrap="CJK")

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont("STSong-Light", 9)
        if header:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, title)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, "- %d -" % doc.page)
        canvas.restoreState()

    story = []
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for kind, content in blocks:
        if kind == "p":
            story.append(Paragraph(esc(content), head if heading_level(content) else body))
        else:
            rows = content
            data = [[Paragraph(esc(v), cell) for v in row] for row in rows]
            width = (A4[0] - 40 * mm) / len(rows[0])
            t = Table(data, colWidths=[width] * len(rows[0]), repeatRows=0)
            style = [("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            for (r0, c0, r1, c1) in merge_plan(rows):
                style.append(("SPAN", (c0, r0), (c1, r1)))
            t.setStyle(TableStyle(style))
            story.append(Spacer(1, 4))
            story.append(t)
            story.append(Spacer(1, 4))
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=25 * mm, bottomMargin=22 * mm, title=title)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)


def soffice_convert(paths, target, out_dir):
    """LibreOffice converts the files `paths` to `target` ("pdf", "doc:MS Word 97") into out_dir, in one run."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target, "--outdir", out_dir, *paths],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def docx_to_pdf(docx_path, out_dir):
    soffice_convert([docx_path], "pdf", out_dir)


def make_html(blocks, title, out, charset, chrome=True):
    """A page as a county government site publishes it: navigation, breadcrumbs, a metadata block
    (索引号, 发布日期 — the publication date, not the report date), the article, share buttons, footer.
    chrome=False: the article alone in a bare page (no site furniture that the source text lacks)."""
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = []
    for kind, content in blocks:
        if kind == "p":
            body.append(f'<p style="text-indent:2em">{esc(content)}</p>')
        else:
            rows = content
            covered, spans = set(), {}
            for (r0, c0, r1, c1) in merge_plan(rows):
                spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
                for r in range(r0, r1 + 1):
                    for c in range(c0, c1 + 1):
                        if (r, c) != (r0, c0):
                            covered.add((r, c))
            trs = []
            for r, row in enumerate(rows):
                tds = []
                for c, v in enumerate(row):
                    if (r, c) in covered:
                        continue
                    rs, cs = spans.get((r, c), (1, 1))
                    attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                    tds.append(f"<td{attrs}>{esc(v)}</td>")
                trs.append("<tr>" + "".join(tds) + "</tr>")
            body.append('<table border="1" cellspacing="0">' + "".join(trs) + "</table>")
    if not chrome:
        page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={"gb2312" if charset == "gb18030" else charset}"></head>
<body><div class="content">
{chr(10).join(body)}
</div></body></html>
"""
        with open(out, "w", encoding=charset, errors="strict") as f:
            f.write(page)
        return
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={"gb2312" if charset == "gb18030" else charset}">
<title>{esc(title)}_政府信息公开</title>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.nav li{{display:inline}}</style></head>
<body>
<div class="header"><div class="logo">县人民政府门户网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 财政预决算</div>
<div class="main">
<table class="xxgk-meta"><tr><td>索引号：</td><td>11431122MB1C12345X/2025-00123</td><td>发布机构：</td><td>县财政局</td></tr>
<tr><td>发布日期：</td><td>2025-08-01</td><td>主题分类：</td><td>财政预算、决算</td></tr></table>
<div class="article">
<h1 class="title">{esc(title)}</h1>
<div class="info">发布时间：2025-08-01 10:32 来源：县财政局 浏览次数：<span id="hits">128</span></div>
<div class="content" id="zoom">
{chr(10).join(body)}
</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a> <a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
</div></div>
<div class="footer">主办单位：县人民政府办公室 地址：县府路1号 网站标识码：4311220001 ICP备案号：湘ICP备12345678号</div>
</body></html>
"""
    with open(out, "w", encoding=charset, errors="strict") as f:
        f.write(page)


def docx_to_doc(docx_path, out_dir):
    soffice_convert([docx_path], "doc:MS Word 97", out_dir)


def title_of(blocks):
    for kind, content in blocks[:12]:
        if kind == "p" and ("报告" in content or "自评" in content) and len(content) <= 40:
            return content
    return "部门整体支出绩效自评报告"
