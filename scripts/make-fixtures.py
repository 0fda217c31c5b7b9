#!/usr/bin/python3
"""Builds jixiao's binary fixtures from text sources: real .docx, .pdf and encoded .txt files.

    /usr/bin/python3 scripts/make-fixtures.py        (from the repository root)

Needs Debian's python3-docx, python3-reportlab, libreoffice-writer-nogui and a Chinese font
(fonts-wqy-microhei or fonts-arphic-uming). The outputs are committed; CI and the tests only read
them, so none of these tools is needed to run jixiao or its tests.

For every source text (fixtures/src/*.txt, and the seeds copied to fixtures/reports/seeds/):
  docx/NAME.docx     python-docx: paragraphs, numbered headings in Word heading styles, tables
                     (merged cells where the source table leaves cells empty under a label),
                     a running header and a "- N -" page-number footer
  pdf/NAME.pdf       LibreOffice's PDF of that .docx: embedded TrueType subset fonts, header,
                     footer and page numbers on every page
  pdf-cid/NAME.pdf   reportlab with the non-embedded CID font STSong-Light (UniGB-UCS2-H): the
                     case where pdf.js returns empty text unless given its CMaps
"""
import os
import shutil
import subprocess
import sys
import tempfile

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from fixture_formats import FIX, ROOT, docx_to_doc, docx_to_pdf, make_cid_pdf, make_docx, make_html, parse, title_of


def build(src, stem, out_root):
    with open(src, encoding="utf-8") as f:
        text = f.read()
    blocks = parse(text)
    title = title_of(blocks)
    for sub in ("docx", "pdf", "pdf-cid", "doc", "html"):
        os.makedirs(os.path.join(out_root, sub), exist_ok=True)
    docx_path = os.path.join(out_root, "docx", stem + ".docx")
    make_docx(blocks, title, docx_path)
    docx_to_pdf(docx_path, os.path.join(out_root, "pdf"))
    make_cid_pdf(blocks, title, os.path.join(out_root, "pdf-cid", stem + ".pdf"))
    docx_to_doc(docx_path, os.path.join(out_root, "doc"))
    # web pages: GB2312 for every other one (as many county sites still serve), and one saved with a .doc name
    index = sum(1 for _ in open(src, encoding="utf-8")) % 2
    charset = "gb18030" if index else "utf-8"
    name = stem + (".doc" if stem.startswith("001") or stem.startswith("v02") else ".html")
    make_html(blocks, title, os.path.join(out_root, "html", name), charset)
    print("built", stem)


