#!/usr/bin/env python3
"""Writes fixtures/docx/constructs.docx: WordprocessingML that Word and WPS write but python-docx
does not — text boxes (DrawingML with a VML fallback), fields, tracked changes, content controls,
smart tags, hyperlinks, merged and nested table cells, a heading style whose id is a number, line
breaks, tabs, a footnote. Only the standard library; run with /usr/bin/python3."""
import zipfile, pathlib

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' \
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' \
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' \
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' \
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' \
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ' \
    'mc:Ignorable="w14"'

def p(inner, style=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ''
    return f'<w:p>{ppr}{inner}</w:p>'

def r(text):
    return f'<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'

def tc(inner, span=None, vmerge=None):
    pr = ''
    if span: pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == 'restart': pr += '<w:vMerge w:val="restart"/>'
    elif vmerge: pr += '<w:vMerge/>'
    return f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>{pr}</w:tcPr>{inner}</w:tc>'

textbox = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
           '<wps:wsp><wps:txbx><w:txbxContent>' + p(r('文本框：自评得分95分')) + '</w:txbxContent></wps:txbx></wps:wsp>'
           '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>'
           + p(r('文本框：自评得分95分')) + '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')

body = ''.join([
    p(r('某某镇人民政府2023年度部门整体支出绩效自评报告'), style='1'),
    p(r('一、部门基本情况'), style='2'),
    # a field: the instruction is not text, the result is
    p(r('年初预算') + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> = 1200 \\# "#,##0.00" </w:instrText></w:r>'
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r('1,200.00') + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + r('万元。')),
    # tracked changes: the deletion is gone, the insertion stays
    p(r('全年支出') + '<w:del w:id="1" w:author="x"><w:r><w:delText>1,100.00</w:delText></w:r></w:del>'
      '<w:ins w:id="2" w:author="x">' + r('1,150.00') + '</w:ins>' + r('万元，预算执行率95.83%。')),
    # a hyperlink, a smart tag, a content control, a bookmark and a proofing mark inside one paragraph
    p('<w:bookmarkStart w:id="0" w:name="a"/><w:proofErr w:type="spellStart"/>' + r('详见')
      + '<w:hyperlink r:id="rId9">' + r('公开网站') + '</w:hyperlink><w:smartTag w:uri="u" w:element="e">' + r('链接')
      + '</w:smartTag><w:sdt><w:sdtPr><w:alias w:val="单位"/></w:sdtPr><w:sdtContent>' + r('（控件内容）')
      + '</w:sdtContent></w:sdt><w:bookmarkEnd w:id="0"/>'),
    # a line break splits a paragraph, a tab becomes a space, a page break is nothing
    p(r('第一行') + '<w:r><w:br/></w:r>' + r('第二行') + '<w:r><w:tab/></w:r>' + r('同一行') + '<w:r><w:br w:type="page"/></w:r>'),
    # a paragraph holding a text box: the box's paragraphs follow it, once
    p(r('见右侧文本框') + textbox),
    # a footnote reference
    p(r('三公经费支出12.5万元') + '<w:r><w:footnoteReference w:id="1"/></w:r>' + r('。')),
    # a deleted paragraph mark joins two paragraphs
    '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="x"/></w:rPr></w:pPr>' + r('合并') + '</w:p>' + p(r('的段落')),
    # a body-level content control around a paragraph
    '<w:sdt><w:sdtPr/><w:sdtContent>' + p(r('控件中的段落')) + '</w:sdtContent></w:sdt>',
    # a table: merged columns, a vertical merge, an empty row, a nested table
    '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
    '<w:tr><w:trPr><w:tblHeader/></w:trPr>' + tc(p(r('一级指标'))) + tc(p(r('分值')) + p(r('（分）'))) + tc(p(r('得分'))) + '</w:tr>'
    '<w:tr>' + tc(p(r('产出')), vmerge='restart') + tc(p(r('20'))) + tc(p(r('19'))) + '</w:tr>'
    '<w:tr>' + tc(p(''), vmerge='continue') + tc(p(r('10'))) + tc(p(r('10'))) + '</w:tr>'
    '<w:tr>' + tc(p(r('合计')), span=2) + tc(p(r('29'))
      + '<w:tbl><w:tr>' + tc(p(r('内'))) + tc(p(r('表'))) + '</w:tr></w:tbl>') + '</w:tr>'
    '<w:tr><w:trPr><w:del w:id="4" w:author="x"/></w:trPr>' + tc(p(r('删除的行'))) + '</w:tr>'
    '</w:tbl>',
    p(r('二、绩效自评结论'), style='2'),
    p(r('自评等级：优。')),
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>',
])

