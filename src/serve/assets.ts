/**
 * The pages' scripts, served from the package (no CDN: the tool works offline), under a CSP that
 * allows scripts from the server itself only. The pages work without them (links to #ev-FIELD mark
 * the evidence by :target); the scripts add the page image with the value's box, and the charts.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Apache ECharts' minified build, from the installed package. */
export function echartsFile(): string {
  return require.resolve("echarts/dist/echarts.min.js");
}

/**
 * Document page: a click on a field's value highlights its evidence in the text (scrolled into view)
 * and, for a PDF, shows the evidence page rendered by the server with a box around the value.
 * Links carry data-field, data-page and data-bbox ("x0,y0,x1,y1" in points); the figure carries the
 * rendering scale (pixels per point) and the URL of the page images.
 */
export const REVIEW_JS = `"use strict";
(function () {
  var fig = document.getElementById("page-view");
  function showBox(page, bbox) {
    if (!fig) return;
    var img = fig.querySelector("img"), box = fig.querySelector(".box"), cap = fig.querySelector("figcaption");
    var scale = Number(fig.dataset.scale);
    var b = bbox ? bbox.split(",").map(Number) : null;
    function place() {
      if (!b || !img.naturalWidth) { box.hidden = true; return; }
      var w = img.naturalWidth / scale, h = img.naturalHeight / scale;
      box.style.left = (100 * b[0] / w) + "%";
      box.style.top = (100 * b[1] / h) + "%";
      box.style.width = (100 * (b[2] - b[0]) / w) + "%";
      box.style.height = (100 * (b[3] - b[1]) / h) + "%";
      box.hidden = false;
      box.scrollIntoView({ block: "center" });
    }
    var src = fig.dataset.src.replace("PAGE", String(page));
    fig.hidden = false;
    cap.textContent = "page " + page;
    if (img.getAttribute("src") !== src) {
      box.hidden = true;
      img.onload = place;
      img.onerror = function () { cap.textContent = "page " + page + ": no image (the file has moved or changed since it was imported)"; };
      img.setAttribute("src", src);
    } else place();
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[data-field], a[data-page]") : null;
    if (!a) return;
    e.preventDefault();
    // a figure of a budget table: its page and box only
    if (!a.dataset.field) { showBox(a.dataset.page, a.dataset.bbox); return; }
    var field = a.dataset.field;
    document.querySelectorAll("mark.active, tr.active").forEach(function (m) { m.classList.remove("active"); });
    var mark = document.getElementById("ev-" + field);
    if (mark) { mark.classList.add("active"); mark.scrollIntoView({ block: "center" }); }
    var row = document.getElementById("f-" + field);
    if (row) row.classList.add("active");
    history.replaceState(null, "", "#ev-" + field);
    if (a.dataset.page) showBox(a.dataset.page, a.dataset.bbox);
  });
})();
`;

/** Charts page: the data in <script type="application/json" id="chart-data">, drawn with ECharts. */
export const CHARTS_JS = `"use strict";
(function () {
  var d = JSON.parse(document.getElementById("chart-data").textContent);
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) return;
    option.animation = false;
    option.title.left = "center";
    option.title.top = 0;
    option.title.textStyle = { fontSize: 15 };
    if (option.legend) option.legend.top = 34;
    option.grid = Object.assign({ top: 75, bottom: 40, right: 30 }, option.grid || {});
    option.tooltip = option.tooltip || { trigger: "axis" };
    echarts.init(el, null, { renderer: "svg" }).setOption(option);
  }
  chart("chart-scores", {
    title: { text: "自评得分分布" }, xAxis: { type: "category", data: d.scores.bins, name: "分" }, yAxis: { type: "value", name: "documents", minInterval: 1 },
    series: [{ type: "bar", data: d.scores.counts, label: { show: true, position: "top" } }]
  });
  chart("chart-grades", {
    title: { text: "评价等级（按年度）" }, legend: {}, xAxis: { type: "category", data: d.grades.years }, yAxis: { type: "value", minInterval: 1 },
    series: d.grades.grades.map(function (g, i) { return { name: g, type: "bar", stack: "g", data: d.grades.counts[i] }; })
  });
  chart("chart-sangong", {
    title: { text: "“三公”经费：预算与实际（万元）" }, legend: {}, grid: { left: 220 },
    yAxis: { type: "category", data: d.sangong.units, inverse: true, axisLabel: { width: 200, overflow: "truncate" } }, xAxis: { type: "value" },
    series: [{ name: "预算", type: "bar", data: d.sangong.budget }, { name: "实际", type: "bar", data: d.sangong.actual }]
  });
  chart("chart-economic", {
    title: { text: "按经济分类的支出（万元）" }, legend: {}, xAxis: { type: "category", data: d.economic.years }, yAxis: { type: "value" },
    series: d.economic.classes.map(function (c, i) { return { name: c, type: "bar", stack: "e", data: d.economic.sums[i] }; })
  });
  document.body.dataset.chartsReady = "1";
})();
`;
