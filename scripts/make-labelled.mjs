#!/usr/bin/env node
// Generates a labelled set of realistic report texts with exact gold, to measure extraction beyond
// the seeds and the hand-written variants: fixtures/src/labelled/*.txt + fixtures/gold/labelled.jsonl.
//   node scripts/make-labelled.mjs [count]      (deterministic: the same files every run)
// Each document draws its unit, year, figures, phrasings, layout (prose, cover labels, tables,
// signature) and traps (project scores, 良好 as an adjective, targets, 三公 budgets, figures under
// 存在问题, year-on-year changes) from pools; the gold is what the generator wrote, not what jixiao reads.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const count = Number(process.argv[2] ?? 30);

// mulberry32: a small seeded PRNG
let seed = 20261123;
const rnd = () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const chance = (p) => rnd() < p;
const int = (a, b) => a + Math.floor(rnd() * (b - a + 1));

const UNITS = [
  ["桃江县桃花江镇人民政府", "township", "镇", "我镇"],
  ["安化县东坪镇人民政府", "township", "镇", "我镇"],
  ["吉首市矮寨镇人民政府", "township", "镇", "我镇"],
  ["凤凰县山江镇人民政府", "township", "镇", "我镇"],
  ["隆回县小沙江镇人民政府", "township", "镇", "我镇"],
  ["长沙市岳麓区望月湖街道办事处", "sub_district", "街道", "我街道"],
  ["武汉市洪山区珞南街道办事处", "sub_district", "街道", "我街道"],
  ["成都市武侯区玉林街道办事处", "sub_district", "街道", "我街道"],
  ["醴陵市财政局", "department", "局", "我局"],
  ["浏阳市自然资源局", "department", "局", "我局"],
  ["邵东市市场监督管理局", "department", "局", "我局"],
  ["桂阳县发展和改革局", "department", "局", "我局"],
  ["攸县文化旅游广电体育局", "department", "局", "我局"],
  ["临武县人力资源和社会保障局", "department", "局", "我局"],
  ["永兴县档案馆", "department", "馆", "我馆"],
  ["湘潭县妇女联合会", "department", "会", "我会"],
  ["平江县林业局", "department", "局", "我局"],
  ["新宁县城市管理和综合执法局", "department", "局", "我局"],
  ["城步苗族自治县民族宗教事务局", "department", "局", "我局"],
  ["祁东县退役军人事务局", "department", "局", "我局"],
];

// money as integer fen (cents); written in 万元 (2–6 decimals) or 元
const fen = (wanMin, wanMax) => BigInt(int(wanMin * 100, wanMax * 100)) * 10000n + BigInt(int(0, 9999)); // 万元 with up to 6 decimals
const yuan = (f) => Number(f) / 100;
function asWan(f, decimals = 2) {
  // f fen → 万元 = f / 1e6; rounded to `decimals` (the gold then uses the rounded value)
  const scale = 10n ** BigInt(6 - decimals);
  const r = ((f + scale / 2n) / scale) * scale;
  const int_ = r / 1000000n;
  const frac = (r % 1000000n).toString().padStart(6, "0").slice(0, decimals);
  return { text: decimals ? `${int_}.${frac}` : `${int_}`, fen: r };
}
const commas = (s) => s.replace(/^(\d+)/, (m) => m.replace(/\B(?=(\d{3})+(?!\d))/g, ","));
function asYuan(f) {
  const t = `${f / 100n}.${(f % 100n).toString().padStart(2, "0")}`;
  return { text: commas(t), fen: f };
}

const GRADES = [
  ["优秀", "优"],
  ["优", "优"],
  ["良好", "良"],
  ["良", "良"],
  ["合格", "中"],
];