document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{body}</w:body></w:document>'
styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W}>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/></w:style>'
          '<w:style w:type="character" w:styleId="10"><w:name w:val="Heading 1 Char"/></w:style>'
          '</w:styles>')
footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
             '<w:footnote w:type="separator" w:id="-1">' + p('<w:r><w:separator/></w:r>') + '</w:footnote>'
             '<w:footnote w:id="1">' + p('<w:r><w:footnoteRef/></w:r>' + r(' 含公务接待费3.2万元。')) + '</w:footnote></w:footnotes>')
content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    '</Types>')
rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '</Relationships>')
doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
    '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.org/" TargetMode="External"/>'
    '</Relationships>')

# the same body with the WordprocessingML namespace as the default namespace (no w: prefix), as
# some generators write it: jixiao's reader does not resolve namespaces and hands it to mammoth
plain = document.replace('<w:', '<').replace('</w:', '</').replace(
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
    'xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"')

def write(fname, document, extra=()):
    out = pathlib.Path(__file__).resolve().parent.parent / 'fixtures' / 'docx' / fname
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in [('[Content_Types].xml', content_types), ('_rels/.rels', rels), ('word/_rels/document.xml.rels', doc_rels),
                           ('word/document.xml', document), ('word/styles.xml', styles), ('word/footnotes.xml', footnotes), *extra]:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    print(out)

write('constructs.docx', document)
write('default-namespace.docx', plain)

# Word's automatic numbering: the markers live in numbering.xml, not in the text
def lvl(ilvl, fmt, text, start=1):
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
numbering_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {W}>'
    '<w:abstractNum w:abstractNumId="0">' + lvl(0, 'chineseCounting', '%1、') + lvl(1, 'chineseCounting', '（%2）') + lvl(2, 'decimal', '%3.') + '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1">' + lvl(0, 'bullet', '\uf06c') + '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="2">' + lvl(0, 'chineseCounting', '第%1部分') + '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="3">' + lvl(0, 'decimalEnclosedCircle', '%1') + lvl(1, 'ideographTraditional', '%2.') + '</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    '<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>'
    '</w:numbering>')
def np(text, num, ilvl=0):
    return f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{r(text) if text else ""}</w:p>'
numbered_body = ''.join([
    p(r('部门整体支出绩效自评报告'), style='1'),
    np('部门基本情况', 1, 0),
    np('部门职能', 1, 1),
    np('负责全镇经济发展。', 1, 2),
    np('负责社会事务。', 1, 2),
    np('机构设置', 1, 1),
    np('内设机构5个。', 1, 2),
    np('一个要点', 2, 0),
    np('', 1, 0),
    np('绩效自评结论', 1, 0),
    np('从五开始', 4, 2),
    np('第一项', 5, 0),
    np('甲项', 5, 1),
    p(r('评价结论'), style='1'),
    '<w:tbl><w:tr>' + tc(np('表内编号', 1, 1)) + tc(p(r('95'))) + '</w:tr></w:tbl>',
    '<w:sectPr/>',
])
numbered_document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{numbered_body}</w:body></w:document>'
# Heading 1 numbers its paragraphs through its style: 第一部分, 第二部分
styles = styles.replace('<w:name w:val="heading 1"/><w:basedOn w:val="a"/>', '<w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr>')
doc_rels = doc_rels.replace('</Relationships>', '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>')
write('numbering.docx', numbered_document, [('word/numbering.xml', numbering_xml)])

# symbol fonts: a checked and an empty box as w:sym (Word's Insert Symbol) and as a Wingdings run
# holding the private-use character (as WPS writes them)
def sym(font, char):
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'
wing = '<w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr><w:t>\uf0a8</w:t></w:r>'
symbols_body = ''.join([
    p(r('评价等级：') + sym('Wingdings', 'F0FE') + r('优') + sym('Wingdings', 'F0A8') + r('良') + wing + r('中') + sym('Wingdings 2', 'F054') + r('差')),
    p(r('未知符号') + sym('NoSuchFont', 'F0FE') + r('。')),
    # a phonetic guide (ruby): the pinyin is not text of the report
    p(r('注音：') + '<w:r><w:ruby><w:rubyPr/><w:rt>' + r('jì xiào') + '</w:rt><w:rubyBase>' + r('绩效') + '</w:rubyBase></w:ruby></w:r>' + r('。')),
    '<w:sectPr/>',
])
write('symbols.docx', f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{symbols_body}</w:body></w:document>')
