/**
 * What happens to a figure after it is drawn: the spec's `state` ops other than `pdf` (which the
 * engine does, drawing a vector PDF that pdftoppm rasterises), applied in order with sharp:
 *
 * - `jpeg` {quality}: saved as JPEG (4:2:0 chroma, as most encoders do);
 * - `scale` {factor, kernel}: resized to round(size * factor), as a screenshot at another
 *   zoom or a figure enlarged for a slide (DPR 2) would be;
 * - `grey`: converted to greyscale.
 *
 * The truth's pixel geometry follows: `sx`, `sy` are the factors the image was scaled by.
 */
import { copyFile, writeFile } from 'node:fs/promises';
import sharp from 'sharp';

/**
 * Applies `ops` to the PNG at `input` and writes the result to `outBase` + `.png` or `.jpg`
 * (JPEG when the last encoding was JPEG). Resolves to `{ file, width, height, sx, sy }`.
 */
export async function applyState(input, ops, outBase) {
  const meta = await sharp(input).metadata();
  const steps = ops.filter((op) => op.op !== 'pdf');
  if (!steps.length) {
    const file = `${outBase}.png`;
    await copyFile(input, file);
    return { file, width: meta.width, height: meta.height, sx: 1, sy: 1 };
  }
  let buffer = await sharp(input).toBuffer();
  let width = meta.width;
  let height = meta.height;
  let jpeg = false;
  for (const step of steps) {
    switch (step.op) {
      case 'jpeg':
        buffer = await sharp(buffer)
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: step.quality })
          .toBuffer();
        jpeg = true;
        break;
      case 'scale': {
        width = Math.max(1, Math.round(width * step.factor));
        height = Math.max(1, Math.round(height * step.factor));
        buffer = await sharp(buffer)
          .resize(width, height, { fit: 'fill', kernel: step.kernel ?? 'lanczos3' })
          .png()
          .toBuffer();
        jpeg = false;
        break;
      }
      case 'grey':
        buffer = await sharp(buffer)
          .flatten({ background: '#ffffff' })
          .greyscale()
          .png()
          .toBuffer();
        jpeg = false;
        break;
      default:
        throw new RangeError(
          `Expected a state op (jpeg, scale, grey, pdf) but received ${step.op}`,
        );
    }
  }
  const file = `${outBase}.${jpeg ? 'jpg' : 'png'}`;
  await writeFile(file, buffer);
  return { file, width, height, sx: width / meta.width, sy: height / meta.height };
}
