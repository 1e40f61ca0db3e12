/**
 * Three curves of one colour with 12 px markers every 25 px on 1 px lines: solid with circles,
 * dashed with triangles, dotted with squares.
 */
export const MARKED = [
  { y: (x: number) => 40 + 0.1 * x + 10 * Math.sin(x / 17), dash: '', shape: 'circle' },
  {
    y: (x: number) => 100 + 20 * Math.sin(x / 40),
    dash: 'stroke-dasharray="6 4"',
    shape: 'triangle',
  },
  { y: (x: number) => 165 - 0.15 * x, dash: 'stroke-dasharray="1.5 3"', shape: 'square' },
];

export function markedCurve({ y, dash, shape }: (typeof MARKED)[number]): string {
  const points = Array.from({ length: 271 }, (_, i) => `${15 + i},${y(15 + i)}`).join(' ');
  const line = `<polyline points="${points}" fill="none" stroke="#000" stroke-width="1" ${dash}/>`;
  const markers = Array.from({ length: 11 }, (_, i) => {
    const [px, py] = [20 + 25 * i, y(20 + 25 * i)];
    if (shape === 'circle') return `<circle cx="${px}" cy="${py}" r="6"/>`;
    if (shape === 'square') return `<rect x="${px - 6}" y="${py - 6}" width="12" height="12"/>`;
    return `<polygon points="${px - 7},${py + 6} ${px + 7},${py + 6} ${px},${py - 7}"/>`;
  });
  return line + markers.join('');
}
