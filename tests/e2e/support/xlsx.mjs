// Just enough of an XLSX reader for the tests, on Node's own zlib: the parts of the zip file,
// the sheet names, the shared strings and the cells of a sheet (a string, a number or a
// formula), so a spec can check a downloaded workbook the way a spreadsheet would read it.
import { inflateRawSync } from 'node:zlib';

/** Every part of a zip file as { name: Buffer }, read from its central directory. */
export function unzip(bytes) {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('not a zip file');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const parts = {};
  for (let i = 0; i < count; i += 1) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    parts[name] = method === 8 ? inflateRawSync(data) : Buffer.from(data);
    at += 46 + nameLength + extra + comment;
  }
  return parts;
}

const unescape = (text) => text
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
  .replace(/&amp;/g, '&');

/** The workbook: sheet names in order, and `sheet(i)` giving rows of cells. */
export function readXlsx(bytes) {
  const parts = unzip(bytes);
  const text = (name) => parts[name]?.toString('utf8') ?? '';
  const names = [...text('xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => unescape(m[1]));
  const strings = [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  /** Rows of { type: 'string' | 'number' | 'formula', value } cells, by column letter order. */
  const sheet = (index) => {
    const xml = text(`xl/worksheets/sheet${index + 1}.xml`);
    return [...xml.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
      [...row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map(([, column, attributes, body = '']) => {
        const value = body.match(/<v>([\s\S]*?)<\/v>/)?.[1];
        if (/<f[ >]/.test(body)) return { column, type: 'formula', value: body };
        if (/t="s"/.test(attributes)) return { column, type: 'string', value: strings[Number(value)] };
        if (/t="(str|inlineStr)"/.test(attributes)) return { column, type: 'string', value: unescape(value ?? '') };
        return { column, type: 'number', value: Number(value) };
      }));
  };
  return { names, strings, sheet, parts };
}
