#!/usr/bin/env python3
"""Writes the deeply nested and embedded-data fixtures of fixtures/broken/:
  deep-nesting.html    a report paragraph inside 20 000 nested <div>s
  deep-nesting.docx    a seed .docx whose body is wrapped in 50 000 nested content controls
                       (random ids, so that the zip does not look like a bomb)
  embedded-image.html  a seed page with a 400 KB image embedded as a data: URI
Before the nesting cap, such files took minutes and then overflowed the stack."""
import base64, io, os, random, zipfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
broken = os.path.join(root, "fixtures", "broken")
random.seed(7)

n = 20000
with open(os.path.join(broken, "deep-nesting.html"), "w", encoding="utf-8") as f:
    f.write("<html><body>" + "<div>" * n + "<p>某县水利局2024年度部门整体支出绩效自评报告</p><p>核定编制12人,实有在职人员11人。</p>" + "</div>" * n + "</body></html>")

src = os.path.join(root, "fixtures", "reports", "seeds-as", "docx", "001_7677739c59076178.docx")
out = io.BytesIO()
with zipfile.ZipFile(src) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
    for item in z.infolist():
        data = z.read(item.filename)
        if item.filename == "word/document.xml":
            s = data.decode("utf-8")
            i = s.index("<w:body>") + len("<w:body>")
            j = s.index("<w:sectPr")
            m = 50000
            opens = "".join('<w:sdt><w:sdtPr><w:id w:val="%d"/></w:sdtPr><w:sdtContent>' % random.randrange(10**9) for _ in range(m))
            s = s[:i] + opens + s[i:j] + "</w:sdtContent></w:sdt>" * m + s[j:]
            data = s.encode("utf-8")
        zo.writestr(item, data)
with open(os.path.join(broken, "deep-nesting.docx"), "wb") as f:
    f.write(out.getvalue())

page = open(os.path.join(root, "fixtures", "reports", "seeds-as", "html", "002_ead4207e0aef5641.html"), "rb").read().decode("latin-1")
img = base64.b64encode(bytes(random.randrange(256) for _ in range(300000))).decode()
page = page.replace("</body>", '<p><img alt="chart" src="data:image/png;base64,%s"></p></body>' % img, 1)
with open(os.path.join(broken, "embedded-image.html"), "wb") as f:
    f.write(page.encode("latin-1"))
print("wrote deep-nesting.html, deep-nesting.docx, embedded-image.html")
