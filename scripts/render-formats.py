#!/usr/bin/python3
"""Renders report texts as the other formats jixiao reads, for the format-invariance tests:

    /usr/bin/python3 scripts/render-formats.py [--out DIR] FILE.txt...

Each text becomes, under DIR/v<N>/<key>/ (key: the first 16 hex digits of the text's SHA-256, so a
changed text is rendered again and an unchanged one never is):
  report.docx      python-docx: paragraphs, numbered headings in Word heading styles, tables,
                   a "- N -" page-number footer; in WenQuanYi Micro Hei
  report.pdf       LibreOffice's PDF of that .docx (embedded TrueType subset fonts)
  report-cid.pdf   reportlab with the non-embedded CID font STSong-Light
  report.doc       LibreOffice's Word 97 file of that .docx
  report.html      the paragraphs and tables in a bare web page (UTF-8)
The texts are read as the text reader reads them: lines, tab-separated runs as tables. DIR defaults
to $JIXIAO_FORMAT_CACHE, else ~/.cache/jixiao/formats: outside the repository, so nothing rendered
is committed. LibreOffice converts all new files in one run. Needs Debian's python3-docx,
python3-reportlab, libreoffice-writer-nogui and a Chinese font (fonts-wqy-microhei).
"""
import hashlib
import os
import shutil
import sys
import tempfile

from fixture_formats import make_cid_pdf, make_docx, make_html, parse, soffice_convert, title_of

# bumped when the rendering changes, so that older renderings are not compared
VERSION = 2
# the font the .docx names, installed with fonts-wqy-microhei: LibreOffice then draws the PDF in it and
# not in a substitute that depends on which fonts a machine has
FONT = "WenQuanYi Micro Hei"
OUTPUTS = ("report.docx", "report.pdf", "report-cid.pdf", "report.doc", "report.html")


def cache_dir(argv):
    if "--out" in argv:
        return argv[argv.index("--out") + 1]
    return os.environ.get("JIXIAO_FORMAT_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "jixiao", "formats")


def main(argv):
    files = [a for i, a in enumerate(argv) if a != "--out" and (i == 0 or argv[i - 1] != "--out")]
    root = os.path.join(cache_dir(argv), f"v{VERSION}")
    os.makedirs(root, exist_ok=True)
    todo = []
    for path in files:
        data = open(path, "rb").read()
        key = hashlib.sha256(data).hexdigest()[:16]
        out = os.path.join(root, key)
        if all(os.path.exists(os.path.join(out, o)) for o in OUTPUTS):
            continue
        todo.append((path, key, data.decode("utf-8")))
    if not todo:
        print(f"{len(files)} texts, all rendered already in {root}")
        return 0
    with tempfile.TemporaryDirectory() as stage:
        docx = []
        for path, key, text in todo:
            blocks = parse(text)
            title = title_of(blocks)
            work = os.path.join(stage, key)
            os.makedirs(work)
            make_docx(blocks, title, os.path.join(work, "report.docx"), header=False, fonts=(FONT, FONT))
            make_cid_pdf(blocks, title, os.path.join(work, "report-cid.pdf"), header=False)
            make_html(blocks, title, os.path.join(work, "report.html"), "utf-8", chrome=False)
            # LibreOffice names its output after the input: one input per key, in one folder
            shutil.copyfile(os.path.join(work, "report.docx"), os.path.join(stage, key + ".docx"))
            docx.append(os.path.join(stage, key + ".docx"))
        pdf_dir, doc_dir = os.path.join(stage, "_pdf"), os.path.join(stage, "_doc")
        soffice_convert(docx, "pdf", pdf_dir)
        soffice_convert(docx, "doc:MS Word 97", doc_dir)
        for path, key, _ in todo:
            work = os.path.join(stage, key)
            shutil.move(os.path.join(pdf_dir, key + ".pdf"), os.path.join(work, "report.pdf"))
            shutil.move(os.path.join(doc_dir, key + ".doc"), os.path.join(work, "report.doc"))
            out = os.path.join(root, key)
            shutil.rmtree(out, ignore_errors=True)
            shutil.move(work, out)
    print(f"{len(files)} texts, {len(todo)} rendered into {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
