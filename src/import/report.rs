//! The import report: every problem located as the user sees it in Excel (file, sheet, row
//! with the header as row 1, column letter and header), with the value and the reason in
//! English and Chinese; and the CSV of rejected rows to fix and import again.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::table::{Table, TableSource};
use crate::i18n::Lang;

/// Whether the row was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The row was not imported.
    Error,
    /// The row was imported; something deserves a look.
    Warning,
}

/// Why a cell, row or column was a problem.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    NotANumber,
    NotADate,
    /// Excel serial 60 is 29 February 1900, a day that never existed (Lotus' leap-year bug).
    ExcelLeapDay,
    UnknownLevel {
        accepted: String,
    },
    OutOfRange {
        min: f64,
        max: f64,
    },
    /// An accounts row without a name (and without an id to stand in for it).
    NoName,
    /// A stakeholder row without the person's name.
    NoPersonName,
    /// A linked row (stakeholder, order, assessment) without an account.
    NoAccount,
    /// A linked row whose account is neither in the import nor in the workspace.
    UnknownAccount,
    NoDate,
    NoAmount,
    DuplicateAccount {
        first_row: usize,
    },
    UnknownAccountLevel,
    UnterminatedQuote,
    BeyondHeader {
        width: usize,
    },
    UndecodableBytes,
    /// The table has no column mapped to a field it cannot do without.
    MissingColumn {
        field: String,
    },
    /// A column of a non-account table that maps to nothing, so it is not imported.
    ColumnNotImported,
}

impl Reason {
    /// The reason in `lang`, saying what to do where there is something to do.
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Reason::NotANumber if zh => "不是数字（可写 1,234,567、1.2万、3亿元、¥500、45%、2.5M）".into(),
            Reason::NotANumber => {
                "not a number (write e.g. 1,234,567, 1.2万, 3亿元, ¥500, 45%, 2.5M)".into()
            }
            Reason::NotADate if zh => "不是日期（可写 2024-01-05、2024/1/5、2024年1月5日）".into(),
            Reason::NotADate => "not a date (write e.g. 2024-01-05, 2024/1/5, 2024年1月5日)".into(),
            Reason::ExcelLeapDay if zh => {
                "Excel 序号 60 表示 1900-02-29，该日期不存在，请改为实际日期".into()
            }
            Reason::ExcelLeapDay => {
                "Excel serial 60 is 29 Feb 1900, a day that does not exist; enter the real date"
                    .into()
            }
            Reason::UnknownLevel { accepted } if zh => format!("不是已知等级；可用：{accepted}"),
            Reason::UnknownLevel { accepted } => {
                format!("not a known level; accepted: {accepted}")
            }
            Reason::OutOfRange { min, max } if max.is_infinite() && zh => {
                format!("超出范围；不能小于 {min}")
            }
            Reason::OutOfRange { min, max } if max.is_infinite() => {
                format!("out of range; must be at least {min}")
            }
            Reason::OutOfRange { min, max } if zh => format!("超出范围；允许 {min} 到 {max}"),
            Reason::OutOfRange { min, max } => format!("out of range; allowed {min} to {max}"),
            Reason::NoName if zh => "缺少客户名称".into(),
            Reason::NoName => "no account name".into(),
            Reason::NoPersonName if zh => "缺少人员姓名".into(),
            Reason::NoPersonName => "no person's name".into(),
            Reason::NoAccount if zh => "缺少所属客户（名称或编号）".into(),
            Reason::NoAccount => "no account (name or id)".into(),
            Reason::UnknownAccount if zh => "导入文件和工作区中都没有这个客户".into(),
            Reason::UnknownAccount => "no such account in the import or the workspace".into(),
            Reason::NoDate if zh => "缺少日期".into(),
            Reason::NoDate => "no date".into(),
            Reason::NoAmount if zh => "缺少金额".into(),
            Reason::NoAmount => "no amount".into(),
            Reason::DuplicateAccount { first_row } if zh => {
                format!("与第 {first_row} 行是同一个客户（编号或名称相同）")
            }
            Reason::DuplicateAccount { first_row } => {
                format!("the same account as row {first_row} (same id or name)")
            }
            Reason::UnknownAccountLevel if zh => "不是已知客户级别；可用：公司级、区域级".into(),
            Reason::UnknownAccountLevel => {
                "not a known account level; accepted: company 公司级, regional 区域级".into()
            }
            Reason::UnterminatedQuote if zh => {
                "此单元格的引号没有闭合，文件其余内容都被读进了这一格；请检查引号".into()
            }
            Reason::UnterminatedQuote => {
                "a quote opened in this cell is never closed, so the rest of the file was read into it; check the quotes".into()
            }
            Reason::BeyondHeader { width } if zh => {
                format!("表头只有 {width} 列，超出部分未导入")
            }
            Reason::BeyondHeader { width } => {
                format!("the header has only {width} columns; cells beyond it are not imported")
            }
            Reason::UndecodableBytes if zh => {
                "部分字节不是 UTF-8、UTF-16 或 GBK 编码，显示为 �；请另存为 UTF-8 后重试".into()
            }
            Reason::UndecodableBytes => {
                "some bytes are not UTF-8, UTF-16 or GBK and show as �; save as UTF-8 and retry"
                    .into()
            }
            Reason::MissingColumn { field } if zh => {
                format!("没有列对应“{field}”，本表未导入；请在映射中指定该列")
            }
            Reason::MissingColumn { field } => {
                format!("no column is mapped to '{field}', so this table was not imported; map one")
            }
            Reason::ColumnNotImported if zh => "此列没有对应字段，未导入".into(),
            Reason::ColumnNotImported => "this column maps to no field and is not imported".into(),
        }
    }
}

