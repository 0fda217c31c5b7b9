/**
 * The cases where a real excerpt's record legitimately differs between its text and another format,
 * or under a harmless change (invariance.test.ts): each with the fields that differ and why. A case
 * not listed fails the test; so does a listed case that no longer differs. `npm run eval -- --cases`
 * prints every differing case with its values.
 */
export interface Case {
  file: string;
  /** the format (report.pdf …) or the change (one-line, rewrapped, metadata-inline …) */
  variant: string;
  /** the fields that differ, sorted (region fields follow unit_name) */
  fields: string[];
  reason: string;
}

const REGION = ["city", "county", "province", "region_code"];
const c = (file: string, variant: string, fields: string[], reason: string): Case => ({
  file,
  variant,
  fields: [...fields].sort(),
  reason,
});

export const FORMAT_CASES: Case[] = [
  ...["report.pdf", "report-cid.pdf"].map((v) =>
    c(
      "b021.txt",
      v,
      ["published_date", "report_date"],
      "the PDF reader joins '2025-09-26 12:24' into '2025-09-2612:24' (figures a space apart on one row run together), so the line is no stamped date and the date reads as the report's date line",
    ),
  ),
  ...["report.pdf", "report-cid.pdf"].map((v) =>
    c(
      "c023.txt",
      v,
      ["sangong_actual"],
      "the mirror's lines put a header and its 三公 row on one line, apart by spaces only; in a PDF the spaces between figures are lost ('三公经费29.0863.4644.29') and the row cannot be split",
    ),
  ),
  ...["report.pdf", "report-cid.pdf"].map((v) =>
    c(
      "c033.txt",
      v,
      ["measures"],
      "the excerpt is a page dumped on one line with spaces; a PDF drops the spaces beside Chinese characters, so the dump is not cut into lines again and its 改进措施 heading is no heading",
    ),
  ),
  ...["report.pdf", "report-cid.pdf"].map((v) =>
    c(
      "c064.txt",
      v,
      ["expenditure_total", "income_total"],
      "the excerpt is a page dumped on one line; in a PDF the spaces are gone and '2.收入:' / '3.支出:' no longer open lines of their own, where a bare 收入/支出 is a label",
    ),
  ),
  c(
    "c078.txt",
    "report-cid.pdf",
    ["unit_name"],
    "STSong-Light has no glyph for '•': the site-section line '• 开远市搬迁安置办公室' loses the bullet that marks it as page furniture and reads as a cover line naming a unit",
  ),
];

const ONE_LINE = "the page on one line: a boundary between two of its lines is a space like the spaces inside them, and";

