//! Exports: the results table as CSV, safe to open in a spreadsheet.

pub mod results;
