import { readFileSync } from 'node:fs';
const lines = JSON.parse(readFileSync('/tmp/paper12-lines.json', 'utf8')).map((l) => ({ ink: { ...l.ink, data: Float32Array.from(l.ink.data) }, geometry: l.geometry }));
const { loadGlyphModel } = await import('./dist/ocr/glyphModel.js');
const model = loadGlyphModel('./models');
const A = await import('/tmp/paper12-base-dist/ocr/glyphs.js');
const B = await import('./dist/ocr/glyphs.js');
const run = (mod) => { const t = process.cpuUsage(); const out = lines.map((l) => mod.readLine(model, l.ink, l.geometry)); const c = process.cpuUsage(t); return { ms: (c.user + c.system) / 1000, out: JSON.stringify(out) }; };
const res = { A: [], B: [] }; let same = true;
for (let r = 0; r < 5; r++) for (const [n, m] of [['A', A], ['B', B]]) { const x = run(m); res[n].push(x.ms); res[n + 'o'] = x.out; }
console.log('lines', lines.length, 'identical', res.Ao === res.Bo);
const med = (a) => a.sort((x, y) => x - y)[2].toFixed(0);
console.log('old', res.A.map((x) => x.toFixed(0)).join(' '), 'median', med(res.A), 'new', res.B.map((x) => x.toFixed(0)).join(' '), 'median', med(res.B));
