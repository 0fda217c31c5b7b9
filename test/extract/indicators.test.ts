/**
 * The score table (indicators.ts) in process, on tables built cell by cell: its columns found by
 * their headers, labels carried down merged or empty cells, the 总分 row, where reading stops, a
 * table cut by a page break joined again, and the heading text its unit and year are read from.
 */
import { describe, expect, it } from "vitest";
import { scoreTables } from "../../src/extract/indicators.js";
import type { Block, Cell } from "../../src/model.js";

type CellSpec = string | { text: string; rowspan?: number; colspan?: number };
const cell = (c: CellSpec): Cell => (typeof c === "string" ? { text: c, colspan: 1, rowspan: 1 } : { colspan: 1, rowspan: 1, ...c });
const table = (rows: CellSpec[][]): Block => ({ kind: "table", page: null, rows: rows.map((r) => r.map(cell)) });
const para = (text: string): Block => ({ kind: "paragraph", text, page: null });

const HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"];
const row = (l1: string, l2: string, l3: string, target: string, actual: string, weight: string, score: string, reason = "") => [
  l1,
  l2,
  l3,
  target,
  actual,
  weight,
  score,
  reason,
];
const brief = (blocks: Block[]) =>
  scoreTables(blocks).map((t) => ({
    rows: t.indicators.map((i) => [i.level1, i.level2, i.level3, i.target, i.actual, i.unit, i.weight, i.score, i.reason].join("|")),
    total: t.total,
    block: t.blockIndex,
  }));

describe("scoreTables", () => {
  it("reads each indicator row under its header, carrying labels down merged and empty cells", () => {
    const blocks = [
      table([
        HEADER,
        [{ text: "产出指标", rowspan: 2 }, "数量指标", "培训人次", "≥100人次", "120人次", "10", "10"],
        ["质量指标", "合格率", "≥95%", "96%", "10", "9.5", "略有偏差"],
        ["效益指标", "", "群众满意度", "≥90%", "92%", "10", "10"],
        ["", "社会效益", "就业人数", "50人", "45人", "10", "8"],
        ["总分", "", "", "", "", "40", "37.5"],
      ]),
    ];
    expect(brief(blocks)).toEqual([
      {
        rows: [
          "产出指标|数量指标|培训人次|≥100人次|120人次||10|10|",
          "产出指标|质量指标|合格率|≥95%|96%||10|9.5|略有偏差",
          "效益指标||群众满意度|≥90%|92%||10|10|",
          "效益指标|社会效益|就业人数|50人|45人||10|8|",
        ],
        total: { score: 37.5, raw: "37.5" },
        block: 0,
      },
    ]);
  });
  it("columns by their other names: 指标名称, 计量单位, 权重, 自评得分, 备注", () => {
    const blocks = [
      table([
        ["一级指标", "三级指标", "计量单位", "指标值", "完成值", "权重", "自评得分", "备注"],
        ["产出", "人次", "人次", "100", "120", "20", "18", "无"],
      ]),
    ];
    expect(brief(blocks)[0].rows).toEqual(["产出||人次|100|120|人次|20|18|无"]);
  });
  it("no 一级指标 with a 二级 or 三级 column, or no score column: no score table", () => {
    expect(
      scoreTables([
        table([
          ["一级指标", "分值", "得分"],
          ["产出", "10", "9"],
        ]),
      ]),
    ).toEqual([]);
    expect(
      scoreTables([
        table([
          ["二级指标", "三级指标", "得分"],
          ["产出", "数量", "9"],
        ]),
      ]),
    ).toEqual([]);
    expect(
      scoreTables([
        table([
          ["一级指标", "二级指标", "三级指标", "分值"],
          ["产出", "数量", "人次", "9"],
        ]),
      ]),
    ).toEqual([]);
  });
  it("the header may stand under title rows; the title rows and up to three paragraphs before are its heading", () => {
    const blocks = [
      para("第一段"),
      para("某县水利局"),
      para("2023年度"),
      para("部门整体支出绩效自评表"),
      table([
        ["（2023年度）"],
        ["单位：某县水利局", "金额：万元"],
        ["一", "二", "三"],
        HEADER,
        row("产出", "数量", "人次", "1", "1", "10", "10"),
      ]),
    ];
    const [t] = scoreTables(blocks);
    expect(t.blockIndex).toBe(4);
    expect(t.headingText).toBe("某县水利局\n2023年度\n部门整体支出绩效自评表\n（2023年度）\n单位：某县水利局 金额：万元");
    // a table before the paragraphs ends them
    const [u] = scoreTables([
      para("甲"),
      table([["其他表"]]),
      para("乙"),
      table([HEADER, row("产出", "数量", "人次", "1", "1", "10", "10")]),
    ]);
    expect(u.headingText).toBe("乙");
  });
  it("a row without a 三级指标 or a score is a label row, not an indicator", () => {
    const blocks = [table([HEADER, ["产出指标", "", "", "", "", "", ""], ["", "数量指标", "", "", "", "10", "9"]])];
    expect(brief(blocks)[0].rows).toEqual(["产出指标|数量指标|||||10|9|"]);
  });
  it("a table with no indicator rows is none", () => {
    expect(scoreTables([table([HEADER, ["总分", "", "", "", "", "100", "90"]])])).toEqual([]);
  });
});

