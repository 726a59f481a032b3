// The benchmark's baseline: the import a small JavaScript page would do with the usual npm
// packages — papaparse for CSV, SheetJS (xlsx) for workbooks — and the same four account
// frameworks written in plain JavaScript: parse, map the columns by their headers, read the
// values (labels, numbers with separators and 万), score and classify every account.
//
// The rules are ported from src/framework/presets.rs and FRAMEWORKS.md (§1–§4) and must give
// KAM Radar's classes: the benchmark compares the accounts per class of both on every file and
// fails if they differ. Only what the generated files use is supported (one accounts table,
// no stakeholders, so the relationship dimension takes its fallback levels).
/* global Papa, XLSX */

// ---- Frameworks (presets.rs) ----

const lv = (names, lo, hi) => ({ names, score: (lo + hi) / 2 });
const HML = (high, mid, low) => [
  lv(['high', '高', 'h'], ...high),
  lv(['mid', '中', 'medium', 'middle', 'm'], ...mid),
  lv(['low', '低', 'l'], ...low),
];
const levels = (min, max, list) => ({ kind: 'levels', min, max, list });
const piecewise = (max, bps, scoreInput) => ({ kind: 'piecewise', min: 0, max, bps, scoreInput });

const QUALITY = levels(50, 100, [
  lv(['medium', '中', 'mid', '中等', '中等水平'], 90, 100),
  lv(['high', '高', '高等', '高等水平'], 70, 90),
  lv(['low', '低', '低等', '低等水平'], 50, 70),
]);
const PROFESSIONAL = levels(60, 100, [
  lv(['professional', '专业型', '专业'], 90, 100),
  lv(['layman', '外行型', '外行'], 80, 90),
  lv(['in-between', '中间型', 'in_between', 'in between', '中间'], 60, 80),
]);

const SCORECARD = {
  id: 'scorecard',
  dims: [
    ['strategic_fit', levels(0, 30, HML([20, 30], [10, 20], [0, 10]))],
    ['profit_contribution', levels(0, 20, HML([15, 20], [10, 15], [0, 10]))],
    ['business_scale', levels(0, 20, HML([15, 20], [10, 15], [0, 10]))],
    ['industry_influence', levels(0, 10, HML([5, 10], [0, 5], [0, 0]))],
    ['brand_effect', levels(0, 10, HML([5, 10], [0, 5], [0, 0]))],
    ['development_potential', levels(0, 10, HML([5, 10], [0, 5], [0, 0]))],
  ],
  classify: (total) => (total >= 80 ? 'key' : total >= 60 ? 'potential' : 'none'),
};

const CREDIT = {
  id: 'credit',
  dims: [
    ['deal_volume', levels(0, 50, [
      lv(['high', '高', 'good', 'good', '好'], 35, 50),
      lv(['mid', '中', 'medium', 'middle'], 20, 35),
      lv(['low', '低', 'poor', '差'], 0, 20),
    ])],
    ['contract_performance', levels(0, 50, [
      lv(['good', '好', 'high', '高'], 35, 50),
      lv(['mid', '中', 'medium', 'middle'], 20, 35),
      lv(['poor', '差', 'low', '低'], 0, 20),
    ])],
    ['operating_risk', levels(-50, 0, [
      lv(['low risk', '低', 'low', '低风险'], -10, 0),
      lv(['medium risk', '中', 'mid', 'medium', '中风险'], -35, -10),
      lv(['high risk', '高', 'high', '高风险'], -50, -35),
    ])],
  ],
  classify: (total) => (total >= 80 ? 'AAA' : total >= 60 ? 'AA' : 'A'),
};

