import type { PanelChart } from '../types.js';

/**
 * A panel label leading a title: one letter in brackets (`(a)`; OCR may lose the space after
 * it, read a parenthesis as a brace or bracket, or the letter as a digit: `{d)`, `(9)`), one
 * letter and a closing parenthesis (`a)`), or a lone letter, with or without a full stop,
 * before a space; then the title's rest.
 */
const LEADING_LABEL = /^(?:[({[]([a-z\d])[)}\]]|([a-z])\)|([a-z])\.?(?=\s|$))\s*(.*)$/i;

/**
 * The panel labels printed as (or before) the panels' titles: `(a) Train`, `b`, `C Test`. A
 * label with a bracket is one by itself; a bare letter only where the figure's titles give at
 * least two, in the order of the alphabet as the panels read, or where most of them (two at
 * least) are the panels' own letters in reading order (a letter misread, `p` for `D`, is then
 * replaced by its panel's). A bracketed label read as a digit
 * takes its panel's letter where the figure's other labels run a, b, c... in reading order.
 * Returns the charts with each label in `panel.label` (`(a)` as printed, brackets as `()`) and
 * taken out of the title (null where nothing else was printed).
 */
export function labelPanels(charts: readonly PanelChart[]): PanelChart[] {
  const found = charts.map((chart) => {
    const match = chart.title === null ? null : LEADING_LABEL.exec(chart.title.trim());
    if (!match) return null;
    const [whole, enclosed, closed, bare, rest] = match;
    const printed = whole.slice(0, whole.length - rest.length).trim();
    return {
      label: enclosed ? `(${enclosed})` : printed,
      letter: (enclosed ?? closed ?? bare).toLowerCase(),
      rest: rest || null,
      bracketed: bare === undefined,
    };
  });
  const inSequence = (f: (typeof found)[number], k: number) =>
    f?.letter === String.fromCharCode(97 + k);
  const sequenced = found.filter(inSequence).length;
  const bare = found.filter((f) => f !== null && !f.bracketed);
  const letters = bare.map((f) => f?.letter ?? '');
  const ordered = letters.every((letter, k) => k === 0 || letter > letters[k - 1]);
  // or most of them are the panels' letters in reading order (OCR read `D` as `p`, `F` as `E`)
  const bareSequenced = found.filter((f, k) => f !== null && !f.bracketed && inSequence(f, k));
  const mostly = bareSequenced.length >= 2 && bareSequenced.length * 2 >= bare.length;
  const bareOk = bare.length >= 2 && (ordered || mostly);
  const upper = bareSequenced.some((f) => f !== null && f.label[0] !== f.label[0].toLowerCase());
  return charts.map((chart, k) => {
    const f = found[k];
    if (!f || (!f.bracketed && !bareOk)) return chart;
    const letter = String.fromCharCode(97 + k);
    const label = f.bracketed
      ? /\d/.test(f.letter) && sequenced >= 2
        ? `(${letter})`
        : f.label
      : ordered || inSequence(f, k)
        ? f.label
        : upper
          ? letter.toUpperCase()
          : letter;
    return { ...chart, title: f.rest, panel: { ...chart.panel, label } };
  });
}