export const PERTURBATION_CASES: Case[] = [
  c(
    "a003.txt",
    "one-line",
    ["basic_expenditure", "project_expenditure"],
    `${ONE_LINE} the 自评表's rows (| cells) run into one another, so the 基本支出/项目支出 rows lose their columns`,
  ),
  c(
    "a007.txt",
    "rewrapped",
    ["published_date", "publisher"],
    "the wrap cuts '来源:县委宣传部   2022-09-20' where a full line of the same width ends, and the title line it is joined to makes it no metadata line",
  ),
  c(
    "b010.txt",
    "traditional",
    ["problems"],
    "OpenCC writes 显着 (the excerpt's variant form) as 顯著, which folds to 显著: the text is the same, one character differs",
  ),
  c(
    "b012.txt",
    "one-line",
    ["document_kind", "fiscal_year"],
    `${ONE_LINE} the title is split over '信息来源:' and the next line, so no line holds the whole title`,
  ),
  c(
    "b023.txt",
    "one-line",
    ["published_date"],
    `${ONE_LINE} '日期:2023-04-04' ends up inside a line of other metadata longer than a metadata line may be`,
  ),
  c(
    "b025.txt",
    "one-line",
    ["fiscal_year"],
    `${ONE_LINE} the title's first line '保山市信访局2021年' joins '浏览量' and its second line stands alone, so neither is a title`,
  ),
  c(
    "b041.txt",
    "one-line",
    ["personnel_expense"],
    `${ONE_LINE} '人员经费 147.08 万元' in a run of short cells is cut into cells, and the amount loses its label`,
  ),
  c(
    "c004.txt",
    "one-line",
    ["sangong_actual", "sangong_budget", "staff_actual", "staff_authorized"],
    `${ONE_LINE} the 基础数据表's caption '财政供养人员情况(人' and its headers run together, so the header cells do not stand one a line over their values`,
  ),
  c(
    "c005.txt",
    "one-line",
    ["unit_name"],
    `${ONE_LINE} the full name stands only inside a sentence, which is no title line any more, and the abbreviation of the title is left`,
  ),
  c(
    "c016.txt",
    "one-line",
    ["unit_name", ...REGION],
    `${ONE_LINE} the title follows '详细信息 公开具体内容' on the same line, and those words are read as the start of the name`,
  ),
  ...["rewrapped", "one-line"].map((v) =>
    c(
      "c021.txt",
      v,
      ["published_date"],
      "the text has '时间:2025-01-26 15:36:56' after the title on one line; cut, it stands on a line of its own, which is a stamped date: a publication date the text's own line hides",
    ),
  ),
  c(
    "c023.txt",
    "rewrapped",
    ["document_kind"],
    "the wrap joins the first line to '附件3: 部门整体支出绩效评价基础数据表', and the kind is read from another line first",
  ),
  c(
    "c023.txt",
    "one-line",
    ["sangong_actual"],
    `${ONE_LINE} the header '经费控制情况 2017年决算数 …' and the 三公 row are cut into cells that no longer form a header over a row`,
  ),
  c(
    "c033.txt",
    "rewrapped",
    ["measures"],
    "the excerpt is itself a page dumped on one line; re-wrapped at a fixed width, it is no long line any more and is not cut at its headings",
  ),
  c(
    "c033.txt",
    "one-line",
    ["unit_kind", "unit_name", ...REGION].filter((f) => f !== "county"),
    `${ONE_LINE} the name's cover line joins the file name before it`,
  ),
  c(
    "c035.txt",
    "rewrapped",
    ["publisher"],
    "the wrap cuts '发布机构' from its value at the width, and the value line 'X |' is no metadata line of its own",
  ),
  c(
    "c035.txt",
    "one-line",
    ["fiscal_year"],
    `${ONE_LINE} the title '2020年度部门整体支出绩效自评表' joins the empty metadata labels before it`,
  ),
  c(
    "c036.txt",
    "rewrapped",
    ["unit_name", ...REGION],
    "a breadcrumb piece exactly as long as the wrap width is joined to the title under it, and the title's name is lost",
  ),
  c(
    "c038.txt",
    "one-line",
    ["fiscal_year", "report_date"],
    `${ONE_LINE} the cover's masked name '****', its date and the title run into one line`,
  ),
  c("c040.txt", "one-line", ["unit_kind", "unit_name"], `${ONE_LINE} the title follows the file name '….docx' on the same line`),
  c(
    "c043.txt",
    "one-line",
    ["expenditure_total", "unit_kind", "unit_name", ...REGION].filter((f) => f !== "county"),
    `${ONE_LINE} the 基础数据表's headers and the signature lines run into the lines around them`,
  ),
  c(
    "c056.txt",
    "rewrapped",
    ["publisher", "unit_name", ...REGION],
    "the wrap cuts '发布机构: 零陵区林业局' off its line, the publisher is lost, and with it the whole form of the name the table cuts to '陵区林业局'",
  ),
  ...["metadata-inline", "metadata-bulleted", "metadata-bracketed", "metadata-label-lines"].map((v) =>
    c(
      "c056.txt",
      v,
      ["unit_name", ...REGION],
      "the block added names another publisher; the page's own (零陵区林业局) completed the name the table cuts to '陵区林业局'",
    ),
  ),
  c(
    "c061.txt",
    "rewrapped",
    ["fiscal_year"],
    "the wrap puts '报告日期: 2021年8月13日' right under the title's year line, where the year is read; the text's year line stands elsewhere",
  ),
  c(
    "c064.txt",
    "rewrapped",
    ["expenditure_total"],
    "the excerpt is itself a page dumped on one line; re-wrapped at a fixed width, '3.支出:' opens no line",
  ),
  c(
    "c067.txt",
    "rewrapped",
    ["publisher", "unit_name"],
    "the wrap cuts '发布机构' from its value, the value 施甸县财政局 stands alone on a line near the top and reads as a cover line naming a unit",
  ),
  c(
    "c083.txt",
    "one-line",
    ["document_kind", "fiscal_year", "report_date", "unit_kind", "unit_name", ...REGION].filter((f) => f !== "county"),
    `${ONE_LINE} the cover's lines (code and name, the title in two lines, the name, the date) run together`,
  ),
  c(
    "c085.txt",
    "one-line",
    ["fiscal_year", "publisher"],
    `${ONE_LINE} the metadata's spaced labels ('文 号', '来 源') and the title run into one line`,
  ),
  c(
    "c089.txt",
    "one-line",
    ["document_kind", "unit_kind", "unit_name", ...REGION].filter((f) => f !== "city"),
    `${ONE_LINE} the title's two lines ('重庆市大足区生态环境局' / '2021年度整体支出绩效自评报告') are parted and joined to others`,
  ),
  c("c090.txt", "one-line", ["fiscal_year"], `${ONE_LINE} the doc-sharing title '….docx' and the boilerplate after it run together`),
  c(
    "c092.txt",
    "one-line",
    ["document_kind"],
    `${ONE_LINE} the doc-sharing boilerplate and the title '部門整體支出績效評價基礎數據表' run together`,
  ),
  c(
    "c094.txt",
    "one-line",
    ["published_date", "report_date"],
    `${ONE_LINE} '时间:2022-05-25 10:45:04' comes to stand on a line of its own, a stamped date, where the text reads it as the report's date`,
  ),
];