const EXTERNAL = {
  id: 'external',
  dims: [
    ['revenue_usd', piecewise(100, [[0, 10], [1e8, 10], [1.5e9, 80], [2.5e9, 100]], 'market_size')],
    ['product_pipelines', piecewise(100, [[0, 0], [10, 100]], 'rd_capability')],
    ['quality_requirement', QUALITY],
    ['regulatory_requirement', levels(50, 100, [
      lv(['high', '高', '高等'], 90, 100),
      lv(['medium', '中', 'mid', '中等'], 70, 90),
      lv(['low', '低', '低等'], 50, 70),
    ])],
    ['price_type', levels(50, 100, [
      lv(['generous', '豪放型', '豪放'], 90, 100),
      lv(['conservative', '保守型', '保守'], 70, 90),
      lv(['sensitive', '敏感型', 'price-sensitive', '敏感'], 50, 70),
    ])],
    ['professional_level', PROFESSIONAL],
  ],
  lines: { baseline: [60, 60, 90, 90, 85, 80], warning: [40, 0, 60, 60, 60, 70] },
  // Every dimension at or above the baseline: target; any below the warning line: not one.
  classify: (_, below) => (!below.baseline ? 'target' : below.warning ? 'not_target' : 'potential'),
};

const INTERNAL = {
  id: 'internal',
  dims: [
    ['annual_sales', piecewise(100, [[0, 10], [1e6, 10], [5e6, 50], [1.5e7, 100]], 'sales_scale')],
    ['profit_level', levels(50, 100, [
      lv(['high', '高', '高者'], 90, 100),
      lv(['medium', '中', 'mid', '中者'], 70, 90),
      lv(['low', '低', '低者'], 50, 70),
    ])],
    ['quality_requirement', QUALITY],
    // The credit score of the credit rating clamped to 0–100; the entered grade before that.
    ['credit_rating', { ...levels(0, 100, [
      lv(['aaa', 'aaa级', 'green', '绿名单'], 80, 100),
      lv(['aa', 'aa级', 'yellow', '黄名单'], 60, 80),
      lv(['a', 'a级', 'red', '红名单'], 0, 60),
    ]), derivedFrom: 'credit' }],
    // No stakeholder map in these files: the entered level.
    ['relationship', levels(0, 100, [
      lv(['good', '好'], 90, 100),
      lv(['medium', '中', 'mid'], 70, 90),
      lv(['fair', '一般'], 50, 70),
      lv(['poor', '差'], 0, 50),
    ])],
    ['professional_level', PROFESSIONAL],
  ],
  lines: {
    key: [50, 90, 80, 90, 90, 90],
    important: [30, 85, 90, 80, 85, 70],
    general: [10, 60, 60, 70, 60, 70],
  },
  // The highest tier whose line is met on every dimension (the lines are not nested).
  classify: (_, below) => (!below.key ? 'key' : !below.important ? 'important' : !below.general ? 'general' : 'below'),
};

const FRAMEWORKS = [SCORECARD, CREDIT, EXTERNAL, INTERNAL];
for (const f of FRAMEWORKS) {
  for (const [, rule] of f.dims) {
    if (rule.kind === 'levels') {
      rule.byName = new Map();
      for (const level of rule.list) for (const name of level.names) rule.byName.set(name, level.score);
    }
  }
}

// ---- Columns (src/import/mapping.rs: the synonyms of the account fields) ----

