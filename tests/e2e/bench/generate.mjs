// Deterministic account files for the benchmark: the same seed gives the same bytes, so runs on
// different days and machines import the same data. Each row carries every input of the four
// account frameworks (scorecard, credit rating, external and internal profile) as a CRM export
// would: Chinese headers, level labels in Chinese and English, some scores entered as numbers,
// money with thousands separators or in 万. The mix is chosen so every class of every
// framework is reached. About 135 bytes a row in CSV (13.5 MB at 100,000 rows; XLSX 9.9 MB).
import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

export const HEADERS = [
  '客户编号', '客户名称', '行业', '区域', '负责人',
  '战略契合度', '利润贡献', '业务规模', '行业影响力', '市场和品牌效应', '发展潜力',
  '年度项目成交量', '履约程度', '经营风险',
  '营业收入', '匹配产品管线数', '质量要求', '法规要求', '价格类型', '专业水平',
  '年销售额', '利润水平', '客户关系',
];

/** mulberry32: a small, fast, seeded generator (the same sequence everywhere). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function grouped(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `rows` accounts as arrays of cells in `HEADERS` order. `numeric` writes money as numbers
 * (as a workbook holds them) instead of the text a CSV export has ("1,234,567", "520万").
 */
export function accounts(rows, { seed = 2026, numeric = false } = {}) {
  const r = random(seed);
  const pick = (options) => options[Math.floor(r() * options.length)];
  // The first option is the best level; `bias` makes it more frequent.
  const level = (options, bias = 0.45) => (r() < bias ? options[0] : pick(options));
  const out = [];
  for (let i = 0; i < rows; i += 1) {
    const strong = r() < 0.25;
    const b = strong ? 0.8 : 0.35;
    const revenue = Math.floor(r() * (strong ? 3e9 : 1.6e9));
    const sales = Math.floor(r() * (strong ? 2000 : 900)) * 1e4;
    const credit = r() < 0.3
      ? [Math.floor(r() * 51), Math.floor(r() * 51), -Math.floor(r() * 11)]
      : [level(['高', '中', '低', 'high', 'mid'], b), level(['好', '中', '差', 'good', 'poor'], b), level(['低', '中', '高', 'low risk'], b)];
    out.push([
      `C${String(i).padStart(6, '0')}`,
      `客户${i}`,
      pick(['制造', '能源', 'IT', '医药', '化工']),
      pick(['华东', '华北', '华南', '西部']),
      pick(['王', '李', '张', '刘']),
      r() < 0.2 ? Math.floor(r() * 31) : level(['高', '中', '低', 'high', 'mid', 'low'], b),
      level(['高', '中', '低', 'high', 'low'], b),
      level(['高', '中', '低', 'mid'], b),
      r() < 0.2 ? Math.floor(r() * 11) : level(['高', '中', '低'], b),
      level(['高', '中', '低', 'High', 'Low'], b),
      level(['高', '中', '低'], b),
      ...credit,
      numeric ? revenue : grouped(revenue),
      Math.floor(r() * 12),
      level(['中', '高', '低', 'medium'], b),
      level(['高', '中', '低'], b),
      level(['豪放型', '保守型', '敏感型'], b),
      level(['专业型', '外行型', '中间型'], b),
      numeric ? sales : (r() < 0.5 ? `${sales / 1e4}万` : String(sales)),
      level(['高', '中', '低'], b),
      level(['好', '中', '一般', '差'], b),
    ]);
  }
  return out;
}

/** A CSV as Excel saves it: UTF-8 with a byte-order mark, CRLF, quotes where needed. */
export function writeCsv(path, rows, options) {
  const quote = (cell) => {
    const s = String(cell);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [HEADERS.join(',')];
  for (const row of accounts(rows, options)) lines.push(row.map(quote).join(','));
  const text = '\ufeff' + lines.join('\r\n') + '\r\n';
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}

/**
 * An XLSX as Excel writes it — one sheet, text in the shared-string table, numbers as numbers —
 * written directly (SheetJS takes minutes to write 100k rows with shared strings), zipped
 * with node's zlib. Returns its size in bytes.
 */
export function writeXlsx(path, rows, options) {
  const strings = new Map();
  const xml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const column = (i) => (i < 26 ? '' : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26));
  const sheetRows = [];
  const table = [HEADERS, ...accounts(rows, { ...options, numeric: true })];
  table.forEach((cells, r) => {
    const out = cells.map((cell, c) => {
      const ref = `${column(c)}${r + 1}`;
      if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
      let id = strings.get(cell);
      if (id === undefined) {
        id = strings.size;
        strings.set(cell, id);
      }
      return `<c r="${ref}" t="s"><v>${id}</v></c>`;
    });
    sheetRows.push(`<row r="${r + 1}">${out.join('')}</row>`);
  });
  const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const parts = {
    '[Content_Types].xml': `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    '_rels/.rels': `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${head}<workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `${head}<styleSheet ${NS}><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf xfId="0"/></cellXfs></styleSheet>`,
    'xl/sharedStrings.xml': `${head}<sst ${NS} count="${strings.size}" uniqueCount="${strings.size}">${[...strings.keys()].map((s) => `<si><t>${xml(s)}</t></si>`).join('')}</sst>`,
    'xl/worksheets/sheet1.xml': `${head}<worksheet ${NS}><dimension ref="A1:${column(HEADERS.length - 1)}${table.length}"/><sheetData>${sheetRows.join('')}</sheetData></worksheet>`,
  };
  const bytes = zip(parts);
  writeFileSync(path, bytes);
  return bytes.length;
}

/** A zip archive of text files (deflated), enough for an XLSX. */
function zip(files) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data, { level: 6 });
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const fields = (header) => {
      header.writeUInt16LE(20, 4); // version needed
      header.writeUInt16LE(0x0800, header.length === 30 ? 6 : 8); // UTF-8 names
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
