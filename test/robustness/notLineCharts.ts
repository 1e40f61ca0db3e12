/**
 * Images that are not line charts, drawn in memory: a blank page, noise, a photograph-like
 * picture, a bar chart, a pie chart, a scatter plot and a table. Deterministic.
 */
import sharp from 'sharp';
import { renderChart } from '../helpers/renderChart.js';
import { seededBytes } from './brokenFiles.js';

const WIDTH = 320;
const HEIGHT = 240;

async function svgToPng(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).png().toBuffer();
}

/** A white page. */
export function blankPage(): Promise<Buffer> {
  return sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();
}

/** Uniform RGB noise. */
export function randomNoise(seed = 7): Promise<Buffer> {
  return sharp(seededBytes(WIDTH * HEIGHT * 3, seed), {
    raw: { width: WIDTH, height: HEIGHT, channels: 3 },
  })
    .png()
    .toBuffer();
}

/**
 * Something like a photograph: a sky-to-ground gradient, a sun, a horizon, a few soft
 * shapes, sensor noise and JPEG compression.
 */
export async function photograph(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#3a6fb0"/><stop offset="0.55" stop-color="#cfe3f5"/>
      <stop offset="0.56" stop-color="#5d7d3a"/><stop offset="1" stop-color="#2f4a1c"/>
    </linearGradient>
    <radialGradient id="sun"><stop offset="0" stop-color="#fff8d0"/><stop offset="1" stop-color="#fff8d0" stop-opacity="0"/></radialGradient>
  </defs>
  <rect width="100%" height="100%" fill="url(#sky)"/>
  <circle cx="240" cy="60" r="40" fill="url(#sun)"/>
  <ellipse cx="90" cy="150" rx="70" ry="25" fill="#4b6b2a" opacity="0.8"/>
  <path d="M0 135 Q 80 105 160 130 T 320 120 L 320 140 L 0 140 Z" fill="#6b7f8f" opacity="0.7"/>
  <ellipse cx="200" cy="200" rx="50" ry="18" fill="#8a6a3a" opacity="0.6"/>
</svg>`;
  const picture = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer();
  const noise = seededBytes(picture.length, 99);
  for (let i = 0; i < picture.length; i++) {
    picture[i] = Math.max(0, Math.min(255, picture[i] + ((noise[i] % 25) - 12)));
  }
  return sharp(picture, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .blur(0.6)
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** Axes with ticks and labels (the chart renderer), and `extra` SVG drawn inside them. */
async function axesWith(
  draw: (dataToPixel: (x: number, y: number) => { px: number; py: number }) => string,
): Promise<Buffer> {
  const axes = await renderChart({
    width: 480,
    height: 360,
    xRange: [0, 5],
    yRange: [0, 10],
    xTicks: [0, 1, 2, 3, 4, 5],
    yTicks: [0, 2, 4, 6, 8, 10],
    series: [],
  });
  // Pixel indices to SVG user units: the centre of pixel c is at c + 0.5.
  const svg = axes.svg.replace(
    '</svg>',
    `${draw((x, y) => {
      const { px, py } = axes.dataToPixel(x, y);
      return { px: px + 0.5, py: py + 0.5 };
    })}</svg>`,
  );
  return svgToPng(svg);
}

/** Five filled bars on ordinary axes. */
export function barChart(): Promise<Buffer> {
  const heights = [3, 7, 5, 9, 4];
  return axesWith((toPixel) =>
    heights
      .map((h, i) => {
        const topLeft = toPixel(i + 0.15, h);
        const bottomRight = toPixel(i + 0.85, 0);
        return `<rect x="${topLeft.px}" y="${topLeft.py}" width="${bottomRight.px - topLeft.px}" height="${bottomRight.py - topLeft.py}" fill="#1f77b4"/>`;
      })
      .join(''),
  );
}

/** Markers only, no line: a scatter plot of 40 points on ordinary axes. */
export function scatterPlot(): Promise<Buffer> {
  const noise = seededBytes(80, 3);
  return axesWith((toPixel) =>
    Array.from({ length: 40 }, (_, i) => {
      const { px, py } = toPixel(
        0.2 + (noise[2 * i] / 255) * 4.6,
        0.5 + (noise[2 * i + 1] / 255) * 9,
      );
      return `<circle cx="${px}" cy="${py}" r="3.5" fill="#d62728"/>`;
    }).join(''),
  );
}

/** A pie of four coloured slices, no axes. */
export function pieChart(): Promise<Buffer> {
  const shares = [0.4, 0.3, 0.2, 0.1];
  const colours = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'];
  const [cx, cy, r] = [160, 120, 90];
  let angle = -Math.PI / 2;
  const slices = shares.map((share, i) => {
    const start = angle;
    angle += share * 2 * Math.PI;
    const large = share > 0.5 ? 1 : 0;
    const [x0, y0] = [cx + r * Math.cos(start), cy + r * Math.sin(start)];
    const [x1, y1] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    return `<path d="M${cx} ${cy} L${x0} ${y0} A${r} ${r} 0 ${large} 1 ${x1} ${y1} Z" fill="${colours[i]}"/>`;
  });
  return svgToPng(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><rect width="100%" height="100%" fill="#fff"/>${slices.join('')}</svg>`,
  );
}

/** A ruled table of numbers, 4 columns by 6 rows. */
export function table(): Promise<Buffer> {
  const [left, top, cellWidth, cellHeight, columns, rows] = [20, 20, 70, 30, 4, 6];
  const lines: string[] = [];
  for (let row = 0; row <= rows; row++) {
    const y = top + row * cellHeight + 0.5;
    lines.push(
      `<line x1="${left}" y1="${y}" x2="${left + columns * cellWidth}" y2="${y}" stroke="#000"/>`,
    );
  }
  for (let column = 0; column <= columns; column++) {
    const x = left + column * cellWidth + 0.5;
    lines.push(
      `<line x1="${x}" y1="${top}" x2="${x}" y2="${top + rows * cellHeight}" stroke="#000"/>`,
    );
  }
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const text = row === 0 ? ['Year', 'A', 'B', 'C'][column] : String(2019 + row + column * 7);
      lines.push(
        `<text x="${left + column * cellWidth + 10}" y="${top + row * cellHeight + 20}" font-family="DejaVu Sans" font-size="13">${text}</text>`,
      );
    }
  }
  return svgToPng(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><rect width="100%" height="100%" fill="#fff"/>${lines.join('')}</svg>`,
  );
}
