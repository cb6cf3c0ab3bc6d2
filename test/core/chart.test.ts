/** The PNG chart renderer: valid PNG bytes (checked with Node's zlib), and bars and lines where the data says. */
import { inflateSync } from 'node:zlib';
import { adler32, crc32, drawChart, encodePng, niceScale, Raster, renderChartPng, signedBytes, textWidth, zlibStored } from '../../src/core/chart';
import type { ChartSpec } from '../../src/core/chart';

function readPng(bytes: Uint8Array) {
  const buf = Buffer.from(bytes);
  expect([...buf.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: Array<{ type: string; data: Buffer }> = [];
  let o = 8;
  while (o < buf.length) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('latin1', o + 4, o + 8);
    const data = buf.subarray(o + 8, o + 8 + len);
    expect(buf.readUInt32BE(o + 8 + len)).toBe(crc32(buf, o + 4, o + 8 + len));
    chunks.push({ type, data });
    o += 12 + len;
  }
  return chunks;
}

const spec: ChartSpec = {
  kind: 'bar',
  width: 320,
  height: 200,
  title: 'Jangkauan',
  categories: ['Facebook', 'X'],
  series: [
    { name: 'Nov', color: '#9aa0a6', values: [100, 400] },
    { name: 'Des', color: '#1a73e8', values: [200, 0] },
  ],
  lang: 'id',
};

describe('checksums', () => {
  test('CRC-32 and Adler-32 of known strings', () => {
    const abc = [...Buffer.from('123456789')];
    expect(crc32(abc)).toBe(0xcbf43926);
    expect(adler32([...Buffer.from('Wikipedia')])).toBe(0x11e60398);
  });

  test('stored zlib stream inflates back, also past one 65,535-byte block', () => {
    const data = new Uint8Array(150000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
    const z = zlibStored(data);
    expect(Buffer.compare(inflateSync(Buffer.from(z)), Buffer.from(data))).toBe(0);
  });
});

describe('PNG', () => {
  test('a chart is a valid palette PNG whose pixels inflate to the raster', () => {
    const raster = drawChart(spec);
    const png = encodePng(raster);
    const chunks = readPng(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
    const ihdr = chunks[0].data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([320, 200, 8, 3]);
    const raw = inflateSync(chunks[2].data);
    expect(raw.length).toBe((320 + 1) * 200);
    for (let y = 0; y < 200; y += 37) {
      expect(raw[y * 321]).toBe(0);
      expect(Buffer.compare(raw.subarray(y * 321 + 1, (y + 1) * 321), Buffer.from(raster.pixels.subarray(y * 320, (y + 1) * 320)))).toBe(0);
    }
    expect(chunks[1].data.length).toBe(raster.palette.length * 3);
  });

  test('bars are as tall as their values; a zero draws nothing', () => {
    const r = drawChart(spec);
    const grey = r.color('#9aa0a6');
    const blue = r.color('#1a73e8');
    const column = (c: number) => {
      // Height of the tallest run of colour c in any column.
      let best = 0;
      for (let x = 0; x < r.width; x++) {
        let n = 0;
        for (let y = 0; y < r.height; y++) if (r.get(x, y) === c) n++;
        best = Math.max(best, n);
      }
      return best;
    };
    const counts = (c: number) => {
      let n = 0;
      for (const p of r.pixels) if (p === c) n++;
      return n;
    };
    // Grey: 100 and 400; blue: 200 and nothing. The tallest grey bar is twice the tallest blue one.
    const g = column(grey);
    const b = column(blue);
    expect(Math.abs(g - 2 * b)).toBeLessThanOrEqual(2);
    // Blue pixels: one bar plus the legend swatch (10x8), so fewer than grey's two bars plus swatch.
    expect(counts(blue)).toBeLessThan(counts(grey));
  });

  test('line charts connect the points', () => {
    const r = drawChart({ ...spec, kind: 'line', categories: ['1', '2', '3'], series: [{ name: 'Unggahan', color: '#d93025', values: [0, 5, 0] }] });
    const red = r.color('#d93025');
    let top = r.height;
    for (let y = 0; y < r.height && top === r.height; y++) for (let x = 60; x < r.width; x++) if (r.get(x, y) === red) top = y;
    // The peak (5) sits at the top of the plot area; the ends on the axis near the bottom.
    expect(top).toBeLessThan(60);
  });

  test('renderChartPng and signed bytes for Apps Script', () => {
    const png = renderChartPng(spec);
    const s = signedBytes(png);
    expect(s[0]).toBe(0x89 - 256);
    expect(s.every((v) => v >= -128 && v <= 127)).toBe(true);
    expect(s.length).toBe(png.length);
  });
});

describe('helpers', () => {
  test('nice axis scales', () => {
    expect(niceScale(400)).toEqual({ max: 400, step: 100 });
    expect(niceScale(12345)).toEqual({ max: 12500, step: 2500 });
    expect(niceScale(0)).toEqual({ max: 1, step: 0.2 });
  });

  test('text is drawn in the bitmap font', () => {
    const r = new Raster(40, 10);
    const ink = r.color('#000000');
    r.text(0, 0, 'I1', ink);
    expect(textWidth('I1')).toBe(11);
    // 'I' top row is .###. : pixels 1..3 on, 0 and 4 off.
    expect([0, 1, 2, 3, 4].map((x) => r.get(x, 0))).toEqual([0, ink, ink, ink, 0]);
  });
});