const FIELDS = {
  id: ['客户编号', 'account id', 'id', '编号', '客户id', '客户代码', '客户编码', 'accountid', 'customerid', 'customer code'],
  name: ['客户名称', 'account name', '客户', '客户名', '公司名称', '公司', '企业名称', '企业', '单位名称', 'name', 'account', 'customer', 'customer name', 'company', 'company name'],
  strategic_fit: ['战略契合度', 'strategic fit', '战略契合', '战略匹配度', 'strategy fit'],
  profit_contribution: ['利润贡献', 'profit contribution', '利润贡献度'],
  business_scale: ['业务规模', 'business scale'],
  industry_influence: ['行业影响力', 'industry influence', '行业影响'],
  brand_effect: ['市场和品牌效应', 'market and brand effect', '品牌效应', '市场与品牌效应', '市场品牌效应', 'brand effect', 'market & brand effect'],
  development_potential: ['发展潜力', 'development potential', '潜力', 'potential'],
  deal_volume: ['年度项目成交量', 'annual deal volume', '项目成交量', '成交量', 'deal volume'],
  contract_performance: ['履约程度', 'contract performance', '履约', '履约情况', 'performance'],
  operating_risk: ['经营风险', 'operating risk', '风险', 'risk'],
  revenue_usd: ['营业收入(美元)', 'annual revenue (usd)', '营业收入', '年营业收入', '营收', '年收入', 'revenue', 'annual revenue', 'annualrevenue', 'revenue usd', 'turnover'],
  market_size: ['市场规模得分', 'market size score', '市场规模', 'market size'],
  product_pipelines: ['匹配产品管线数', 'matching product pipelines', '产品管线', '产品管线数', '管线数', 'pipelines', 'product pipelines'],
  rd_capability: ['研发能力', 'r&d capability', '研发', 'rd', 'research capability'],
  quality_requirement: ['质量要求', 'quality requirement', 'quality'],
  regulatory_requirement: ['法规要求', 'regulatory requirement', '法规', 'regulatory', 'compliance'],
  price_type: ['价格类型', 'price type', '价格敏感度', 'price sensitivity'],
  professional_level: ['专业水平', 'professional level', '专业程度', 'professionalism'],
  annual_sales: ['年销售额', 'annual sales', '销售额', '年度销售额', '我方销售额', 'sales', 'our sales', 'sales volume'],
  sales_scale: ['销售规模得分', 'sales scale score', '销售规模', 'sales scale'],
  profit_level: ['利润水平', 'profit level', '利润等级', 'profit'],
  credit_rating: ['信用等级', 'credit rating', '信用评级', '信用', 'credit', 'credit grade'],
  relationship: ['客户关系', 'customer relationship', '关系', 'relationship'],
};

