// Charts as SVG, drawn on the server by echarts (the same library as the dashboard previews):
// every series of the panel's queries over the period, the panel's thresholds as dashed lines.
import * as echarts from "echarts";
import type { Chart } from "./model.ts";

const FONT = "WenQuanYi Micro Hei, sans-serif";

function axisLabel(unit: string): (v: number) => string {
  if (unit === "percentunit") return (v) => `${Number((v * 100).toFixed(2))}%`;
  if (unit === "s") return (v) => `${Number(v.toFixed(2))} s`;
  return (v) => `${Number(v.toPrecision(3))}`;
}

export function chartSvg(c: Chart, width = 720, height = 260): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT },
    grid: { left: 70, right: 50, top: 20, bottom: 60 }, // room for the threshold labels on the right
    legend: { bottom: 0, type: "plain", textStyle: { fontSize: 10 } },
    xAxis: { type: "time" },
    yAxis: { type: "value", axisLabel: { formatter: axisLabel(c.unit) }, scale: true, ...(c.max !== undefined ? { max: c.max } : {}),
      // a panel that starts at 0 is drawn from the data's own low end, so a 99.9 % line is not flat at the top
      ...(c.min !== undefined && c.max === undefined ? { min: c.min } : {}) },
    series: c.series.slice(0, 12).map((s, i) => ({
      type: "line", name: s.name || `#${i + 1}`, showSymbol: false, data: s.points.map(([t, v]) => [t * 1000, v]),
      ...(i === 0 && c.thresholds.length ? { markLine: { silent: true, symbol: "none", lineStyle: { type: "dashed", color: "#d44" },
        label: { formatter: (p: { value: number }) => axisLabel(c.unit)(p.value) }, data: c.thresholds.map((y) => ({ yAxis: y })) } } : {}),
    })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
