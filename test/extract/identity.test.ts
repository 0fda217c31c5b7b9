/** document_kind from the title lines, then from the terms the text uses most, else 其他 — each way, in process. */
import { describe, expect, it } from "vitest";
import { buildContext } from "../../src/extract/extract.js";
import { documentKindRule } from "../../src/extract/identity.js";
import { textToBlocks } from "../../src/extract/readers/text.js";
import type { DocModel } from "../../src/model.js";

const docOf = (text: string): DocModel => ({ format: "txt", engine: "test", messages: [], ...textToBlocks(text) });
const kind = (text: string) => {
  const [c] = documentKindRule(buildContext(docOf(text)));
  return `${c.value} ${c.rule}`;
};

describe("documentKindRule", () => {
  it.each([
    ["关于开展2024年度绩效自评工作的通知", "其他"],
    ["某县财政局关于2023年度绩效评价结果的通报", "其他"],
    ["某县2024年部门预算绩效管理实施方案", "其他"],
    ["某县水利局2023年度部门决算", "决算"],
    ["某县水利局2023年度农村饮水项目支出绩效自评报告", "项目自评"],
    ["某县2023年度项目资金绩效评价报告", "项目自评"],
    ["某县水利局2023年度项目支出部门整体支出绩效自评报告", "自评报告"],
    ["某县水利局2023年度部门整体支出绩效自评报告", "自评报告"],
    ["某县水利局2023年度绩效评价报告", "自评报告"],
    ["某县水利局2023年度部门绩效管理工作评价报告", "自评报告"],
    ["某县水利局2024年部门预算", "预算"],
    ["某县水利局2024年预算公开", "预算"],
    ["某县水利局2024年单位预算明细表", "预算"],
  ])("title %j → %s", (title, want) => expect(kind(`${title}\n正文。`)).toBe(`${want} document_kind.title`));

  it.each([
    ["a sentence", "本局按要求开展了部门整体支出绩效自评报告编写工作。\n正文。"],
    ["a numbered heading", "(一)年初部门预算安排及支出情况\n正文。"],
    ["a chapter heading", "一、部门决算\n正文。"],
    ["目录", "目录\n正文。"],
    ["a line without a report word", "某县水利局\n正文。"],
  ])("%s is not a title: the text's terms decide", (_what, text) => expect(kind(text)).toBe("其他 document_kind.default"));

  it("a line over 60 characters is not a title (here its words count as terms)", () => {
    expect(kind(`${"某县水利局2023年度部门整体支出绩效自评报告".repeat(3)}\n正文。`)).toBe("自评报告 document_kind.terms");
    // 60 characters still can be a title, 75 cannot
    expect(kind(`${"某县水利局2023年度部门决算".repeat(4)}\n正文。`)).toBe("决算 document_kind.title");
    expect(kind(`${"某县水利局2023年度部门决算".repeat(5)}\n正文。`)).toBe("决算 document_kind.terms");
  });
  it("the 13th line is not read as a title", () => {
    const lines = Array.from({ length: 12 }, (_, i) => `第${i + 1}行文字`);
    expect(kind([...lines, "某县水利局2023年度部门决算"].join("\n"))).toBe("其他 document_kind.default");
    expect(kind([...lines.slice(1), "某县水利局2023年度部门决算"].join("\n"))).toBe("决算 document_kind.title");
  });

  it("without a title: 自评 terms three times and more than 决算, or 决算 five times and more than them", () => {
    expect(kind("正文。\n开展自评。绩效目标完成。绩效指标达成。")).toBe("自评报告 document_kind.terms");
    expect(kind("正文。\n开展自评。绩效目标完成。")).toBe("其他 document_kind.default");
    expect(kind("正文。\n决算收入。决算支出。决算结余。决算说明。决算报表。")).toBe("决算 document_kind.terms");
    expect(kind("正文。\n决算收入。决算支出。决算结余。决算说明。预决算。")).toBe("其他 document_kind.default");
    expect(kind("正文。\n自评。自评。自评。决算。决算。决算。决算。决算。决算。")).toBe("决算 document_kind.terms");
    expect(kind("正文。\n自评。自评。自评。自评。决算。决算。决算。")).toBe("自评报告 document_kind.terms");
  });
});