/// One problem, located as the user sees it in the spreadsheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub file: String,
    pub sheet: Option<String>,
    /// The spreadsheet row: the header row of a plain sheet is 1, its first data row 2.
    pub row: usize,
    /// The spreadsheet column, 0-based (A = 0); `None` for a whole row or table.
    pub column: Option<usize>,
    /// The header of that column, as written.
    pub header: String,
    pub value: String,
    pub reason: Reason,
    pub severity: Severity,
}

/// "A", "B", … "Z", "AA", … for a 0-based column.
pub fn column_letter(column: usize) -> String {
    let mut n = column + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

impl Problem {
    /// A problem about a whole table (or, once `row` and `column` are set, one spot in it).
    pub fn table_level(source: &TableSource, severity: Severity, reason: Reason) -> Problem {
        Problem {
            file: source.file.clone(),
            sheet: source.sheet.clone(),
            row: 1,
            column: None,
            header: String::new(),
            value: String::new(),
            reason,
            severity,
        }
    }

    /// Whether this problem left out a data row of `table` (an error below its header), so
    /// the row belongs in the table's problem rows.
    pub fn rejects_row_of(&self, table: &Table) -> bool {
        self.severity == Severity::Error
            && self.file == table.source.file
            && self.sheet == table.source.sheet
            && self.row > table.header_row as usize
    }

    /// The column letter, if the problem is about one column.
    pub fn column_letter(&self) -> Option<String> {
        self.column.map(column_letter)
    }

    /// One line: file, sheet, row, column letter and header, value, reason, and whether the
    /// row was skipped.
    pub fn render(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let mut s = self.file.clone();
        if let Some(sheet) = &self.sheet {
            s += &if zh {
                format!("，工作表 {sheet}")
            } else {
                format!(", sheet {sheet}")
            };
        }
        s += &if zh {
            format!("，第 {} 行", self.row)
        } else {
            format!(", row {}", self.row)
        };
        if let Some(letter) = self.column_letter() {
            s += &match (zh, self.header.is_empty()) {
                (true, true) => format!("，{letter} 列"),
                (true, false) => format!("，{letter} 列（{}）", self.header),
                (false, true) => format!(", column {letter}"),
                (false, false) => format!(", column {letter} ({})", self.header),
            };
        }
        if !self.value.is_empty() {
            s += &if zh {
                format!("，值“{}”", self.value)
            } else {
                format!(", value '{}'", self.value)
            };
        }
        s += if zh { "：" } else { ": " };
        s += &self.reason.text(lang);
        if self.severity == Severity::Error {
            s += if zh {
                "（该行未导入）"
            } else {
                " (row skipped)"
            };
        }
        s
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// What an import found: every problem, and how many rows were read and imported.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub problems: Vec<Problem>,
    /// Data rows read from the tables that were converted.
    pub rows_read: usize,
    /// Rows that became an account, stakeholder, order or assessment.
    pub rows_imported: usize,
}

impl ImportReport {
    /// Every problem as one line in `lang`, in the order found.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        self.problems.iter().map(|p| p.render(lang)).collect()
    }

    /// How many distinct rows were left out.
    pub fn rows_with_errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| {
                p.severity == Severity::Error && !matches!(p.reason, Reason::MissingColumn { .. })
            })
            .map(|p| (&p.file, &p.sheet, p.row))
            .collect::<HashSet<_>>()
            .len()
    }
}

/// The rejected rows of one table as CSV (UTF-8 with BOM, so Excel shows Chinese): the
/// original header and cells plus a last column "problem 问题" with the reasons in `lang`.
/// `None` when no row of this table was rejected.
pub fn problem_rows_csv(table: &Table, report: &ImportReport, lang: Lang) -> Option<Vec<u8>> {
    let mut reasons: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for p in &report.problems {
        if p.rejects_row_of(table) {
            let mut why = p.reason.text(lang);
            if let Some(letter) = p.column_letter() {
                why = format!("{letter} {}: {why}", p.header);
            }
            reasons.entry(p.row).or_default().push(why);
        }
    }
    if reasons.is_empty() {
        return None;
    }
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let mut header: Vec<&str> = table.headers.iter().map(String::as_str).collect();
        header.push("problem 问题");
        w.write_record(&header).ok()?;
        for row in table.rows() {
            let Some(why) = reasons.get(&row.number()) else {
                continue;
            };
            let width = table.headers.len().max(row.len());
            let mut cells: Vec<&str> = (0..width).map(|c| row.get(c)).collect();
            let joined = why.join("; ");
            cells.push(&joined);
            w.write_record(&cells).ok()?;
        }
        w.flush().ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
