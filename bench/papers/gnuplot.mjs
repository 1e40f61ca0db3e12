// Draws charts of known data with gnuplot's pdfcairo terminal and reports their truth.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/** matplotlib marker letters as gnuplot point types (filled where matplotlib fills). */
const POINT_TYPES = { o: 7, '^': 9, v: 11, s: 5, D: 13, '+': 1, x: 2, '*': 3 };
const DASH_TYPES = { solid: 1, dashed: 2, dotted: 3, dashdot: 4 };

/**
 * Renders each spec ({file, size: [w, h] inches, format: "plain" | "pow10", panels: [chart]})
 * with one gnuplot run each and returns one list of truths per spec, with the ranges gnuplot
 * used (GPVAL_*).
 */
export function renderGnuplot(specs, workDir) {
  return specs.map((spec, n) => {
    const chart = spec.panels[0];
    const script = [];
    const [w, h] = spec.size ?? [6, 4];
    script.push(`set terminal pdfcairo enhanced size ${w}in,${h}in font "Sans,8"`);
    script.push(`set output '${spec.file}'`);
    if (chart.title) script.push(`set title ${quote(chart.title)}`);
    if (chart.x_label) script.push(`set xlabel ${quote(chart.x_label)}`);
    if (chart.y_label) script.push(`set ylabel ${quote(chart.y_label)}`);
    if (chart.y_scale === 'log') {
      script.push('set logscale y');
      if (chart.y_format === 'pow10') script.push('set format y "10^{%L}"');
    }
    if (chart.grid) script.push('set grid');
    if (chart.legend) script.push('set key top right');
    else script.push('unset key');
    const plots = chart.series.map((s) => {
      const style = s.marker ? `linespoints pt ${POINT_TYPES[s.marker] ?? 7} ps 0.6` : 'lines';
      const title = chart.legend ? `title ${quote(s.name)}` : 'notitle';
      return `'-' using 1:2 with ${style} lc rgb '${s.color}' dt ${DASH_TYPES[s.linestyle] ?? 1} lw 1.5 ${title}`;
    });
    script.push(`plot ${plots.join(', ')}`);
    for (const s of chart.series) {
      for (let i = 0; i < s.x.length; i++) script.push(`${s.x[i]} ${s.y[i]}`);
      script.push('e');
    }
    script.push('set print "-"');
    script.push('print GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX');
    const path = `${workDir}/gnuplot-${n}.gp`;
    writeFileSync(path, `${script.join('\n')}\n`);
    const [x0, x1, y0, y1] = execFileSync('gnuplot', [path], { encoding: 'utf8' })
      .trim()
      .split(/\s+/)
      .map(Number);
    return [
      {
        title: chart.title ?? null,
        x_label: chart.x_label ?? null,
        y_label: chart.y_label ?? null,
        x_scale: chart.x_scale ?? 'linear',
        y_scale: chart.y_scale ?? 'linear',
        x_range: [x0, x1],
        y_range: [y0, y1],
        legend: Boolean(chart.legend),
        series: chart.series.map((s) => ({
          name: chart.legend ? s.name : null,
          color: s.color,
          marker: s.marker ?? null,
          linestyle: s.linestyle ?? 'solid',
          x: s.x,
          y: s.y,
        })),
      },
    ];
  });
}

function quote(text) {
  return `"${String(text).replace(/["\\]/g, '\\$&')}"`;
}