describe("the 总分 row", () => {
  const withTotal = (...total: string[]) => [table([HEADER, row("产出", "数量", "人次", "1", "1", "10", "9"), total])];
  it("its score column, else the last number of the row", () => {
    expect(brief(withTotal("总分", "", "", "", "", "100", "95.5"))[0].total).toEqual({ score: 95.5, raw: "95.5" });
    expect(brief(withTotal("合计", "100", "92"))[0].total).toEqual({ score: 92, raw: "92" });
    expect(brief(withTotal("自评总分", "", "", "", "", "", "", "91分"))[0].total).toEqual({ score: 91, raw: "91" });
    expect(brief(withTotal("综合得分", "", "", "", "", "", "88"))[0].total).toEqual({ score: 88, raw: "88" });
    expect(brief(withTotal("总计", "", "", "", "", "", "0"))[0].total).toEqual({ score: 0, raw: "0" });
  });
  it("a total outside 0–100, or none, is no total", () => {
    expect(brief(withTotal("总分", "", "", "", "", "", "120"))[0].total).toBeNull();
    expect(brief(withTotal("总分", "", "", "", "", "", "-5"))[0].total).toBeNull();
    expect(brief(withTotal("总分", "", "", "", "", "", "优"))[0].total).toBeNull();
    expect(brief(withTotal("总分", "", "", "", "", "", "100"))[0].total).toEqual({ score: 100, raw: "100" });
  });
  it("the first filled cell names it, after empty ones; a label that only starts so is an indicator", () => {
    expect(brief(withTotal("", "总 分", "", "", "", "", "90"))[0].total).toEqual({ score: 90, raw: "90" });
    const r = brief(withTotal("总分说明", "x", "y", "", "", "", "90"));
    expect(r[0].total).toBeNull();
    expect(r[0].rows).toHaveLength(2);
  });
  it("reading stops at the total, and at a 说明 / 注： / 备注 row", () => {
    for (const stop of [["总分", "", "", "", "", "", "90"], ["说明：以上得分由……"], ["注：……"], ["备注"]]) {
      const blocks = [
        table([HEADER, row("产出", "数量", "人次", "1", "1", "10", "9"), stop, row("效益", "满意", "满意度", "1", "1", "10", "9")]),
      ];
      expect(brief(blocks)[0].rows, stop[0]).toHaveLength(1);
    }
  });
});

describe("a score table cut by a page break", () => {
  const top = table([HEADER, row("产出", "数量", "培训人次", "≥100", "120", "10", "10", "完成")]);
  it("the next table block of the same width continues it; a row without weight and score continues the last row's cells", () => {
    const rest = table([
      ["", "", "（含线上）", "人次", "", "", "", "较好"],
      row("效益", "满意度", "群众满意度", "90%", "92%", "10", "9"),
      ["总分", "", "", "", "", "20", "19"],
    ]);
    expect(brief([top, rest])).toEqual([
      {
        rows: ["产出|数量|培训人次（含线上）|≥100人次|120||10|10|完成较好", "效益|满意度|群众满意度|90%|92%||10|9|"],
        total: { score: 19, raw: "19" },
        block: 0,
      },
    ]);
    expect(scoreTables([top, rest])[0].table.rows).toHaveLength(5);
  });
  it("a repeated cell is not added twice", () => {
    const rest = table([["产出", "数量", "培训人次", "≥100", "", "", "", ""]]);
    expect(brief([top, rest])[0].rows).toEqual(["产出|数量|培训人次|≥100|120||10|10|完成"]);
  });
  it("a row with a score in the second part is a row of its own", () => {
    const rest = table([["", "", "另一项", "", "", "", "5", ""]]);
    expect(brief([top, rest])[0].rows).toEqual(["产出|数量|培训人次|≥100|120||10|10|完成", "产出|数量|另一项|||||5|"]);
  });
  it("the header repeated at the top of the next page is no indicator", () => {
    const rest = table([HEADER, row("效益", "满意度", "群众满意度", "90%", "92%", "10", "9")]);
    expect(brief([top, rest])[0].rows).toEqual(["产出|数量|培训人次|≥100|120||10|10|完成", "效益|满意度|群众满意度|90%|92%||10|9|"]);
  });
  it("not across a paragraph, nor into a table of another width", () => {
    const rest = table([row("效益", "满意度", "群众满意度", "90%", "92%", "10", "9")]);
    expect(brief([top, para("续表"), rest])[0].rows).toHaveLength(1);
    const narrow = table([["效益", "满意度", "群众满意度", "10", "9"]]);
    expect(brief([top, narrow])[0].rows).toHaveLength(1);
    expect(brief([top, rest])[0].rows).toHaveLength(2);
  });
});
