import type { ReviewEntry } from './reviewEntry.js';

/** Below this confidence a chart is shown as doubtful (the contract's promise holds at 0.9). */
const DOUBTFUL = 0.9;

export interface ReportOptions {
  /** The page's title. @default 'chart-digitizer review' */
  title?: string;
  /** When the run was made, shown under the title. @default none */
  date?: Date;
}

/**
 * Writes the review page of a batch: one self-contained HTML page (inline CSS and script,
 * nothing fetched) listing every input, failures first (with their code, stage and message),
 * then the least confident first; each with its overlay, a table of its series (name,
 * colour, style, points, x and y ranges, confidence), its warnings and its description folded
 * away. A search box (source, title, labels, series names, error code) and a filter (all,
 * failed, doubtful under 0.9, confident) show a subset; the page counts what is shown.
 */
export function renderReport(entries: readonly ReviewEntry[], options: ReportOptions = {}): string {
  const { title = 'chart-digitizer review', date } = options;
  const sorted = [...entries].sort(
    (a, b) =>
      Number(b.error !== null) - Number(a.error !== null) ||
      a.confidence - b.confidence ||
      (a.source < b.source ? -1 : a.source > b.source ? 1 : 0),
  );
  const failed = entries.filter((entry) => entry.error !== null).length;
  const doubtful = entries.filter((e) => e.error === null && e.confidence < DOUBTFUL).length;
  const summary = `${entries.length} input${entries.length === 1 ? '' : 's'}: ${failed} failed, ${doubtful} doubtful (confidence under ${DOUBTFUL}), ${entries.length - failed - doubtful} confident`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: file: 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="summary">${escapeHtml(summary)}${date ? ` · ${escapeHtml(date.toISOString())}` : ''}</p>
<div class="controls">
<input id="search" type="search" placeholder="Search sources, titles, series, error codes" aria-label="Search">
<select id="filter" aria-label="Show">
<option value="all">all</option>
<option value="failed">failed</option>
<option value="doubtful">doubtful (&lt; ${DOUBTFUL})</option>
<option value="confident">confident</option>
</select>
<span id="shown" aria-live="polite"></span>
</div>
</header>
<main>
${sorted.map(entryHtml).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function entryHtml(entry: ReviewEntry): string {
  const status =
    entry.error !== null ? 'failed' : entry.confidence < DOUBTFUL ? 'doubtful' : 'confident';
  const words = [
    entry.source,
    entry.error?.code,
    ...entry.charts.flatMap((chart) => [
      chart.title,
      chart.panel,
      chart.xLabel,
      chart.yLabel,
      ...chart.series.map((series) => series.name),
    ]),
  ];
  const search = words.filter((word) => typeof word === 'string' && word !== '').join(' ');
  const badge =
    entry.error !== null
      ? `<span class="badge failed">${escapeHtml(entry.error.code)}</span>`
      : `<span class="badge ${status}">${entry.confidence.toFixed(2)}</span>`;
  const image =
    entry.overlay === null
      ? ''
      : `<a href="${escapeHtml(entry.overlay)}"><img loading="lazy" src="${escapeHtml(entry.overlay)}" alt="overlay of ${escapeHtml(entry.source)}"></a>`;
  const body =
    entry.error !== null
      ? `<p class="error"><b>${escapeHtml(entry.error.code)}</b>${entry.error.stage ? ` (stage ${escapeHtml(entry.error.stage)})` : ''}: ${escapeHtml(entry.error.message)}</p>`
      : entry.charts.map(chartHtml).join('\n');
  const description =
    entry.description === null
      ? ''
      : `<details><summary>Description</summary><pre>${escapeHtml(entry.description)}</pre></details>`;
  return `<article class="entry" data-status="${status}" data-search="${escapeHtml(search.toLowerCase())}">
<h2>${badge} <span class="source">${escapeHtml(entry.source)}</span></h2>
<div class="content"><div class="image">${image}</div><div class="facts">${body}${description}</div></div>
</article>`;
}

function chartHtml(chart: ReviewEntry['charts'][number]): string {
  const heading = [chart.panel, chart.title ?? '(no title)'].filter(Boolean).join(': ');
  const axes = `x: ${chart.xLabel ?? '(no label)'} · y: ${chart.yLabel ?? '(no label)'}`;
  const rows = chart.series
    .map(
      (series) => `<tr class="${series.confidence < DOUBTFUL ? 'doubtful' : ''}">
<td><span class="swatch" style="background:${cssColor(series.color)}"></span>${escapeHtml(series.name)}</td>
<td>${escapeHtml(series.style ?? '')}</td><td class="n">${series.points}</td>
<td class="n">${range(series.x)}</td><td class="n">${range(series.y)}</td>
<td class="n">${series.confidence.toFixed(3)}</td></tr>`,
    )
    .join('\n');
  const warnings =
    chart.warnings.length === 0
      ? ''
      : `<ul class="warnings">${chart.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`;
  return `<section class="chart"><h3>${escapeHtml(heading)} <small>confidence ${chart.confidence.toFixed(3)}</small></h3>
<p class="axes">${escapeHtml(axes)}</p>
<table><thead><tr><th>series</th><th>style</th><th>points</th><th>x range</th><th>y range</th><th>confidence</th></tr></thead>
<tbody>${rows || '<tr><td colspan="6">no series found</td></tr>'}</tbody></table>${warnings}</section>`;
}

function range(values: [number, number] | null): string {
  return values === null ? '' : `${values[0]} to ${values[1]}`;
}

/** A colour as the digitizer writes it (`#rrggbb`), or grey for anything else. */
function cssColor(color: string): string {
  return /^#[0-9a-f]{3,8}$/i.test(color) ? color : '#808080';
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#f6f6f6}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:8px 16px;z-index:1}
h1{font-size:18px;margin:0}.summary{margin:2px 0 6px;color:#555}
.controls{display:flex;gap:8px;align-items:center}#search{flex:1;max-width:480px;padding:4px}
main{padding:12px 16px}.entry{background:#fff;border:1px solid #ddd;border-radius:4px;margin:0 0 12px;padding:8px 12px}
.entry[hidden]{display:none}h2{font-size:15px;margin:0 0 6px;word-break:break-all}
.badge{display:inline-block;min-width:40px;text-align:center;border-radius:3px;padding:0 6px;color:#fff;font-size:12px}
.badge.failed{background:#b00020}.badge.doubtful{background:#c77700}.badge.confident{background:#2e7d32}
.content{display:flex;gap:12px;flex-wrap:wrap}.image img{max-width:560px;width:100%;border:1px solid #eee}
.facts{flex:1;min-width:320px}h3{font-size:14px;margin:4px 0}small{color:#666;font-weight:normal}
.axes{margin:0 0 4px;color:#555}table{border-collapse:collapse;font-size:13px}
th,td{border-bottom:1px solid #eee;padding:2px 8px;text-align:left;white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.doubtful td{background:#fff4e0}.swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border:1px solid #0003}
.error{color:#b00020}.warnings{color:#8a5a00;margin:4px 0;padding-left:18px}
pre{white-space:pre-wrap;background:#fafafa;padding:6px;font-size:12px}
`;

/** Filters the entries by the search box and the status filter, and counts what is shown. */
const SCRIPT = `
(function () {
  var search = document.getElementById('search');
  var filter = document.getElementById('filter');
  var shown = document.getElementById('shown');
  var entries = Array.prototype.slice.call(document.querySelectorAll('article.entry'));
  function update() {
    var words = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var status = filter.value;
    var count = 0;
    entries.forEach(function (entry) {
      var text = entry.getAttribute('data-search');
      var show = (status === 'all' || entry.getAttribute('data-status') === status) &&
        words.every(function (word) { return text.indexOf(word) >= 0; });
      entry.hidden = !show;
      if (show) count += 1;
    });
    shown.textContent = count + ' of ' + entries.length + ' shown';
  }
  search.addEventListener('input', update);
  filter.addEventListener('change', update);
  update();
})();
`;