function doc(n) {
  const [unit, _kind, _suffix, we] = pick(UNITS);
  const year = int(2016, 2024);
  const g = {
    file: `l${String(n).padStart(2, "0")}.txt`,
    document_kind: "自评报告",
    unit_name: unit,
    fiscal_year: year,
    report_date: null,
    self_score: null,
    grade: null,
    income_budget: null,
    expenditure_budget: null,
    income_total: null,
    expenditure_total: null,
    budget_initial: null,
    budget_adjusted: null,
    basic_expenditure: null,
    project_expenditure: null,
    sangong_budget: null,
    sangong_actual: null,
    reception_expense: null,
    vehicle_expense: null,
    staff_authorized: null,
    staff_actual: null,
    satisfaction: null,
    carryover_rate: null,
  };
  const L = [];
  const useWan = chance(0.75);
  const money = (f) => {
    if (useWan) {
      const w = asWan(f, pick([2, 2, 2, 4]));
      return { text: `${chance(0.3) ? commas(w.text) : w.text}万元`, value: yuan(w.fen) };
    }
    const y = asYuan(f);
    return { text: `${y.text}元`, value: yuan(y.fen) };
  };
  // ---- title / cover
  const cover = chance(0.35);
  if (cover) {
    L.push("部门整体支出绩效自评报告", "");
    L.push(pick([`单位名称：${unit}`, `评价单位（公章）：${unit}`, `部门（单位）名称：${unit}`]));
    L.push(`评价年度：${year}年度`);
    if (chance(0.7)) {
      const d = `${year + 1}年${int(3, 6)}月${int(1, 28)}日`;
      L.push(`填报日期：${d}`);
      const [, mo, da] = /年(\d+)月(\d+)日/.exec(d);
      g.report_date = `${year + 1}-${String(mo).padStart(2, "0")}-${String(da).padStart(2, "0")}`;
    }
    L.push("");
  } else {
    L.push(
      pick([
        `${unit}${year}年度部门整体支出绩效自评报告`,
        `${unit}关于${year}年度部门整体支出绩效自评情况的报告`,
        `${unit}\n${year}年度部门整体支出绩效自评报告`,
      ]),
      "",
    );
  }
  L.push(
    `根据上级财政部门关于开展${year}年度预算绩效自评工作的要求，${we}成立自评工作小组，对${year}年度部门整体支出情况开展了绩效自评，现将有关情况报告如下。`,
    "",
  );
  // ---- basic information and staff
  L.push("一、部门基本情况");
  L.push(`（一）主要职能\n${unit}负责本辖区（本行业）有关经济社会事务的组织实施和管理服务工作。`);
  const auth = int(12, 260);
  const actual = auth + int(-8, 12);
  const staffTable = chance(0.25);
  if (chance(0.85)) {
    L.push("（二）人员情况");
    if (staffTable) {
      L.push(
        "项目\t编制数\t实有人数",
        `行政编制\t${Math.floor(auth * 0.6)}\t${Math.floor(auth * 0.6)}`,
        `事业编制\t${auth - Math.floor(auth * 0.6)}\t${actual - Math.floor(auth * 0.6)}`,
        `合计\t${auth}\t${actual}`,
      );
    } else {
      L.push(
        pick([
          `${we}核定编制${auth}人，其中行政编制${Math.floor(auth * 0.6)}人、事业编制${auth - Math.floor(auth * 0.6)}人；年末实有人数${actual}人。`,
          `截至${year}年底，本单位编制数为${auth}名，实际在职人数${actual}名。`,
          `人员编制${auth}名，年末在职人数${actual}人。`,
        ]),
      );
    }
    g.staff_authorized = auth;
    g.staff_actual = actual;
  }
  L.push("");
  // ---- money
  L.push("二、部门整体支出情况");
  const basic = fen(200, 3000);
  const project = fen(50, 6000);
  const total = basic + project;
  const initial = total - BigInt(int(0, 5000000)) * 100n;
  const adjusted = total + BigInt(int(0, 800000)) * 100n;
  const b = money(basic);
  const p = money(project);
  // the total is written from its parts' rounded values so that the report adds up
  const tfen = useWan ? BigInt(Math.round(b.value * 100)) + BigInt(Math.round(p.value * 100)) : total;
  const t = useWan ? { text: `${asWan(tfen, 6).text.replace(/0+$/, "").replace(/\.$/, "")}万元`, value: yuan(tfen) } : money(total);
  const budgetTable = useWan && chance(0.3);
  if (budgetTable) {
    const i = asWan(initial, 2);
    const a = asWan(adjusted, 2);
    L.push("表1 部门预算执行情况（金额单位：万元）", "项目\t年初预算数\t全年预算数\t全年执行数\t执行率");
    L.push(
      `年度资金总额\t${i.text}\t${a.text}\t${t.text.replace("万元", "")}\t—`,
      `其中：基本支出\t—\t—\t${b.text.replace("万元", "")}\t—`,
      `项目支出\t—\t—\t${p.text.replace("万元", "")}\t—`,
    );
    g.budget_initial = yuan(i.fen);
    g.budget_adjusted = yuan(a.fen);
  } else {
    if (chance(0.6)) {
      const i = money(initial);
      const a = money(adjusted);
      L.push(pick([`${year}年年初预算数为${i.text}，调整预算数为${a.text}。`, `${we}${year}年初预算数${i.text}，全年预算数${a.text}。`]));
      g.budget_initial = i.value;
      g.budget_adjusted = a.value;
    }
  }
  L.push(
    pick([
      `${year}年全年实际支出${t.text}，其中基本支出${b.text}，项目支出${p.text}。`,
      `${year}年度部门支出合计${t.text}。其中：基本支出${b.text}，主要用于人员工资和日常运转；项目支出${p.text}，主要用于重点工作。`,
      `本年支出合计${t.text}，其中，基本支出${b.text}，项目支出${p.text}。`,
    ]),
  );
  g.expenditure_total = t.value;
  g.basic_expenditure = b.value;
  g.project_expenditure = p.value;
  if (chance(0.4)) {
    const inc = money(total + BigInt(int(0, 300000)) * 100n);
    L.push(pick([`本年收入合计${inc.text}。`, `${year}年本部门收入${inc.text}。`, `全年收入总计${inc.text}。`]));
    g.income_total = inc.value;
  }
  if (chance(0.3)) L.push(`与上年相比，支出减少${money(BigInt(int(10000, 900000)) * 100n).text}，下降${int(1, 15)}.${int(0, 9)}%。`);
  // ---- 三公
  if (chance(0.75)) {
    const rec = BigInt(int(0, 120000)) * 100n + BigInt(int(0, 99));
    const veh = BigInt(int(0, 300000)) * 100n;
    const sg = rec + veh;
    const bud = sg + BigInt(int(1000, 100000)) * 100n;
    const w = (f) => `${asWan(f, 2).text}万元`;
    const r = asWan(rec, 2);
    const v = asWan(veh, 2);
    const sgw = asWan(r.fen + v.fen, 2);
    const bw = asWan(bud, 2);
    L.push(
      pick([
        `“三公”经费预算数为${bw.text}万元，实际支出${sgw.text}万元，其中公务接待费${r.text}万元，公务用车运行维护费${v.text}万元。`,
        `${year}年“三公”经费支出${sgw.text}万元，其中：公务接待费${r.text}万元，公务用车购置及运行维护费${v.text}万元，因公出国（境）费0万元。“三公”经费年初预算${bw.text}万元。`,
      ]),
    );
    void w;
    g.sangong_budget = yuan(bw.fen);
    g.sangong_actual = yuan(sgw.fen);
    g.reception_expense = yuan(r.fen);
    g.vehicle_expense = yuan(v.fen);
  }
  if (chance(0.4)) {
    const cr = `${int(0, 9)}.${int(0, 9)}`;
    L.push(`年末结转结余率为${cr}%。`);
    g.carryover_rate = Number(cr) / 100;
  }
  L.push("");
  // ---- results (with traps)
  L.push("三、绩效自评结论");
  if (chance(0.4))
    L.push(
      `其中，${pick(["农村公路养护", "人居环境整治", "基层党建", "业务培训"])}项目自评得分${int(70, 99)}分，评价等级为${pick(["优", "良"])}。`,
    );
  if (chance(0.4)) L.push("管理效率总体良好，各项工作开展顺利。");
  const score = chance(0.3) ? Number(`${int(75, 99)}.${int(1, 9)}`) : int(75, 99);
  const [gw, gn] = score >= 90 ? pick(GRADES.slice(0, 2)) : score >= 80 ? pick(GRADES.slice(2, 4)) : GRADES[4];
  L.push(
    pick([
      `经综合评价，${we}${year}年度部门整体支出绩效自评得分为${score}分，评价等级为“${gw}”。`,
      `部门整体支出绩效自评总分${score}分，自评等级为${gw}。`,
      `${year}年度部门整体支出绩效自评分数为${score}分，等级为${gw}。`,
    ]),
  );
  g.self_score = score;
  g.grade = gn;
  if (chance(0.6)) {
    const s = `${int(85, 99)}.${int(0, 9)}`;
    if (chance(0.5)) L.push("满意度年度目标值为90%以上。");
    L.push(pick([`服务对象满意度为${s}%。`, `群众满意度达到${s}%。`, `问卷调查显示，服务对象满意度调查结果为${s}%。`]));
    g.satisfaction = Number((Number(s) / 100).toFixed(4));
  }
  L.push("");
  L.push("四、存在的问题");
  L.push(
    pick([
      "部分项目资金支出进度偏慢，年底支出较为集中。",
      `绩效目标设置不够细化，个别指标难以量化，有${int(2, 9)}个项目超出预算${int(1, 20)}万元。`,
    ]),
  );
  L.push("五、改进措施", "加强预算执行管理，细化绩效目标。", "");
  if (!cover && chance(0.6)) {
    const mo = int(3, 6);
    const da = int(1, 28);
    L.push(unit, `${year + 1}年${mo}月${da}日`);
    g.report_date = `${year + 1}-${String(mo).padStart(2, "0")}-${String(da).padStart(2, "0")}`;
  }
  return { text: `${L.join("\n")}\n`, gold: g };
}

const dir = join(root, "fixtures", "src", "labelled");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const gold = [];
for (let n = 1; n <= count; n++) {
  const { text, gold: g } = doc(n);
  writeFileSync(join(dir, g.file), text);
  gold.push(JSON.stringify(g));
}
writeFileSync(join(root, "fixtures", "gold", "labelled.jsonl"), `${gold.join("\n")}\n`);
console.log(`wrote ${count} documents to ${dir} and their gold to fixtures/gold/labelled.jsonl`);