def make_broken(out_dir, sample_pdf, sample_docx, sample_html):
    """Files a crawl meets that cannot (or can only just) be read: each must end as one clear error."""
    import random
    import zipfile
    os.makedirs(out_dir, exist_ok=True)
    w = lambda name, data: open(os.path.join(out_dir, name), "wb").write(data)
    w("empty.pdf", b"")
    rnd = random.Random(42)
    w("random-bytes.docx", bytes(rnd.randrange(256) for _ in range(8192)))
    pdf = open(sample_pdf, "rb").read()
    w("truncated.pdf", pdf[: len(pdf) // 3])
    docx = open(sample_docx, "rb").read()
    w("truncated.docx", docx[: len(docx) // 2])
    w("really-a-pdf.docx", pdf)
    shutil.copyfile(sample_html, os.path.join(out_dir, "really-html.doc"))
    with zipfile.ZipFile(os.path.join(out_dir, "not-word.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("readme.txt", "这不是 Word 文档")
        z.writestr("data/table.csv", "a,b\n1,2\n")
    # a zip bomb dressed as .docx: a 400 MB document.xml of spaces, about 400 KB compressed
    with zipfile.ZipFile(os.path.join(out_dir, "zip-bomb.docx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with z.open("word/document.xml", "w", force_zip64=False) as f:
            chunk = b" " * (1 << 20)
            for _ in range(400):
                f.write(chunk)
    # encrypted PDF (user password)
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    from reportlab.pdfgen import canvas as rl_canvas
    c = rl_canvas.Canvas(os.path.join(out_dir, "encrypted.pdf"), encrypt="secret")
    c.setFont("STSong-Light", 12)
    c.drawString(72, 720, "部门整体支出绩效自评报告（加密）")
    c.save()
    # a report in GBK, as many older county sites still publish text
    with open(os.path.join(FIX, "src", "variants", "v04_weijian_cover.txt"), encoding="utf-8") as f:
        w("gbk-report.txt", f.read().encode("gbk"))
    # odd but valid names: spaces, Chinese, shell characters
    text = "某县文化和旅游局2023年度部门整体支出绩效自评报告\n部门整体支出绩效自评得分为90分，评价等级为优秀。\n"
    for name in ("报告 (最终版) $HOME;echo x.txt", "it's \"quoted\" & <tagged>.txt", "-starts-with-dash.txt"):
        w(name, text.encode("utf-8"))


def make_scanned(src_pdf, out_pdf, pages=2):
    """An image-only PDF (no text layer), as a scanner makes it: pages rendered at 200 dpi."""
    from reportlab.pdfgen import canvas as rl_canvas
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-l", str(pages), src_pdf, os.path.join(tmp, "p")], check=True)
        c = rl_canvas.Canvas(out_pdf, pagesize=A4)
        for png in sorted(os.listdir(tmp)):
            c.drawImage(os.path.join(tmp, png), 0, 0, width=A4[0], height=A4[1])
            c.showPage()
        c.save()


def main():
    seeds_src = os.path.join(ROOT, "..", "shared", "seeds")
    seeds_dst = os.path.join(FIX, "reports", "seeds")
    if os.path.isdir(seeds_src):
        os.makedirs(seeds_dst, exist_ok=True)
        for name in sorted(os.listdir(seeds_src)):
            if name.endswith(".txt"):
                shutil.copyfile(os.path.join(seeds_src, name), os.path.join(seeds_dst, name))
    for name in sorted(os.listdir(seeds_dst)):
        build(os.path.join(seeds_dst, name), name[:-4], os.path.join(FIX, "reports", "seeds-as"))
    variants = os.path.join(FIX, "src", "variants")
    for name in sorted(os.listdir(variants)):
        if name.endswith(".txt"):
            build(os.path.join(variants, name), name[:-4], os.path.join(FIX, "reports", "variants"))
    seeds_as = os.path.join(FIX, "reports", "seeds-as")
    make_broken(os.path.join(FIX, "broken"), os.path.join(seeds_as, "pdf", "001_7677739c59076178.pdf"),
                os.path.join(seeds_as, "docx", "001_7677739c59076178.docx"), os.path.join(seeds_as, "html", "000_02982db791a3379a.html"))
    os.makedirs(os.path.join(FIX, "scanned"), exist_ok=True)
    make_scanned(os.path.join(seeds_as, "pdf", "001_7677739c59076178.pdf"), os.path.join(FIX, "scanned", "001_7677739c59076178.pdf"), pages=4)
    # the generated labelled set (scripts/make-labelled.mjs) as PDF and docx too
    labelled = os.path.join(FIX, "src", "labelled")
    if os.path.isdir(labelled):
        for name in sorted(os.listdir(labelled)):
            if name.endswith(".txt"):
                build(os.path.join(labelled, name), name[:-4], os.path.join(FIX, "labelled-as"))
    # the variant sources also ship as text: UTF-8, and one in GBK
    for name in sorted(os.listdir(variants)):
        if name.endswith(".txt"):
            dst = os.path.join(FIX, "reports", "variants", "txt")
            os.makedirs(dst, exist_ok=True)
            with open(os.path.join(variants, name), encoding="utf-8") as f:
                text = f.read()
            enc = "gbk" if "_gbk" in name else "utf-8"
            with open(os.path.join(dst, name), "w", encoding=enc, newline="\r\n" if "_gbk" in name else "\n") as f:
                f.write(text)


if __name__ == "__main__":
    sys.exit(main())