/** Full-width folded, lower-cased, letters and digits only (normalise_header). */
function normaliseHeader(h) {
  return String(h)
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const SYNONYMS = new Map();
for (const [field, names] of Object.entries(FIELDS)) {
  for (const name of names) if (!SYNONYMS.has(normaliseHeader(name))) SYNONYMS.set(normaliseHeader(name), field);
}

/** Column index of each field, from the header row (exact synonyms). */
function mapColumns(headers) {
  const columns = {};
  headers.forEach((h, i) => {
    const field = SYNONYMS.get(normaliseHeader(String(h).replace(/^\ufeff/, '')));
    if (field && !(field in columns)) columns[field] = i;
  });
  if (!('id' in columns) && !('name' in columns)) throw new Error('no account id or name column');
  return columns;
}

// ---- Values (src/import/value.rs, the forms the files use) ----

const UNITS = [['万亿', 1e12], ['百万', 1e6], ['千万', 1e7], ['亿', 1e8], ['万', 1e4], ['千', 1e3]];

/** A number as written ("1,234,567", "520万", 42), or undefined for a label, null if blank. */
function parseNumber(cell) {
  if (typeof cell === 'number') return cell;
  const t = String(cell ?? '').trim();
  if (t === '') return null;
  const plain = Number(t);
  if (!Number.isNaN(plain) && /^[-+]?[\d.]/.test(t)) return Number.isFinite(plain) ? plain : undefined;
  if (!/\d/.test(t)) return undefined;
  let s = t;
  let factor = 1;
  for (const [unit, f] of UNITS) {
    if (s.endsWith(unit) && /[\d. ]$/.test(s.slice(0, -unit.length))) {
      factor = f;
      s = s.slice(0, -unit.length).trim();
      break;
    }
  }
  const [int, frac] = s.split('.');
  const groups = int.split(',');
  if (groups.slice(1).some((g) => g.length !== 3) || groups[0] === '') return undefined;
  const v = Number(groups.join('') + (frac !== undefined ? '.' + frac : ''));
  return Number.isFinite(v) ? v * factor : undefined;
}

const normaliseLabel = (s) => s.trim().split(/\s+/).join(' ').toLowerCase();

// ---- Scoring (src/scoring/mod.rs) ----

function interpolate(bps, m, max) {
  if (m < bps[0][0]) return NaN;
  const last = bps.length - 1;
  let seg = bps.slice(1).findIndex((b) => m < b[0]);
  if (seg === -1) seg = last;
  let raw;
  if (seg === last) raw = bps[last][1];
  else {
    const [[x0, y0], [x1, y1]] = [bps[seg], bps[seg + 1]];
    raw = y0 + ((y1 - y0) * (m - x0)) / (x1 - x0);
  }
  return Math.min(raw, max);
}

/** One dimension's score; NaN when missing or not acceptable (the account is then unclassed). */
function scoreDim(key, rule, inputs, totals) {
  if (rule.derivedFrom && totals[rule.derivedFrom] !== undefined) {
    return Math.min(Math.max(totals[rule.derivedFrom], rule.min), rule.max);
  }
  const value = inputs[key];
  if (rule.kind === 'piecewise') {
    if (typeof value === 'number') return interpolate(rule.bps, value, rule.max);
    const entered = inputs[rule.scoreInput];
    return typeof entered === 'number' && entered >= rule.min && entered <= rule.max ? entered : NaN;
  }
  if (typeof value === 'number') return value >= rule.min && value <= rule.max ? value : NaN;
  if (typeof value === 'string') return rule.byName.get(normaliseLabel(value)) ?? NaN;
  return NaN;
}

/** Every framework's class of one account (its inputs by key). */
function classify(inputs, classes) {
  const totals = {};
  for (const f of FRAMEWORKS) {
    let total = 0;
    let complete = true;
    const below = {};
    for (const line of Object.keys(f.lines ?? {})) below[line] = false;
    f.dims.forEach(([key, rule], i) => {
      const s = scoreDim(key, rule, inputs, totals);
      if (Number.isNaN(s)) {
        complete = false;
        return;
      }
      total += s;
      for (const [line, values] of Object.entries(f.lines ?? {})) if (s < values[i]) below[line] = true;
    });
    if (complete) totals[f.id] = total;
    const cls = complete ? f.classify(total, below) : '-';
    const counts = classes[f.id];
    counts[cls] = (counts[cls] ?? 0) + 1;
  }
}

/** Rows (arrays of cells, the header first) → accounts per class of each framework. */
function scoreRows(rows) {
  const columns = mapColumns(rows[0]);
  const inputKeys = Object.keys(columns).filter((k) => k !== 'id' && k !== 'name');
  const classes = Object.fromEntries(FRAMEWORKS.map((f) => [f.id, {}]));
  let accounts = 0;
  for (let r = 1; r < rows.length; r += 1) {
    const row = rows[r];
    const account = { id: String(row[columns.id] ?? '').trim(), name: String(row[columns.name] ?? '').trim(), inputs: {} };
    if (!account.id && !account.name) continue;
    for (const key of inputKeys) {
      const cell = row[columns[key]];
      const n = parseNumber(cell);
      if (n === null) continue;
      account.inputs[key] = n === undefined ? String(cell).trim() : n;
    }
    classify(account.inputs, classes);
    accounts += 1;
  }
  return { accounts, classes };
}

/** Imports one file; returns the milliseconds of parsing and of mapping + scoring. */
async function importFile(file) {
  const start = performance.now();
  let rows;
  if (/\.xlsx$/i.test(file.name)) {
    const book = XLSX.read(await file.arrayBuffer(), { type: 'array', dense: true });
    const sheet = book.Sheets[book.SheetNames[0]];
    rows = XLSX.utils.sheet_to_json(sheet, { header: 1, raw: true, defval: '' });
  } else {
    const text = await file.text();
    rows = Papa.parse(text, { skipEmptyLines: true }).data;
  }
  const parsed = performance.now();
  const result = scoreRows(rows);
  const end = performance.now();
  return { parse: parsed - start, score: end - parsed, total: end - start, ...result };
}

window.baseline = { importFile };
