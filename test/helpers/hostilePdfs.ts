import { deflateSync } from 'node:zlib';

/**
 * Hostile PDFs, written byte by byte: each is a small, valid-looking file built to break a
 * reader (a password, a cut, a broken cross-reference, forms nested past any need, an image
 * declaring ten billion pixels, scripts and attachments, pages by the ten thousand, a content
 * stream that inflates to a flood of operators). `test/fixtures/pdf/hostile/make.ts` writes the
 * small ones to disk; the tests build the large ones in memory.
 */

/** A PDF object: its body without `N 0 obj` / `endobj`. Streams are given as `{ dict, data }`. */
type PdfObject = string | { dict: string; data: Buffer };

/** Serialises numbered objects (1-based, in order) with a correct cross-reference table. */
export function writePdf(objects: PdfObject[], trailer = '/Root 1 0 R'): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length);
    const body =
      typeof object === 'string'
        ? Buffer.from(`${i + 1} 0 obj\n${object}\nendobj\n`, 'latin1')
        : Buffer.concat([
            Buffer.from(
              `${i + 1} 0 obj\n<<${object.dict} /Length ${object.data.length}>>\nstream\n`,
              'latin1',
            ),
            object.data,
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ]);
    parts.push(body);
    length += body.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} ${trailer} >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** A one-page document around a content stream (a Buffer is Flate-compressed) and page resources. */
function onePage(content: string | Buffer, resources = '', extra: PdfObject[] = []): Buffer {
  const stream =
    typeof content === 'string'
      ? { dict: '', data: Buffer.from(content, 'latin1') }
      : { dict: '/Filter /FlateDecode', data: content };
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << ${resources} >> >>`,
    stream,
    ...extra,
  ]);
}

/** A page with a little vector drawing: a frame and a line, no labels. */
export function plainPdf(): Buffer {
  return onePage('0 0 0 RG 100 100 400 300 re S 100 100 m 300 250 l 500 200 l S\n');
}

/** Encrypted with a user password (standard handler, RC4 40-bit): opening needs the password. */
export function encryptedPdf(): Buffer {
  const o = `<${'a5'.repeat(32)}>`;
  const u = `<${'3c'.repeat(32)}>`;
  return writePdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
      `<< /Filter /Standard /V 1 /R 2 /O ${o} /U ${u} /P -4 >>`,
    ],
    `/Root 1 0 R /Encrypt 4 0 R /ID [<${'11'.repeat(16)}> <${'11'.repeat(16)}>]`,
  );
}

/** `%PDF-` and then nothing a reader can use. */
export function garbagePdf(): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.alloc(2048, 0x5a)]);
}

/** A document cut off at `share` of its bytes (its cross-reference and trailer lost). */
export function truncatedPdf(whole: Buffer, share = 0.6): Buffer {
  return whole.subarray(0, Math.floor(whole.length * share));
}

/** A document whose cross-reference table points nowhere (offsets shifted): readers must rebuild it. */
export function brokenXrefPdf(): Buffer {
  const good = plainPdf().toString('latin1');
  return Buffer.from(
    good.replace(
      /(\d{10}) 00000 n/g,
      (_, offset: string) => `${String(Number(offset) + 7).padStart(10, '0')} 00000 n`,
    ),
    'latin1',
  );
}

/** Forms drawing forms `depth` deep, the last drawing a line. */
export function deepFormsPdf(depth: number): Buffer {
  const forms: PdfObject[] = [];
  // Objects 5 .. 5 + depth - 1: form i draws form i + 1.
  for (let i = 0; i < depth; i++) {
    const last = i === depth - 1;
    const content = last ? '0 0 m 10 10 l S' : '/F Do';
    const resources = last ? '' : `/Resources << /XObject << /F ${6 + i} 0 R >> >>`;
    forms.push({
      dict: `/Type /XObject /Subtype /Form /BBox [0 0 612 792] ${resources}`,
      data: Buffer.from(content, 'latin1'),
    });
  }
  return onePage('/F Do', '/XObject << /F 5 0 R >>', forms);
}

/** Two forms drawing each other: a cycle. */
export function circularFormsPdf(): Buffer {
  return onePage('/A Do', '/XObject << /A 5 0 R >>', [
    {
      dict: '/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /B 6 0 R >> >>',
      data: Buffer.from('/B Do'),
    },
    {
      dict: '/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /A 5 0 R >> >>',
      data: Buffer.from('/A Do'),
    },
  ]);
}

/** An image that declares 100,000 x 100,000 pixels and holds a few bytes. */
export function hugeImagePdf(): Buffer {
  return onePage('q 400 0 0 300 100 100 cm /I Do Q', '/XObject << /I 5 0 R >>', [
    {
      dict: '/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode',
      data: deflateSync(Buffer.alloc(1000)),
    },
  ]);
}

/**
 * JavaScript run on opening (an OpenAction and a document-level script) and an embedded file:
 * a reader that ran the script would set `globalThis.pdfScriptRan`.
 */
export function scriptedPdf(): Buffer {
  const script = '(globalThis.pdfScriptRan = true; app.alert\\("ran"\\))';
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Names << /JavaScript << /Names [(run) 5 0 R] >> /EmbeddedFiles << /Names [(data.exe) 6 0 R] >> >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /AA << /O 5 0 R >> >>',
    { dict: '', data: Buffer.from('0 0 0 RG 100 100 m 500 500 l S', 'latin1') },
    `<< /Type /Action /S /JavaScript /JS ${script} >>`,
    '<< /Type /Filespec /F (data.exe) /EF << /F 7 0 R >> >>',
    { dict: '/Type /EmbeddedFile', data: Buffer.from('MZ not a program') },
  ]);
}

/** `count` empty pages (a page tree of ten thousand leaves costs about 60 bytes a page). */
export function manyPagesPdf(count: number): Buffer {
  const kids = Array.from({ length: count }, (_, i) => `${i + 3} 0 R`).join(' ');
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${count} /MediaBox [0 0 612 792] >>`,
    ...Array.from({ length: count }, () => '<< /Type /Page /Parent 2 0 R >>'),
  ]);
}

/** A page whose small compressed content stream inflates to `count` stroked lines. */
export function floodPdf(count: number): Buffer {
  const line = '0 0 m 1 1 l S\n';
  return onePage(deflateSync(Buffer.from(line.repeat(count), 'latin1')));
}
