//! Downloadable templates whose bilingual headers ("客户名称 Account name") map back
//! automatically on import.
//!
//! The CSV holds the accounts table and starts with a UTF-8 BOM, without which Excel on a
//! Chinese Windows reads UTF-8 as GBK and shows mojibake. The workbook adds the accepted level
//! labels per input (zh and en, from the frameworks in force) and sheets for stakeholders,
//! orders and credit assessments.

use rust_xlsxwriter::{Format, Workbook as XlsxWorkbook, Worksheet, XlsxError};

use crate::framework::{Framework, Rule};

use super::mapping::{template_headers, TableKind};
use super::ImportError;

/// The accounts template as CSV bytes (UTF-8 with BOM, header row only).
pub fn template_csv() -> Vec<u8> {
    let headers: Vec<String> = template_headers(TableKind::Accounts)
        .into_iter()
        .map(|(_, h)| h)
        .collect();
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut w = csv::Writer::from_writer(&mut out);
    // Writing to a Vec cannot fail; a failure would leave only the BOM, which imports as an
    // empty file and says so.
    let _ = w
        .write_record(&headers)
        .and_then(|()| w.flush().map_err(csv::Error::from));
    drop(w);
    out
}

/// The template workbook: accounts, level labels, stakeholders, orders, credit assessments.
pub fn template_xlsx(frameworks: &[Framework]) -> Result<Vec<u8>, ImportError> {
    build(frameworks).map_err(|e| ImportError::Template(e.to_string()))
}

fn header_row(sheet: &mut Worksheet, headers: &[String], bold: &Format) -> Result<(), XlsxError> {
    for (c, h) in headers.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, h, bold)?;
        sheet.set_column_width(c, (h.chars().count() as f64 * 1.6).clamp(12.0, 40.0))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn data_sheet(
    book: &mut XlsxWorkbook,
    name: &str,
    kind: TableKind,
    bold: &Format,
) -> Result<(), XlsxError> {
    let headers: Vec<String> = template_headers(kind).into_iter().map(|(_, h)| h).collect();
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    header_row(sheet, &headers, bold)
}

/// One line per input key that takes labels: its dimension, the labels in both languages and
/// the number range accepted instead of a label.
fn level_rows(frameworks: &[Framework]) -> Vec<[String; 5]> {
    let mut rows: Vec<[String; 5]> = Vec::new();
    for f in frameworks {
        for d in &f.dimensions {
            let rule = match &d.rule {
                Rule::Derived { fallback, .. } => fallback.as_ref(),
                r => r,
            };
            let Rule::Levels { levels, .. } = rule else {
                continue;
            };
            if rows.iter().any(|r| r[1] == d.input) {
                continue;
            }
            let zh: Vec<&str> = levels.iter().map(|l| l.label.zh.as_str()).collect();
            let en: Vec<&str> = levels.iter().map(|l| l.label.en.as_str()).collect();
            rows.push([
                d.label.both(),
                d.input.clone(),
                zh.join(" / "),
                en.join(" / "),
                format!("{} – {}", d.min, d.max),
            ]);
        }
    }
    rows
}

fn build(frameworks: &[Framework]) -> Result<Vec<u8>, XlsxError> {
    let mut book = XlsxWorkbook::new();
    let bold = Format::new().set_bold();
    data_sheet(&mut book, "客户 Accounts", TableKind::Accounts, &bold)?;
    let levels = book.add_worksheet();
    levels.set_name("等级 Levels")?;
    let headers = [
        "维度 Dimension",
        "输入键 Input key",
        "中文等级 Labels (zh)",
        "英文等级 Labels (en)",
        "或数值 Or a number",
    ]
    .map(String::from);
    header_row(levels, &headers, &bold)?;
    for (r, row) in level_rows(frameworks).iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            levels.write_string(r as u32 + 1, c as u16, text)?;
        }
    }
    data_sheet(
        &mut book,
        "人员 Stakeholders",
        TableKind::Stakeholders,
        &bold,
    )?;
    data_sheet(&mut book, "订单 Orders", TableKind::Orders, &bold)?;
    data_sheet(
        &mut book,
        "信用评估 Assessments",
        TableKind::Assessments,
        &bold,
    )?;
    book.save_to_buffer()
}
